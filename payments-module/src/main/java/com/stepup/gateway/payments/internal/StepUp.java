package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A payment's step-up: Klarna's Payment Request moving as {@link PaymentStateMachine} allows, the
 * shopper's approval ({@link Approval}: the token and the claim), and the final authorization that
 * turns it into an authorized payment. An answer that arrives after the payment ended goes to its
 * {@link LateTransaction}. A view over the payment's row, made by {@link Payment#stepUp()}.
 */
final class StepUp {

  private static final Logger LOG = Logger.getLogger(StepUp.class.getName());

  private final Payment p;

  StepUp(Payment payment) {
    this.p = payment;
  }

  /**
   * A signal that Klarna's request is in some state (webhook, read, cancel answer, return). It is
   * applied only if the state machine accepts it; a COMPLETED signal also brings the token. For a
   * {@code read} of our own that finds nothing new, nothing is recorded and only the next read is
   * scheduled. Answers whether anything was recorded.
   */
  boolean applyKlarnaState(
      KlarnaPaymentRequest pr, String source, boolean read, Instant now, PaymentPolicy policy) {
    KlarnaRequest request = p.readRequest();
    if (!request.isAbout(pr)) {
      return false; // about another request (or before Klarna named ours): not this payment's news
    }
    PaymentRequestState signal = PaymentRequestState.parse(pr.state());
    PaymentRequestState current = request.state();
    if (!request.accepts(p.status(), signal, pr.updatedAt())) {
      boolean tokenLate =
          signal == PaymentRequestState.COMPLETED
              && current == signal
              && !p.approval().hasToken()
              && p.transactionId() == null
              && p.status() == PaymentStatus.PENDING
              && pr.token() != null;
      if (tokenLate) {
        takeToken(pr, now);
      }
      p.reschedule(now, policy);
      if (read && !tokenLate && signal == current) {
        return false;
      }
      TimelineEvent event =
          signal == current
              ? (tokenLate ? TimelineEvent.REQUEST_KNOWN_TOKEN_TAKEN : TimelineEvent.REQUEST_KNOWN)
              : (tokenLate
                  ? TimelineEvent.REQUEST_IGNORED_TOKEN_TAKEN
                  : TimelineEvent.REQUEST_IGNORED);
      p.record(now, Kind.KLARNA_SIGNAL, event, null, pr.state(), source);
      p.touch(now);
      return true;
    }
    p.changingRequest().moveTo(signal, pr, now);
    if (signal == PaymentRequestState.COMPLETED) {
      takeToken(pr, now);
    }
    if (pr.stateReason() == null) {
      p.record(now, Kind.KLARNA_SIGNAL, TimelineEvent.REQUEST_SIGNAL, null, signal, source);
    } else {
      p.record(
          now,
          Kind.KLARNA_SIGNAL,
          TimelineEvent.REQUEST_SIGNAL_BECAUSE,
          null,
          signal,
          pr.stateReason(),
          source);
    }
    PaymentStatus next = PaymentStateMachine.statusFor(signal);
    if (next != PaymentStatus.PENDING) {
      if (p.approval().hasToken() && p.approval().attempts() > 0 && p.lateStage() == null) {
        // a final authorization was sent and never answered: Klarna may hold a transaction;
        // the token stays, to ask again with the same key
        p.late().ask(now);
      } else {
        p.approval().drop();
      }
      p.move(next, pr.stateReason(), now);
    }
    p.reschedule(now, policy);
    p.touch(now);
    return true;
  }

  private void takeToken(KlarnaPaymentRequest pr, Instant now) {
    if (pr.token() != null) {
      p.approval().take(pr.token(), pr.updatedAt() != null ? pr.updatedAt() : now);
    }
  }

  /**
   * Takes the right to make the final authorization: only one worker holds it at a time, and a
   * holder that has not finished within {@code claimTimeout} (its server died) loses it.
   */
  boolean claimFinalization(Instant now, Duration claimTimeout) {
    if (!p.finalizable() || !p.approval().claim(now, claimTimeout)) {
      return false;
    }
    p.checkAt(now.plus(claimTimeout));
    p.record(
        now,
        Kind.STATE_CHANGE,
        TimelineEvent.FINAL_AUTHORIZE_STARTED,
        null,
        p.approval().attempts());
    p.touch(now);
    return true;
  }

