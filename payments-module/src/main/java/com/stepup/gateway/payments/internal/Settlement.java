package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.errors.AmountConflict;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The money of an authorized payment after its authorization (KLARNA-API.md §10): what its Klarna
 * transaction has captured, refunded and released, what is on its way (an operation sent and not
 * yet answered holds its amount, so that two at once can never together exceed what remains), and
 * where the transaction stands at Klarna. Every amount rule of capture, refund and release is here;
 * the payment locks its row around each use, so the rules see every operation before them.
 */
@Embeddable
class Settlement {

  @Column(name = "captured_amount")
  private long captured;

  @Column(name = "refunded_amount")
  private long refunded;

  @Column(name = "released_amount")
  private long released;

  /**
   * What the payment's pending operations hold (captures, refunds, a release): set from them
   * whenever one begins or ends ({@link #holding}), never counted up or down on its own (issue 33).
   */
  @Column(name = "capture_pending")
  private long capturePending;

  @Column(name = "refund_pending")
  private long refundPending;

  @Column(name = "release_pending")
  private boolean releasePending;

  @Column(name = "transaction_state")
  private String transactionState;

  @Column(name = "transaction_updated_at")
  private Instant transactionUpdatedAt;

  @Column(name = "authorization_expires_at")
  private Instant authorizationExpiresAt;

  @Column(name = "expiry_noticed")
  private boolean expiryNoticed;

  /**
   * When the janitor next reads the transaction of its own accord: at the authorization's expiry
   * while AUTHORIZED, and 7 days after it once EXPIRED (when Klarna closes or completes it, whose
   * webhook may be lost: simulation finding F6); null when nothing is due.
   */
  @Column(name = "transaction_read_at")
  private Instant transactionReadAt;

  /** Klarna moves an EXPIRED transaction on (CLOSED, or COMPLETED) 7 days after its expiry. */
  static final Duration CLOSING_GRACE = Duration.ofDays(7);

  /** A read that found the transaction not yet moved on is made again this much later. */
  static final Duration READ_AGAIN = Duration.ofHours(1);

  protected Settlement() {}

  /** A transaction Klarna just created: AUTHORIZED (or COMPLETED by an auto-capture). */
  static Settlement opened(KlarnaTransaction t, Instant now) {
    Settlement s = new Settlement();
    s.transactionState = t == null || t.state() == null ? KlarnaTransaction.AUTHORIZED : t.state();
    s.authorizationExpiresAt = t == null ? null : t.expiresAt();
    s.transactionUpdatedAt = t == null || t.updatedAt() == null ? now : t.updatedAt();
    s.planRead();
    return s;
  }

  // -- the amounts ---------------------------------------------------------------------------

  /**
   * What a payment's pending operations hold: their captures and refunds summed, and whether a
   * release is among them. Only a pending operation holds anything.
   */
  record Held(long captures, long refunds, boolean release) {

    Held {
      if (captures < 0 || refunds < 0) {
        throw new IllegalStateException(
            "a negative hold (captures " + captures + ", refunds " + refunds + ") is a bug");
      }
    }

    /** What the pending ones of {@code operations} hold; an amount of 0 or less is a bug. */
    static Held by(Collection<MoneyOperation> operations) {
      long captures = 0;
      long refunds = 0;
      boolean release = false;
      for (MoneyOperation o : operations) {
        if (!o.pending()) {
          continue;
        }
        if (o.kind() != MoneyOperation.Kind.RELEASE && o.amount() <= 0) {
          throw new IllegalStateException(
              "operation " + o.id() + " holds " + o.amount() + ": a hold is more than 0");
        }
        switch (o.kind()) {
          case CAPTURE -> captures = Math.addExact(captures, o.amount());
          case REFUND -> refunds = Math.addExact(refunds, o.amount());
          case RELEASE -> release = true;
        }
      }
      return new Held(captures, refunds, release);
    }
  }

  /**
   * What is held is what the payment's pending operations hold: set from them whenever one begins
   * or ends, so it cannot drift from them (issue 33).
   */
  void holding(Held held) {
    capturePending = held.captures();
    refundPending = held.refunds();
    releasePending = held.release();
  }

  /** What can be captured now: authorized, less captured, released and on its way. */
  long capturable(long authorized) {
    if (!KlarnaTransaction.AUTHORIZED.equals(transactionState) || releasePending) {
      return 0;
    }
    return Math.max(0, authorized - captured - released - capturePending);
  }

