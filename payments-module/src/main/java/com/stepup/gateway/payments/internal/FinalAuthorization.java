package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.errors.Conflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The final authorization, exactly once: the worker that claims it (a row-locked claim that expires
 * if its server dies) calls Klarna with the token and a key derived from the payment, with no
 * transaction open, and the payment records the answer. Also voids at Klarna the transaction of an
 * approval that came after the payment ended.
 */
@ApplicationScoped
class FinalAuthorization {

  private final PaymentRepository repository;
  private final KlarnaPayments klarna;
  private final PaymentSettings settings;
  private final Clock clock;
  private final PaymentMetrics metrics;

  @Inject
  FinalAuthorization(
      PaymentRepository repository,
      KlarnaPayments klarna,
      PaymentSettings settings,
      Clock clock,
      PaymentMetrics metrics) {
    this.repository = repository;
    this.klarna = klarna;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** For CDI's client proxy only. */
  protected FinalAuthorization() {
    this(null, null, null, null, null);
  }

  /** The final authorization, made by whichever worker claims it; others leave it be. */
  PaymentView finalizeIfDue(String id) {
    Optional<Payment> claimed =
        Optional.ofNullable(
            repository.change(
                id,
                q ->
                    q.stepUp().claimFinalization(clock.instant(), settings.claimTimeout())
                        ? q
                        : null));
    if (claimed.isEmpty()) {
      return repository.find(id).orElseThrow().view();
    }
    return send(claimed.get());
  }

  /**
   * The final authorization call (the payment's token, a key derived from the payment, no
   * transaction open), and the payment's record of Klarna's answer. The same call again is how an
   * answer never heard is asked for: Klarna answers a repeat with what it did.
   */
  private PaymentView send(Payment p) {
    FinalAuthorizationToken token = p.finalToken();
    boolean captureNow = p.captureMode() == Payment.CaptureMode.AUTOMATIC;
    JsonObject sent =
        KlarnaCalls.withTokenHeader(
            token.header(),
            AuthorizeRequest.finalBody(
                p.money().currency(), p.money().amount(), p.id(), captureNow));
    try {
      AuthorizeResult result =
          klarna.finalAuthorize(
              p.partnerAccountId(),
              token,
              p.money().currency(),
              p.money().amount(),
              p.id(),
              captureNow,
              KlarnaCalls.idempotencyKey(p.id(), "final-authorize"));
      Payment answered =
          repository.change(
              p.id(),
              q -> {
                q.stepUp()
                    .recordFinalAnswer(
                        result, KlarnaCalls.detail(sent, result.raw()), clock.instant());
                return q;
              });
      PaymentView after = answered.view();
      KlarnaCalls.readIfUnclear(repository, klarna, clock, answered);
      if (after.status() == PaymentStatus.AUTHORIZED && p.tokenExpiresAt() != null) {
        Instant approved = p.tokenExpiresAt().minus(Payment.TOKEN_WINDOW);
        metrics.approvalToAuthorized(Duration.between(approved, clock.instant()));
      }
      return after;
    } catch (KlarnaException e) {
      return repository.change(
          p.id(),
          q -> {
            q.stepUp()
                .recordFinalFailure(
                    e,
                    KlarnaCalls.detail(sent, KlarnaCalls.error(e)),
                    clock.instant(),
                    settings.policy());
            return q.view();
          });
    }
  }

  /**
   * A late approval Klarna captured at once (the payment's capture mode was automatic) cannot be
   * voided: what it captured is refunded instead, with a key of its own every retry reuses. Answers
   * whether that settled it.
   */
  private boolean refundLate(Payment p) {
    KlarnaTransaction t = klarna.readTransaction(p.partnerAccountId(), p.lateTransactionId());
    long left = t.capturedAmount() - t.refundedAmount();
    if (KlarnaTransaction.AUTHORIZED.equals(t.state())
        || KlarnaTransaction.EXPIRED.equals(t.state())) {
      return false; // still voidable: the void is in flight, asked again later with its key
    }
    if (left <= 0 || KlarnaTransaction.CLOSED.equals(t.state())) {
      repository.change(
          p.id(), q -> q.recordLateVoid(t.state(), null, clock.instant(), settings.policy()));
      return true; // Klarna holds nothing of it any more
    }
    klarna.refund(
        p.partnerAccountId(),
        p.lateTransactionId(),
        left,
        null,
        "the payment had ended when Klarna approved it",
        null,
        KlarnaCalls.idempotencyKey(p.id(), "refund-late"));
    repository.change(
        p.id(),
        q ->
            q.recordLateVoid(
                "refunded " + Amounts.format(left, p.money().currency()),
                null,
                clock.instant(),
                settings.policy()));
    return true;
  }

  /** An operator retries a failing final authorization now. */
  PaymentView retryByOperator(String merchantId, String paymentId, String username) {
    Payment p = repository.owned(merchantId, paymentId);
    if (!p.finalizable()) {
      throw new Conflict(
          "Only an approved, pending payment whose final authorization is due can be retried.");
    }
    if (p.tokenExpiresAt() != null && !p.tokenExpiresAt().isAfter(clock.instant())) {
      throw new Conflict("Klarna's token has expired; the payment cannot be finalized.");
    }
    repository.note(
        paymentId, clock.instant(), Kind.OPERATOR, TimelineEvent.FINAL_AUTHORIZE_RETRIED, username);
    PaymentView view = finalizeIfDue(paymentId);
    if (view.status() == PaymentStatus.PENDING
        && repository.find(paymentId).map(Payment::finalizing).orElse(false)) {
      throw new Conflict("A final authorization is running; look again shortly.");
    }
    return view;
  }

  /**
   * For an ended payment Klarna may hold money for: asks again, with the same key, what became of a
   * final authorization never answered; or voids at Klarna the transaction of a late approval, with
   * the same key each time.
   */
  void voidLate(String id) {
    Payment p = repository.find(id).orElse(null);
    if (p != null && p.askingKlarna()) {
      send(p);
      p = repository.find(id).orElse(null);
    }
    if (p == null || !p.voidingLate()) {
      return;
    }
    try {
      String state =
          klarna
              .voidTransaction(
                  p.partnerAccountId(),
                  p.lateTransactionId(),
                  // the key's name predates ADR 0032's words; a new name would be a second void
                  KlarnaCalls.idempotencyKey(id, "release-late"))
              .state();
      repository.change(id, q -> q.recordLateVoid(state, null, clock.instant(), settings.policy()));
    } catch (KlarnaException e) {
      KlarnaException failure = e;
      if (e.outcome() == KlarnaException.Outcome.IN_FLIGHT) {
        // a 409: the void still running, or the transaction's state forbids a void (captured):
        // read it, and refund what it captured
        try {
          if (refundLate(p)) {
            return;
          }
        } catch (KlarnaException refundFailed) {
          failure = refundFailed; // retried later when Klarna did not answer
        }
      }
      KlarnaException why = failure;
      repository.change(id, q -> q.recordLateVoid(null, why, clock.instant(), settings.policy()));
    }
  }
}
