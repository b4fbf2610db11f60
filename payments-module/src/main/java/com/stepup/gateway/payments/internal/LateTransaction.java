package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * What Klarna may still hold for a payment that has ended: a final authorization whose outcome was
 * never heard (ASKING: asked again with the same key until Klarna says yes or no), and a
 * transaction Klarna approved after the end (VOIDING until voided at Klarna, or what it captured
 * refunded). "Release" is the partner's money step of an authorized payment; a late transaction is
 * voided (ADR 0032). Its decisions record into the payment that holds it.
 */
@Embeddable
class LateTransaction {

  private static final Logger LOG = Logger.getLogger(LateTransaction.class.getName());

  /** Where a late transaction stands. */
  enum Stage {
    ASKING,
    NOTHING_HELD,
    VOIDING,
    VOIDED,
    REFUSED
  }

  @Column(name = "late_transaction_id")
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "release_state")
  private Stage state;

  @Column(name = "release_next_at")
  private Instant nextAt;

  /** An attempt's outcome is unknown: Klarna is to be asked again at once. */
  void ask(Instant now) {
    state = Stage.ASKING;
    nextAt = now;
  }

  boolean asking() {
    return state == Stage.ASKING;
  }

  boolean voiding() {
    return state == Stage.VOIDING && id != null;
  }

  String id() {
    return id;
  }

  Stage stage() {
    return state;
  }

  /**
   * Klarna's answer to the final authorization of the ended payment {@code p}: an approval with a
   * transaction the payment does not hold is a late approval; any other answer to a question still
   * asked means Klarna holds nothing.
   */
  void finalAnswer(Payment p, AuthorizeResult result, Instant now) {
    boolean approved =
        AuthorizeResult.APPROVED.equals(result.result())
            && result.transactionId() != null
            && !result.transactionId().equals(p.transactionId());
    if (approved && (state == null || asking())) {
      approved(p, result.transactionId(), now);
    } else if (asking()) {
      nothingHeld(p, now);
      p.touch(now);
    }
  }

  /** The final authorization of the ended payment failed: asked again later, or nothing held. */
  void finalFailure(Payment p, KlarnaException e, Instant now, PaymentPolicy policy) {
    if (!asking()) {
      return;
    }
    if (e.outcome().askAgain()) {
      nextAt = now.plus(policy.authorizeRetry());
    } else {
      nothingHeld(p, now);
    }
    p.touch(now);
  }

  private void nothingHeld(Payment p, Instant now) {
    p.approval().drop();
    state = Stage.NOTHING_HELD;
    nextAt = null;
    p.record(now, Kind.KLARNA_CALL, TimelineEvent.LATE_NOTHING_HELD, null);
  }

  /** Klarna holds a transaction the ended payment never will: keep it, alarm, void it. */
  void approved(Payment p, String transactionId, Instant now) {
    p.approval().drop();
    id = transactionId;
    state = Stage.VOIDING;
    nextAt = now;
    LOG.severe(
        () ->
            "ALARM late approval: Klarna approved payment "
                + p.id()
                + " after it was "
                + p.status().wire()
                + "; voiding its transaction at Klarna");
    p.record(
        now,
        Kind.STATE_CHANGE,
        TimelineEvent.LATE_APPROVAL,
        null,
        p.status().wire(),
        transactionId);
    p.touch(now);
  }

  /** Klarna holds yet another transaction for a payment voiding one: a person must look. */
  void further(Payment p, String transactionId, Instant now) {
    LOG.severe(
        () ->
            "ALARM Klarna holds a further transaction "
                + transactionId
                + " for payment "
                + p.id()
                + ", which is voiding another; needs a person");
    p.record(now, Kind.KLARNA_SIGNAL, TimelineEvent.LATE_FURTHER_TRANSACTION, null, transactionId);
    p.touch(now);
  }

  /**
   * Klarna's answer to the void of the late transaction ({@code e} null: voided, or what it
   * captured refunded, said by {@code klarnaState}): done, later again, or refused. Answers false,
   * recording nothing, when there is nothing to void.
   */
  boolean recordVoid(
      Payment p, String klarnaState, KlarnaException e, Instant now, PaymentPolicy policy) {
    if (!voiding()) {
      return false;
    }
    if (e == null) {
      state = Stage.VOIDED;
      nextAt = null;
      p.record(now, Kind.KLARNA_CALL, TimelineEvent.LATE_RELEASED, null, klarnaState);
    } else if (e.outcome().askAgain()) {
      nextAt = now.plus(policy.authorizeRetry());
      p.record(now, Kind.KLARNA_CALL, TimelineEvent.LATE_RELEASE_FAILED, null, e.describe());
    } else {
      state = Stage.REFUSED;
      nextAt = null;
      LOG.severe(
          () ->
              "ALARM Klarna refused to void the late transaction of payment "
                  + p.id()
                  + ": "
                  + e.describe());
      p.record(now, Kind.KLARNA_CALL, TimelineEvent.LATE_RELEASE_REFUSED, null, e.describe());
    }
    p.touch(now);
    return true;
  }
}
