package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.KlarnaSignals;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * What Klarna says about a payment's request, however it arrives: a webhook (through {@link
 * KlarnaSignals}), a read of our own, the shopper's return. The payment decides what a signal
 * changes; a COMPLETED request is finalized.
 */
@ApplicationScoped
class KlarnaSignalHandling implements KlarnaSignals {

  private final PaymentRepository repository;
  private final PaymentQueries queries;
  private final KlarnaPayments klarna;
  private final FinalAuthorization finalization;
  private final PaymentSettings settings;
  private final Clock clock;

  @Inject
  KlarnaSignalHandling(
      PaymentRepository repository,
      PaymentQueries queries,
      KlarnaPayments klarna,
      FinalAuthorization finalization,
      PaymentSettings settings,
      Clock clock) {
    this.repository = repository;
    this.queries = queries;
    this.klarna = klarna;
    this.finalization = finalization;
    this.settings = settings;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected KlarnaSignalHandling() {
    this(null, null, null, null, null, null);
  }

  /** The unauthenticated return page may read Klarna for a payment once per interval. */
  private final ReturnReads returnReads = new ReturnReads(ReturnReads.INTERVAL);

  @Override
  public void onPaymentTransaction(KlarnaTransaction transaction, String source) {
    if (transaction.id() == null) {
      return;
    }
    Optional<String> held = queries.byTransaction(transaction.id());
    if (held.isPresent()) {
      TransactionNews.apply(repository, held.get(), transaction, source, clock.instant());
    } else if (transaction.reference() != null) {
      // a transaction for one of our payments that it does not hold (finding F5): taken by a
      // pending payment whose approval's answer was lost, else released as a late approval. An
      // event carries no list of captures, so the transaction is read from Klarna first (its
      // answer is authoritative); a failed read leaves the event to the inbox, to be tried again
      Optional<Payment> ours = repository.find(transaction.reference());
      if (ours.isEmpty() || !ours.get().stepUp().wouldLearn(transaction)) {
        return;
      }
      KlarnaTransaction read =
          klarna.readTransaction(ours.get().partnerAccountId(), transaction.id());
      KlarnaTransaction fromKlarna =
          read.reference() == null ? read.withReference(transaction.reference()) : read;
      boolean learned =
          repository
              .changeIfThere(
                  transaction.reference(),
                  p ->
                      p.stepUp()
                          .learnOwnTransaction(fromKlarna, source + " and a read", clock.instant()))
              .orElse(false);
      if (learned) {
        TransactionNews.apply(
            repository,
            transaction.reference(),
            fromKlarna,
            source + " and a read",
            clock.instant());
      }
    }
  }

  @Override
  public void onPaymentRequest(KlarnaPaymentRequest request, String source) {
    // the payment holding the request is found and locked at once (no query before the lock)
    Optional<String> finalizable =
        repository
            .changeByRequestIfThere(
                request.id(),
                q -> {
                  q.stepUp()
                      .applyKlarnaState(request, source, false, clock.instant(), settings.policy());
                  return q.finalizable() ? Optional.of(q.id()) : Optional.<String>empty();
                })
            .orElseGet(() -> adoptedAndChanged(request, source));
    finalizable.ifPresent(finalization::finalizeIfDue);
  }

  /**
   * No payment holds the request: one waiting for its authorize's answer may take it ({@link
   * #adopted}), and the signal is then applied to it. Answers the payment's id when it is to be
   * finalized.
   */
  private Optional<String> adoptedAndChanged(KlarnaPaymentRequest request, String source) {
    Optional<String> id = adopted(request, source);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    boolean finalizable =
        repository
            .changeIfThere(
                id.get(),
                q -> {
                  q.stepUp()
                      .applyKlarnaState(request, source, false, clock.instant(), settings.policy());
                  return q.finalizable();
                })
            .orElse(false);
    return finalizable ? id : Optional.empty();
  }

  /**
   * A request event for a request no payment has named, whose {@code payment_request_reference} is
   * a payment still waiting for its authorize's answer (finding F8): the request is read from
   * Klarna (authoritative, with where the shopper goes) and taken by the payment. A failed read
   * leaves the event to the inbox, to be tried again. Answers the payment's id once taken.
   */
  private Optional<String> adopted(KlarnaPaymentRequest request, String source) {
    if (request.reference() == null || request.id() == null) {
      return Optional.empty();
    }
    Optional<Payment> ours = repository.find(request.reference());
    if (ours.isEmpty() || !ours.get().initialAuthorize().wouldAdopt(request)) {
      return Optional.empty();
    }
    KlarnaPaymentRequest read = klarna.read(ours.get().partnerAccountId(), request.id());
    KlarnaPaymentRequest fromKlarna =
        read.reference() == null ? withReference(read, request.reference()) : read;
    boolean taken =
        repository
            .changeIfThere(
                request.reference(),
                p ->
                    p.initialAuthorize()
                        .adoptRequest(
                            fromKlarna, source + " and a read", clock.instant(), settings.policy()))
            .orElse(false);
    return taken ? Optional.of(request.reference()) : Optional.empty();
  }

  private static KlarnaPaymentRequest withReference(KlarnaPaymentRequest pr, String reference) {
    return new KlarnaPaymentRequest(
        pr.id(),
        reference,
        pr.state(),
        pr.previousState(),
        pr.stateReason(),
        pr.expiresAt(),
        pr.updatedAt(),
        pr.qrImageUrl(),
        pr.qrTargetUrl(),
        pr.paymentRequestUrl(),
        pr.networkSessionToken(),
        pr.paymentToken());
  }

  /** Reads the Payment Request from Klarna, applies it, and finalizes when it is COMPLETED. */
  PaymentView refresh(String id, String source) {
    Payment p = repository.find(id).orElseThrow();
    if (p.paymentRequestId() != null && p.status() == PaymentStatus.PENDING) {
      KlarnaPaymentRequest pr = klarna.read(p.partnerAccountId(), p.paymentRequestId());
      p =
          repository.change(
              id,
              q -> {
                q.stepUp().applyKlarnaState(pr, source, true, clock.instant(), settings.policy());
                return q;
              });
    }
    return p.finalizable() ? finalization.finalizeIfDue(id) : p.view();
  }

  /** The shopper is back: learn the outcome (at most one Klarna read every few seconds). */
  PaymentView returnFromKlarna(String paymentId) {
    Payment p = repository.find(paymentId).orElseThrow(() -> new NotFound("Payment"));
    if (p.status() != PaymentStatus.PENDING || p.paymentRequestId() == null) {
      return p.view();
    }
    PaymentView view;
    boolean throttled = !returnReads.mayRead(paymentId, clock.instant());
    if (throttled) {
      // the return page reloaded again and again: Klarna is read at most every few seconds
      view = p.finalizable() ? finalization.finalizeIfDue(paymentId) : p.view();
    } else {
      try {
        view = refresh(paymentId, "return redirect");
      } catch (KlarnaException e) {
        repository.note(
            paymentId,
            clock.instant(),
            Kind.KLARNA_CALL,
            TimelineEvent.READ_ON_RETURN_FAILED,
            e.describe());
        view = p.view();
      }
    }
    // another worker may hold the final authorization (or, for a repeated return, the read that
    // leads to it): wait a little for its outcome
    long started = System.nanoTime();
    long deadline = started + settings.returnWait().toNanos();
    long readWindow = started + ReturnReads.INTERVAL.toNanos();
    while (view.status() == PaymentStatus.PENDING
        && (view.klarna().state() == PaymentRequestState.COMPLETED
            || (throttled && System.nanoTime() < readWindow))
        && System.nanoTime() < deadline) {
      sleep(200);
      view = repository.find(paymentId).orElseThrow().view();
    }
    return view;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