  /** What can be refunded now: captured, less refunded and on its way (nothing once CLOSED). */
  long refundable() {
    if (KlarnaTransaction.CLOSED.equals(transactionState)) {
      return 0;
    }
    return Math.max(0, captured - refunded - refundPending);
  }

  /** What a release would free: all that is authorized and neither captured nor released. */
  long releasable(long authorized) {
    boolean voidable =
        KlarnaTransaction.AUTHORIZED.equals(transactionState)
            || KlarnaTransaction.EXPIRED.equals(transactionState);
    return voidable && !releasePending ? Math.max(0, authorized - captured - released) : 0;
  }

  PaymentView.Amounts amounts(long authorized) {
    return new PaymentView.Amounts(
            authorized, captured, refunded, capturable(authorized), refundable())
        .withReleased(released);
  }

  // -- the rules: each answers the amount to hold, or says why not -----------------------------
  // (the hold itself is the operation begun with it: see holding)

  /**
   * Holds {@code requested} (or, when null, all that is capturable) for a capture about to be sent.
   * 409 when the transaction is not AUTHORIZED, a release is on its way, or the amount is more than
   * is capturable.
   */
  long holdCapture(Long requested, long authorized) {
    requirePositive(requested);
    if (!KlarnaTransaction.AUTHORIZED.equals(transactionState)) {
      throw new Conflict(
          "The payment's Klarna transaction is "
              + transactionState
              + "; only an AUTHORIZED transaction can be captured.");
    }
    if (releasePending) {
      throw new Conflict("A release of the payment is on its way; nothing more can be captured.");
    }
    long capturable = capturable(authorized);
    long amount = requested == null ? capturable : requested;
    if (capturable == 0) {
      throw new AmountConflict(
          "Nothing is left to capture"
              + (capturePending > 0 ? " (" + capturePending + " is being captured)" : "")
              + ".",
          AmountConflict.Rule.CAPTURE_NOTHING_LEFT,
          amount,
          0,
          capturePending);
    }
    if (amount > capturable) {
      throw new AmountConflict(
          "The amount "
              + amount
              + " is more than can be captured ("
              + capturable
              + (capturePending > 0 ? ", with " + capturePending + " being captured" : "")
              + ").",
          AmountConflict.Rule.CAPTURE_OVER,
          amount,
          capturable,
          capturePending);
    }
    return amount;
  }

  /**
   * Holds {@code requested} (or all that is refundable, of the capture when {@code ofCapture} is
   * the refundable rest of one capture) for a refund about to be sent. 409 when nothing was
   * captured, the transaction is CLOSED, or the amount is more than is refundable.
   */
  long holdRefund(Long requested, Long ofCapture) {
    requirePositive(requested);
    if (KlarnaTransaction.CLOSED.equals(transactionState)) {
      throw new Conflict("The payment's Klarna transaction is CLOSED; no refund can be made.");
    }
    if (captured == 0) {
      throw new Conflict("Nothing has been captured, so nothing can be refunded.");
    }
    long refundable = ofCapture == null ? refundable() : Math.min(refundable(), ofCapture);
    long amount = requested == null ? refundable : requested;
    if (refundable == 0) {
      throw new AmountConflict(
          "Nothing is left to refund"
              + (ofCapture != null ? " of this capture" : "")
              + (refundPending > 0 ? " (" + refundPending + " is being refunded)" : "")
              + ".",
          ofCapture != null
              ? AmountConflict.Rule.REFUND_NOTHING_LEFT_OF_CAPTURE
              : AmountConflict.Rule.REFUND_NOTHING_LEFT,
          amount,
          0,
          refundPending);
    }
    if (amount > refundable) {
      throw new AmountConflict(
          "The amount "
              + amount
              + " is more than can be refunded"
              + (ofCapture != null ? " of this capture" : "")
              + " ("
              + refundable
              + ").",
          ofCapture != null
              ? AmountConflict.Rule.REFUND_OVER_OF_CAPTURE
              : AmountConflict.Rule.REFUND_OVER,
          amount,
          refundable,
          refundPending);
    }
    return amount;
  }

