package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * A payment after its authorization: the money of its Klarna transaction (capture, refund and
 * release, ADR 0012). Only {@link Payment#authorized()} makes one, so a money step on a payment
 * that holds no transaction is a missing object, not a check in every method (the library's
 * state-as-type). It is a view over the payment's own row: the amount rules are {@link
 * Settlement}'s, what a decision produced goes to the payment's {@link Changes}, and the payment's
 * row lock serialises every use.
 */
final class AuthorizedPayment {

  private static final Logger LOG = Logger.getLogger(AuthorizedPayment.class.getName());

  private final Payment payment;
  private final Settlement settlement;

  AuthorizedPayment(Payment payment, Settlement settlement) {
    this.payment = payment;
    this.settlement = settlement;
  }

  /**
   * The captures Klarna made with the authorize that created the transaction (an auto-capture),
   * recorded as succeeded operations. Klarna's answer need not name the state (its documented
   * sample does not): captures that cover the whole amount mean COMPLETED.
   */
  void openedWith(KlarnaTransaction t, Instant now) {
    long capturedAtOnce = 0;
    for (KlarnaTransaction.Capture c :
        t == null ? List.<KlarnaTransaction.Capture>of() : t.captures()) {
      capturedAtOnce += c.amount();
      MoneyOperation op =
          MoneyOperation.made(
              Ids.next("cap"), payment.id(), MoneyOperation.Kind.CAPTURE, c.amount(), c.id(), now);
      settlement.captured(c.amount());
      payment.changes().operation(op);
      payment.changes().notice("payment.captured", op);
      payment.record(
          now,
          Kind.KLARNA_CALL,
          TimelineEvent.CAPTURED_WITH_AUTHORIZATION,
          null,
          payment.amount(c.amount()));
    }
    if ((t == null || t.state() == null) && capturedAtOnce > 0 && capturedAtOnce >= amount()) {
      settlement.learn(KlarnaTransaction.COMPLETED, null, null);
    }
  }

  /** What the transaction authorized: the payment's amount. */
  long amount() {
    return payment.money().amount();
  }

  String paymentId() {
    return payment.id();
  }

  String transactionId() {
    return payment.transactionId();
  }

  /**
   * Records a capture about to be sent, holding its amount ({@code null}: all that is capturable).
   * 409 when the amount is more than can be captured. {@code operations}: the payment's operations,
   * read under its lock (what they hold is what is held: {@link Settlement#holding}); so for every
   * method that begins or ends one.
   */
  MoneyOperation beginCapture(
      Long requested,
      String klarnaBody,
      Kind by,
      String who,
      Instant now,
      Duration inFlight,
      List<MoneyOperation> operations) {
    settlement.holding(holds(operations, null));
    long held = settlement.holdCapture(requested, amount());
    return begin(
        MoneyOperation.Kind.CAPTURE,
        held,
        null,
        null,
        klarnaBody,
        by,
        who,
        now,
        inFlight,
        operations);
  }

  /**
   * Records a refund about to be sent, holding its amount: of {@code capture} (one of this
   * payment's succeeded captures, {@code refundedOfCapture} of it refunded or on its way) when set.
   */
  MoneyOperation beginRefund(
      Long requested,
      MoneyOperation capture,
      long refundedOfCapture,
      String reason,
      String klarnaBody,
      Kind by,
      String who,
      Instant now,
      Duration inFlight,
      List<MoneyOperation> operations) {
    settlement.holding(holds(operations, null));
    long held =
        settlement.holdRefund(
            requested, capture == null ? null : capture.amount() - refundedOfCapture);
    return begin(
        MoneyOperation.Kind.REFUND,
        held,
        capture == null ? null : capture.id(),
        reason,
        klarnaBody,
        by,
        who,
        now,
        inFlight,
        operations);
  }

  /** Records a release (void) about to be sent: all that is authorized and not captured. */
  MoneyOperation beginRelease(
      Kind by, String who, Instant now, Duration inFlight, List<MoneyOperation> operations) {
    settlement.holding(holds(operations, null));
    long held = settlement.holdRelease(amount());
    return begin(
        MoneyOperation.Kind.RELEASE, held, null, null, null, by, who, now, inFlight, operations);
  }

  /**
   * What this payment's pending operations hold: {@code operations} as read under its lock, with
   * {@code changed} (one just begun or answered, null: none) as it stands now.
   */
  private Settlement.Held holds(List<MoneyOperation> operations, MoneyOperation changed) {
    List<MoneyOperation> now = new ArrayList<>();
    for (MoneyOperation o : operations) {
      if (o.paymentId().equals(payment.id()) && (changed == null || !o.id().equals(changed.id()))) {
        now.add(o);
      }
    }
    if (changed != null) {
      now.add(changed);
    }
    return Settlement.Held.by(now);
  }

