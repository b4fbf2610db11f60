package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.DomainError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * What the janitor does for one due payment: resume an unanswered authorize, finalize an approved
 * one, retry a cancel, or read the request from Klarna; and, when Klarna stays silent past the
 * request's expiry, end a payment the shopper never approved.
 */
@ApplicationScoped
class JanitorCheck {

  private final PaymentRepository repository;
  private final TakingPayments taking;
  private final FinalAuthorization finalization;
  private final Cancelling cancelling;
  private final KlarnaSignalHandling signals;
  private final PaymentSettings settings;
  private final Clock clock;

  @Inject
  JanitorCheck(
      PaymentRepository repository,
      TakingPayments taking,
      FinalAuthorization finalization,
      Cancelling cancelling,
      KlarnaSignalHandling signals,
      PaymentSettings settings,
      Clock clock) {
    this.repository = repository;
    this.taking = taking;
    this.finalization = finalization;
    this.cancelling = cancelling;
    this.signals = signals;
    this.settings = settings;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected JanitorCheck() {
    this(null, null, null, null, null, null, null);
  }

  void check(String id) {
    Payment p = repository.find(id).orElse(null);
    if (p == null || p.status() != PaymentStatus.PENDING) {
      return;
    }
    try {
      if (p.authorizing()) {
        repository.note(id, clock.instant(), Kind.JANITOR, TimelineEvent.AUTHORIZE_RESUMED);
        taking.authorize(id);
      } else if (p.finalizable()) {
        finalization.finalizeIfDue(id);
      } else if (p.cancelRequested() && p.requestState() != PaymentRequestState.COMPLETED) {
        cancelling.cancelAtKlarna(id, false);
      } else {
        signals.refresh(id, "janitor read");
      }
    } catch (DomainError | KlarnaException e) {
      repository.change(
          id,
          q -> {
            if (q.beyondHope(clock.instant())) {
              q.expire(
                  "The Payment Request expired and Klarna could not be reached", clock.instant());
            } else if (q.status() == PaymentStatus.PENDING && e instanceof KlarnaException k) {
              q.recordCallFailure(
                  TimelineEvent.JANITOR_CHECK_FAILED, k, clock.instant(), settings.policy());
            }
            return q;
          });
    }
  }
}