  /**
   * Klarna's answer to the final authorization. On a payment that has ended meanwhile, an approval
   * with a transaction it does not hold is a late approval: kept, alarmed, and to be voided.
   */
  void recordFinalAnswer(AuthorizeResult result, String callDetail, Instant now) {
    p.record(
        now, Kind.KLARNA_CALL, TimelineEvent.FINAL_AUTHORIZE_ANSWERED, callDetail, result.result());
    p.approval().unclaim();
    if (p.status().isFinal()) {
      p.late().finalAnswer(p, result, now);
      return;
    }
    p.approval().drop();
    if (AuthorizeResult.APPROVED.equals(result.result())) {
      p.move(PaymentStatus.AUTHORIZED, null, TimelineEvent.AUTHORIZED_BY_FINAL_AUTHORIZE, now);
      p.openTransaction(result.transactionId(), result.transaction(), now);
    } else {
      p.move(
          PaymentStatus.DECLINED,
          result.resultReason(),
          result.resultReason() == null
              ? TimelineEvent.DECLINED_BY_FINAL_AUTHORIZE
              : TimelineEvent.DECLINED_BY_FINAL_AUTHORIZE_BECAUSE,
          now,
          result.resultReason());
    }
    p.touch(now);
  }

  /**
   * The final authorization failed. A refusal ends the payment FAILED. An unknown outcome (no
   * answer, a 5xx, a 429) or a call with this token still running (409) is asked again: Klarna's
   * final authorization is idempotent by its token ("repeated requests with the same token return
   * the same result", KLARNA-API.md §3), so asking again is safe even after Klarna has forgotten
   * the idempotency key, and an expired, unused token is refused then. Unknown is never failed
   * (simulation finding F2, ADR 0018).
   */
  void recordFinalFailure(KlarnaException e, String callDetail, Instant now, PaymentPolicy policy) {
    p.record(now, Kind.KLARNA_CALL, TimelineEvent.FINAL_AUTHORIZE_FAILED, callDetail, e.describe());
    p.approval().unclaim();
    if (p.status().isFinal()) {
      p.late().finalFailure(p, e, now, policy);
      return;
    }
    if (!e.outcome().askAgain()) {
      p.approval().drop();
      p.move(
          PaymentStatus.FAILED,
          "Klarna refused the final authorization: " + e.describe(),
          TimelineEvent.FAILED_FINAL_AUTHORIZE_REFUSED,
          now,
          e.describe());
    } else {
      if (p.approval().keyForgotten(now)) {
        LOG.warning(
            () ->
                "Payment "
                    + p.id()
                    + "'s final authorization is still unanswered a day after the shopper"
                    + " approved; asking Klarna again with the token");
      }
      p.checkAt(now.plus(policy.authorizeRetry()));
    }
    p.touch(now);
  }

  /**
   * A transaction Klarna holds for this payment (its {@code payment_transaction_reference} is our
   * id) that the payment does not hold, learned from a webhook or a read (simulation finding F5). A
   * pending payment without a transaction takes it: Klarna approved, and the answer that said so
   * was lost or is still on its way. An ended payment, or one authorized with another transaction,
   * never will hold it: it is kept as a late approval, alarmed, and voided at Klarna. Answers
   * whether anything changed.
   */
  boolean learnOwnTransaction(KlarnaTransaction t, String source, Instant now) {
    if (!wouldLearn(t)) {
      return false;
    }
    if (p.status() == PaymentStatus.PENDING && p.transactionId() == null) {
      if (p.klarnaResult() == null) {
        p.klarnaResult(AuthorizeResult.APPROVED);
      }
      p.approval().drop();
      p.move(
          PaymentStatus.AUTHORIZED,
          null,
          TimelineEvent.AUTHORIZED_BY_FOUND_TRANSACTION,
          now,
          source);
      p.openTransaction(t.id(), t, now);
      p.touch(now);
      return true;
    }
    if (p.lateStage() != null && !p.late().asking()) {
      p.late().further(p, t.id(), now);
      return true;
    }
    p.late().approved(p, t.id(), now);
    return true;
  }

  /**
   * Whether {@code t} is a transaction of ours this payment does not know ({@link
   * #learnOwnTransaction}).
   */
  boolean wouldLearn(KlarnaTransaction t) {
    return t.id() != null
        && !t.id().equals(p.transactionId())
        && !t.id().equals(p.lateTransactionId());
  }
}