  private MoneyOperation begin(
      MoneyOperation.Kind kind,
      long held,
      String captureId,
      String reason,
      String klarnaBody,
      Kind by,
      String who,
      Instant now,
      Duration inFlight,
      List<MoneyOperation> operations) {
    MoneyOperation op =
        MoneyOperation.begin(
            Ids.next(kind.prefix),
            payment.id(),
            kind,
            held,
            captureId,
            reason,
            klarnaBody,
            now,
            inFlight);
    settlement.holding(holds(operations, op));
    payment.changes().operation(op);
    if (kind == MoneyOperation.Kind.REFUND && captureId != null) {
      payment.record(
          now,
          by,
          TimelineEvent.REFUND_OF_CAPTURE_REQUESTED,
          klarnaBody,
          payment.amount(held),
          captureId,
          who,
          op.id());
    } else {
      TimelineEvent requested =
          switch (kind) {
            case CAPTURE -> TimelineEvent.CAPTURE_REQUESTED;
            case REFUND -> TimelineEvent.REFUND_REQUESTED;
            case RELEASE -> TimelineEvent.RELEASE_REQUESTED;
          };
      payment.record(now, by, requested, klarnaBody, payment.amount(held), who, op.id());
    }
    payment.touch(now);
    return op;
  }

  /** Klarna captured or refunded: the amount moves from held to done, and the partner is told. */
  void recordMoved(
      MoneyOperation op,
      KlarnaMoneyMove answer,
      String detail,
      Instant now,
      List<MoneyOperation> operations) {
    if (!op.pending()) {
      return; // answered already (a retry's repeat of Klarna's first answer)
    }
    long moved = answer.amount() > 0 ? answer.amount() : op.amount();
    op.succeeded(answer.id(), moved, now);
    settlement.holding(holds(operations, op));
    if (op.kind() == MoneyOperation.Kind.CAPTURE) {
      settlement.captured(moved);
      if (answer.transactionState() != null) {
        settlement.learn(answer.transactionState(), null, null);
      } else {
        completeIfAllMoved();
      }
    } else {
      settlement.refunded(moved);
    }
    String verb = op.kind() == MoneyOperation.Kind.CAPTURE ? "captured" : "refunded";
    payment.record(
        now,
        Kind.KLARNA_CALL,
        op.kind() == MoneyOperation.Kind.CAPTURE
            ? TimelineEvent.KLARNA_CAPTURED
            : TimelineEvent.KLARNA_REFUNDED,
        detail,
        payment.amount(moved),
        op.id());
    payment.changes().notice("payment." + verb, op);
    payment.touch(now);
  }

  /** Klarna released (voided) what was not captured. */
  void recordReleased(
      MoneyOperation op,
      KlarnaTransaction t,
      String detail,
      Instant now,
      List<MoneyOperation> operations) {
    if (!op.pending()) {
      return;
    }
    op.succeeded(null, op.amount(), now);
    settlement.holding(holds(operations, op));
    settlement.released(op.amount());
    settlement.learn(
        t.state() != null
            ? t.state()
            : settlement.captured() > 0 ? KlarnaTransaction.COMPLETED : KlarnaTransaction.CLOSED,
        t.expiresAt(),
        t.updatedAt());
    payment.record(
        now,
        Kind.KLARNA_CALL,
        TimelineEvent.KLARNA_RELEASED,
        detail,
        payment.amount(op.amount()),
        settlement.transactionState());
    payment.changes().notice("payment.released", op);
    payment.touch(now);
  }

  /** Klarna refused the operation: it failed, and what it held is free again. */
  void recordMoveRefused(
      MoneyOperation op,
      KlarnaException e,
      String detail,
      Instant now,
      List<MoneyOperation> operations) {
    if (!op.pending()) {
      return;
    }
    op.failed("Klarna refused: " + e.describe(), now);
    settlement.holding(holds(operations, op));
    payment.record(
        now,
        Kind.KLARNA_CALL,
        TimelineEvent.OPERATION_REFUSED,
        detail,
        what(op),
        op.id(),
        e.describe());
    payment.touch(now);
  }

  /**
   * No answer, or a 5xx: the operation's outcome is unknown, so it keeps its hold and is sent again
   * with the same key; once Klarna has forgotten the key (24 hours) a repeat could move money
   * twice, so it stops, still holding, for a person to look at.
   */
  void recordMoveUnanswered(
      MoneyOperation op, KlarnaException e, String detail, Instant now, PaymentPolicy policy) {
    if (!op.pending()) {
      return;
    }
    op.retryAt(e.describe(), now.plus(policy.authorizeRetry()), now);
    payment.record(
        now,
        Kind.KLARNA_CALL,
        TimelineEvent.OPERATION_UNANSWERED,
        detail,
        what(op),
        op.id(),
        e.describe());
    payment.touch(now);
  }

