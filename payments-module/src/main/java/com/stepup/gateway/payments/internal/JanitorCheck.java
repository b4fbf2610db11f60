package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
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

  @Inject PaymentRepository repository;
  @Inject TakingPayments taking;
  @Inject FinalAuthorization finalization;
  @Inject Cancelling cancelling;
  @Inject KlarnaSignalHandling signals;
  @Inject PaymentSettings settings;
  @Inject Clock clock;

  void check(String id) {
    Payment p = repository.find(id).orElse(null);
    if (p == null || p.status() != PaymentStatus.PENDING) {
      return;
    }
    try {
      if (p.authorizing()) {
        repository.change(
            id,
            q -> {
              q.note(Kind.JANITOR, "Resuming the unanswered authorize", null, clock.instant());
              return q;
            });
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
              q.recordCallFailure("Janitor check", k, clock.instant(), settings.policy());
            }
            return q;
          });
    }
  }
}