  /** Holds a release (void) about to be sent: what it frees. 409 when nothing is left. */
  long holdRelease(long authorized) {
    if (capturePending > 0) {
      throw new AmountConflict(
          "A capture of " + capturePending + " is on its way; release once it is answered.",
          AmountConflict.Rule.RELEASE_WHILE_CAPTURING,
          0,
          0,
          capturePending);
    }
    long releasable = releasable(authorized);
    if (releasable == 0) {
      throw new Conflict(
          releasePending
              ? "A release is already on its way."
              : "Nothing is left to release: the transaction is "
                  + transactionState
                  + (captured >= authorized - released ? ", all of it captured or released" : "")
                  + ".");
    }
    return releasable;
  }

  /**
   * An amount asked for is more than zero, whoever asks (the API, the console, the janitor): a
   * negative hold would make room that is not there, and stay (issue 33).
   */
  private static void requirePositive(Long requested) {
    if (requested != null && requested <= 0) {
      throw new InvalidInput("amount", "must be more than 0 (in minor units), got " + requested);
    }
  }

  // -- Klarna's answers ---------------------------------------------------------------------

  // (what an answered operation held is let go by holding, from the operations still pending)

  void captured(long amount) {
    captured += amount;
  }

  void refunded(long amount) {
    refunded += amount;
  }

  void released(long amount) {
    released += amount;
  }

  /**
   * What Klarna says the transaction is (an operation's answer, a webhook, a read): a later state
   * is taken, an earlier one never (a late or reordered event cannot move it back); an expiry is
   * taken unless the news is older than what is known. Answers whether it changed anything.
   */
  boolean learn(String state, Instant expiresAt, Instant updatedAt) {
    boolean stale =
        updatedAt != null
            && transactionUpdatedAt != null
            && updatedAt.isBefore(transactionUpdatedAt);
    boolean changed = false;
    if (PaymentStateMachine.canMoveTransaction(transactionState, state)) {
      transactionState = state;
      changed = true;
    }
    if (expiresAt != null && !stale && !expiresAt.equals(authorizationExpiresAt)) {
      authorizationExpiresAt = expiresAt;
      changed = true;
    }
    if (changed && updatedAt != null && !stale) {
      transactionUpdatedAt = updatedAt;
    }
    if (changed) {
      planRead();
    }
    return changed;
  }

  /**
   * The next read of the transaction, from its state and expiry (see {@code transactionReadAt}).
   */
  private void planRead() {
    Instant expiry = authorizationExpiresAt();
    if (expiry == null) {
      transactionReadAt = null;
    } else if (KlarnaTransaction.AUTHORIZED.equals(transactionState)) {
      transactionReadAt = expiry;
    } else if (KlarnaTransaction.EXPIRED.equals(transactionState)) {
      transactionReadAt = expiry.plus(CLOSING_GRACE);
    } else {
      transactionReadAt = null;
    }
  }

  /**
   * Klarna answered a read made because the transaction was {@link #overdue}: when it has not moved
   * on yet, the next read waits {@link #READ_AGAIN} rather than come every janitor pass.
   */
  void readAnswered(Instant now) {
    if (overdue(now)) {
      transactionReadAt = now.plus(READ_AGAIN);
    }
  }

  /**
   * The authorization ran out with something left uncaptured (the transaction is no longer
   * AUTHORIZED, and neither captures nor a release account for all of it), and the partner has not
   * been told yet: marks it told and answers what expired uncaptured; else 0.
   */
  long noticeExpiry(long authorized) {
    if (expiryNoticed
        || transactionState == null
        || KlarnaTransaction.AUTHORIZED.equals(transactionState)) {
      return 0;
    }
    long uncaptured = authorized - captured - released - capturePending;
    if (uncaptured <= 0 || releasePending) {
      return 0;
    }
    expiryNoticed = true;
    return uncaptured;
  }

  /**
   * By our own clock Klarna should have moved the transaction on while we have not heard of it: the
   * authorization ran out while we still say AUTHORIZED, or the 7 days after its expiry passed
   * while we still say EXPIRED (finding F6: the CLOSED webhook lost, nothing read it again).
   */
  boolean overdue(Instant now) {
    return transactionReadAt != null && !now.isBefore(transactionReadAt);
  }

  String transactionState() {
    return transactionState;
  }

  Instant authorizationExpiresAt() {
    return authorizationExpiresAt;
  }

  long captured() {
    return captured;
  }

  long refunded() {
    return refunded;
  }

  long released() {
    return released;
  }

  boolean pending() {
    return capturePending > 0 || refundPending > 0 || releasePending;
  }
}
