package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A payment's initial authorize: sent (and sent again with the same key) until Klarna answers,
 * approved, declined, or a step-up whose Payment Request the shopper then opens ({@link StepUp}).
 * "Unknown" is never "failed": only a refusal fails it, and an outcome still unknown when Klarna is
 * about to forget the key ends the payment EXPIRED, alarmed. A view over the payment's row, made by
 * {@link Payment#initialAuthorize()}.
 */
final class InitialAuthorize {

  private static final Logger LOG = Logger.getLogger(InitialAuthorize.class.getName());

  private final Payment p;

  InitialAuthorize(Payment payment) {
    this.p = payment;
  }

  /**
   * Counts a (re)sent initial authorize; the next try is due after the retry time. Answers false,
   * and sends nothing, once Klarna may no longer remember the authorize's key: a repeat could then
   * be taken as a new payment (simulation finding F1). The payment ends EXPIRED, alarmed.
   */
  boolean beginAuthorize(Instant now, PaymentPolicy policy) {
    if (!p.authorizing()) {
      return false;
    }
    if (p.authorizeAttempts() > 0 && !now.isBefore(p.createdAt().plus(askAgainFor(policy)))) {
      giveUp("its outcome stayed unknown until Klarna forgets its key", now);
      p.touch(now);
      return false;
    }
    p.countAuthorizeAttempt();
    p.checkAt(now.plus(policy.authorizeRetry()));
    return true;
  }

  /** Stops asking Klarna about an authorize whose outcome stayed unknown: EXPIRED, alarmed. */
  private void giveUp(String why, Instant now) {
    p.klarnaResult("UNKNOWN");
    LOG.severe(
        () ->
            "ALARM the outcome of payment "
                + p.id()
                + "'s authorize is unknown and Klarna is about to forget its key; check the"
                + " transaction reference "
                + p.id()
                + " at Klarna");
    p.move(
        PaymentStatus.EXPIRED,
        "Klarna never answered the authorize definitely (" + why + "); needs a person",
        TimelineEvent.EXPIRED_AUTHORIZE_UNANSWERED,
        now,
        why);
  }

  /**
   * Klarna's answer to the initial authorize. Answers false (and records nothing) when the answer
   * is already known: another worker recorded the same, idempotent answer first.
   */
  boolean recordAuthorizeAnswer(
      AuthorizeResult result, String callDetail, Instant now, PaymentPolicy policy) {
    if (!p.authorizing()) {
      return false;
    }
    p.klarnaResult(result.result());
    p.record(now, Kind.KLARNA_CALL, TimelineEvent.AUTHORIZE_ANSWERED, callDetail, result.result());
    switch (result.result()) {
      case AuthorizeResult.APPROVED -> {
        p.move(PaymentStatus.AUTHORIZED, null, TimelineEvent.AUTHORIZED_WITHOUT_STEP_UP, now);
        p.openTransaction(result.transactionId(), result.transaction(), now);
      }
      case AuthorizeResult.DECLINED ->
          p.move(
              PaymentStatus.DECLINED,
              result.resultReason(),
              result.resultReason() == null
                  ? TimelineEvent.DECLINED_BY_KLARNA
                  : TimelineEvent.DECLINED_BY_KLARNA_BECAUSE,
              now,
              result.resultReason());
      default -> {
        p.changingRequest().open(result.paymentRequest());
        p.stepUp()
            .applyKlarnaState(result.paymentRequest(), "authorize answer", false, now, policy);
      }
    }
    p.touch(now);
    return true;
  }

  /**
   * The initial authorize failed. Refused ({@link KlarnaException.Outcome#REFUSED}: nothing
   * happened): FAILED. Otherwise Klarna may have acted, or is still acting on the key (no answer, a
   * 5xx, a 429, a 409 in flight): the payment stays authorizing and the authorize is sent again
   * later with the same key, whose answer is what Klarna did; "unknown" is never "failed". Only
   * once Klarna's memory of the key is about to end ({@code policy.authorizeGiveUp()}, at most 23
   * hours) does it stop asking: a repeat after that could be taken as a new payment. It then ends
   * EXPIRED, never FAILED, alarmed for a person to check the reference at Klarna.
   */
  boolean recordAuthorizeFailure(
      KlarnaException e, String callDetail, Instant now, PaymentPolicy policy) {
    if (!p.authorizing()) {
      return false;
    }
    p.record(now, Kind.KLARNA_CALL, TimelineEvent.AUTHORIZE_FAILED, callDetail, e.describe());
    if (e.refused()) {
      p.klarnaResult("ERROR");
      p.move(
          PaymentStatus.FAILED,
          "Klarna refused the authorize: " + e.describe(),
          TimelineEvent.FAILED_AUTHORIZE_REFUSED,
          now,
          e.describe());
    } else if (!now.isBefore(p.createdAt().plus(askAgainFor(policy)))) {
      giveUp(e.describe(), now);
    } else {
      p.checkAt(now.plus(policy.authorizeRetry()));
    }
    p.touch(now);
    return true;
  }

  /** How long an unanswered authorize is asked again: the policy's, within Klarna's key memory. */
  private static Duration askAgainFor(PaymentPolicy policy) {
    Duration limit = Payment.KEY_MEMORY.minusHours(1);
    return policy.authorizeGiveUp().compareTo(limit) < 0 ? policy.authorizeGiveUp() : limit;
  }

  /**
   * A Payment Request Klarna made for this payment (its {@code payment_request_reference} is our
   * id) while the authorize's answer, which names it, never arrived (simulation finding F8, seed
   * 32014): taken as that answer would have been, so a shopper's approval is acted on at once
   * rather than when the janitor next asks again. {@code pr} is what Klarna answers a read of it.
   * Answers whether it was taken.
   */
  boolean adoptRequest(KlarnaPaymentRequest pr, String source, Instant now, PaymentPolicy policy) {
    if (!wouldAdopt(pr)) {
      return false;
    }
    p.klarnaResult(AuthorizeResult.STEP_UP_REQUIRED);
    p.record(now, Kind.KLARNA_SIGNAL, TimelineEvent.REQUEST_RECOVERED, null, source);
    p.changingRequest().open(pr);
    p.stepUp().applyKlarnaState(pr, source, false, now, policy);
    p.touch(now);
    return true;
  }

  /** Whether {@code pr} is a Payment Request of ours this payment waits to hear of. */
  boolean wouldAdopt(KlarnaPaymentRequest pr) {
    return p.authorizing()
        && pr.id() != null
        && p.id().equals(pr.reference())
        && p.paymentRequestId() == null;
  }
}
