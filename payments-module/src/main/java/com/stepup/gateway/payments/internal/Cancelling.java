package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cancelling a payment: asked by the partner or an operator, or a sale the till has left
 * (superseded). The request is recorded first; Klarna's Payment Request is then canceled with no
 * transaction open, and the janitor retries a cancel Klarna did not answer. A payment the shopper
 * has approved is never taken back from them.
 */
@ApplicationScoped
class Cancelling {

  private static final Logger LOG = Logger.getLogger(Cancelling.class.getName());

  private final PaymentRepository repository;
  private final KlarnaPayments klarna;
  private final KlarnaSignalHandling signals;
  private final PaymentSettings settings;
  private final Clock clock;

  @Inject
  Cancelling(
      PaymentRepository repository,
      KlarnaPayments klarna,
      KlarnaSignalHandling signals,
      PaymentSettings settings,
      Clock clock) {
    this.repository = repository;
    this.klarna = klarna;
    this.signals = signals;
    this.settings = settings;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected Cancelling() {
    this(null, null, null, null, null);
  }

  PaymentView cancel(
      String merchantId, String paymentId, Kind kind, TimelineEvent event, String who) {
    return cancel(merchantId, paymentId, kind, event, who, null);
  }

  /**
   * A cancel, bound to the partner's Idempotency-Key {@code key} (null: none): a key that asked for
   * this payment's cancel answers that cancel, as it stands now, at any time and after any crash,
   * and never starts a second one.
   */
  PaymentView cancel(
      String merchantId, String paymentId, Kind kind, TimelineEvent event, String who, String key) {
    Payment p = repository.owned(merchantId, paymentId);
    if (p.cancelAskedWith(key)) {
      return earlier(p);
    }
    if (p.status().isFinal()) {
      throw new Conflict(
          "The payment is " + p.status().wire() + "; only a pending payment can be canceled.");
    }
    if (p.authorizing()) {
      throw new Conflict("Klarna has not answered the authorize yet; retry shortly.");
    }
    if (p.requestState() == PaymentRequestState.COMPLETED) {
      throw approved(paymentId);
    }
    repository.change(
        paymentId,
        q -> {
          if (q.requestCancel(kind, event, clock.instant(), who)) {
            q.bindCancelKey(key);
          }
          return q;
        });
    return cancelAtKlarna(paymentId, true);
  }

  /**
   * The answer to a retry of the cancel a key asked for: that cancel as it stands now. One on its
   * way is carried on (read first, as ever); one the shopper's approval overtook is refused as it
   * was; one that ended answers the payment.
   */
  private PaymentView earlier(Payment p) {
    if (p.status() == PaymentStatus.PENDING && p.requestState() != PaymentRequestState.COMPLETED) {
      return cancelAtKlarna(p.id(), true);
    }
    return answered(p.view(), true);
  }

  /**
   * A cancel's answer: with {@code answerPartner}, 409 when the shopper's approval overtook it (the
   * request is COMPLETED, or its final authorization went through), else the payment as it stands.
   */
  private static PaymentView answered(PaymentView v, boolean answerPartner) {
    boolean approved =
        v.status() == PaymentStatus.AUTHORIZED
            || (v.status() == PaymentStatus.PENDING
                && v.klarna().state() == PaymentRequestState.COMPLETED);
    if (answerPartner && approved) {
      throw approved(v.id());
    }
    return v;
  }

  private static Conflict approved(String paymentId) {
    return new Conflict("The shopper has approved; the final authorization is under way.")
        .with("payment_id", paymentId);
  }

  /** A new sale on the terminal: the old one is canceled at Klarna so it cannot be approved. */
  void supersede(String oldId, String newId, String terminal) {
    repository.change(
        oldId,
        q ->
            q.requestCancel(
                Kind.PARTNER, TimelineEvent.SUPERSEDED, clock.instant(), newId, terminal));
    try {
      cancelAtKlarna(oldId, false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Canceling superseded payment {0} failed; the janitor retries", oldId);
    }
  }

  /**
   * Cancels the Payment Request at Klarna and applies Klarna's answer. With {@code answerPartner},
   * a refusal or no answer is the caller's error; without (supersede, janitor), it is recorded.
   *
   * <p>Klarna lets a COMPLETED request be canceled until it is authorized, and the COMPLETED
   * webhook may not be here yet: so every cancel (partner, console, supersede, janitor) reads the
   * request first, and a request the shopper approved is finalized, never canceled (the partner
   * gets 409). When the read fails, no DELETE is sent blind: the janitor reads and tries again. The
   * one window left is a shopper completing between our read and Klarna receiving the DELETE (one
   * round trip: ADR 0018).
   */
  PaymentView cancelAtKlarna(String id, boolean answerPartner) {
    Payment p = repository.find(id).orElseThrow();
    if (p.status().isFinal()) {
      return answered(p.view(), answerPartner);
    }
    if (p.paymentRequestId() == null) {
      return p.view(); // the janitor cancels once the authorize answer is known
    }
    if (p.requestState() != PaymentRequestState.COMPLETED) {
      try {
        signals.refresh(id, "read before the cancel");
      } catch (KlarnaException e) {
        Payment unread =
            repository.change(
                id,
                q -> {
                  q.recordCallFailure(
                      TimelineEvent.READ_BEFORE_CANCEL_FAILED,
                      e,
                      clock.instant(),
                      settings.policy());
                  return q;
                });
        if (answerPartner) {
          throw new KlarnaUnavailable(
                  "Klarna could not be read before the cancel; it will be retried. Poll the"
                      + " payment.")
              .with("payment_id", id);
        }
        return unread.view();
      }
      p = repository.find(id).orElseThrow();
      if (p.status().isFinal()) {
        return answered(p.view(), answerPartner);
      }
    }
    if (p.requestState() == PaymentRequestState.COMPLETED) {
      // approved by the shopper: a sale is not taken back from them; it is being finalized
      PaymentView kept =
          repository.change(
              id,
              q -> {
                q.note(Kind.KLARNA_CALL, TimelineEvent.CANCEL_NOT_SENT, clock.instant());
                return q.view();
              });
      return answered(kept, answerPartner);
    }
    try {
      KlarnaPaymentRequest canceled = klarna.cancel(p.partnerAccountId(), p.paymentRequestId());
      return repository.change(
          id,
          q -> {
            q.note(
                Kind.KLARNA_CALL, TimelineEvent.CANCEL_ANSWERED, clock.instant(), canceled.state());
            q.stepUp()
                .applyKlarnaState(
                    canceled, "cancel answer", false, clock.instant(), settings.policy());
            return q.view();
          });
    } catch (KlarnaException e) {
      if (e.outcome() != KlarnaException.Outcome.UNKNOWN) {
        // refused, or a 409 (too late, or a cancel already running): Klarna's state decides
        repository.note(
            id, clock.instant(), Kind.KLARNA_CALL, TimelineEvent.CANCEL_REFUSED, e.describe());
        PaymentView now = answered(signals.refresh(id, "read after refused cancel"), answerPartner);
        if (answerPartner && now.status() == PaymentStatus.PENDING) {
          throw new Conflict("Klarna refused the cancel: " + e.describe());
        }
        return now;
      }
      Payment failed =
          repository.change(
              id,
              q -> {
                q.recordCallFailure(
                    TimelineEvent.CANCEL_FAILED, e, clock.instant(), settings.policy());
                return q;
              });
      if (answerPartner) {
        throw new KlarnaUnavailable(
                "Klarna did not answer the cancel; it will be retried. Poll the payment.")
            .with("payment_id", id);
      }
      return failed.view();
    }
  }
}