  /**
   * Whether a pending operation may no longer be sent again: Klarna may have forgotten its key by
   * the time a repeat arrives, and would then move the money a second time (simulation finding F3).
   * What Klarna holds is read instead ({@link #recordMoveFromRead}).
   */
  static boolean keyMayBeForgotten(MoneyOperation op, Instant now, PaymentPolicy policy) {
    return !op.createdAt().plus(Payment.KEY_MEMORY).isAfter(now.plus(policy.authorizeRetry()));
  }

  /**
   * A pending operation whose key Klarna may have forgotten, settled by a read of the transaction
   * instead of a repeat: a release is done if the transaction is no longer voidable; a capture or
   * refund ends, its hold freed, and the read brings the amounts in line ({@link
   * TransactionNews#learnMoves}). Nothing stays held without a pending operation (finding F4).
   */
  void recordMoveFromRead(
      MoneyOperation op, KlarnaTransaction t, Instant now, List<MoneyOperation> operations) {
    if (!op.pending()) {
      return;
    }
    LOG.warning(
        () ->
            "The "
                + what(op)
                + " "
                + op.id()
                + " of payment "
                + payment.id()
                + " stayed unanswered for a day; settled from Klarna's transaction instead of sent"
                + " again");
    boolean voided =
        !KlarnaTransaction.AUTHORIZED.equals(t.state())
            && !KlarnaTransaction.EXPIRED.equals(t.state());
    if (op.kind() == MoneyOperation.Kind.RELEASE && voided) {
      recordReleased(op, t, null, now, operations);
      return;
    }
    op.failed(
        "Unanswered for a day: not sent again (Klarna may have forgotten its key); Klarna's"
            + " transaction read instead",
        now);
    settlement.holding(holds(operations, op));
    payment.record(
        now, Kind.KLARNA_CALL, TimelineEvent.OPERATION_READ_INSTEAD, null, what(op), op.id());
    payment.touch(now);
  }

  /**
   * What Klarna says of the transaction (a webhook, a read): its state moves only forward, its
   * expiry follows; an authorization that ran out with something uncaptured tells the partner once.
   * Answers whether anything changed.
   */
  boolean learnTransaction(KlarnaTransaction t, String source, Instant now) {
    if (!transactionId().equals(t.id())) {
      return false;
    }
    String before = settlement.transactionState();
    boolean changed = settlement.learn(t.state(), t.expiresAt(), t.updatedAt());
    if (changed) {
      if (before.equals(settlement.transactionState())) {
        payment.record(
            now,
            Kind.KLARNA_SIGNAL,
            TimelineEvent.TRANSACTION_EXPIRY,
            null,
            settlement.transactionState(),
            t.expiresAt(),
            source);
      } else {
        payment.record(
            now,
            Kind.KLARNA_SIGNAL,
            TimelineEvent.TRANSACTION_STATE,
            null,
            settlement.transactionState(),
            source);
      }
    }
    long expired = settlement.noticeExpiry(amount());
    if (expired > 0) {
      LOG.warning(
          () ->
              "Payment "
                  + payment.id()
                  + ": the authorization expired with "
                  + expired
                  + " uncaptured");
      payment.record(
          now,
          Kind.STATE_CHANGE,
          TimelineEvent.AUTHORIZATION_EXPIRED,
          null,
          payment.amount(expired));
      payment.changes().notice("payment.authorization_expired", null);
      changed = true;
    }
    if (changed) {
      payment.touch(now);
    }
    return changed;
  }

  /** A capture or refund Klarna made that the gateway has no operation for: the amounts follow. */
  void madeAtKlarna(MoneyOperation op, String source, Instant now) {
    boolean capture = op.kind() == MoneyOperation.Kind.CAPTURE;
    if (capture) {
      settlement.captured(op.amount());
    } else {
      settlement.refunded(op.amount());
    }
    String verb = capture ? "captured" : "refunded";
    payment.changes().operation(op);
    payment.changes().notice("payment." + verb, op);
    payment.record(
        now,
        Kind.KLARNA_SIGNAL,
        capture ? TimelineEvent.CAPTURED_AT_KLARNA : TimelineEvent.REFUNDED_AT_KLARNA,
        null,
        payment.amount(op.amount()),
        op.id(),
        source);
    payment.touch(now);
  }

  /** All that was authorized is captured or released: the transaction is COMPLETED. */
  void completeIfAllMoved() {
    if (settlement.captured() + settlement.released() >= amount()) {
      settlement.learn(KlarnaTransaction.COMPLETED, null, null);
    }
  }

  /** A read found the overdue transaction not yet moved on: the next read waits a while. */
  void readTransactionAgainLater(Instant now) {
    settlement.readAnswered(now);
  }

  private static String what(MoneyOperation op) {
    return op.kind().name().toLowerCase(Locale.ROOT);
  }
}
