package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says how a payment may move. A payment's status moves only out of PENDING; its
 * Klarna Payment Request follows Klarna's graph; and a signal about the request (webhook, read,
 * return redirect) is applied only if it moves forward. The single backward edge in Klarna's graph,
 * IN_PROGRESS → SUBMITTED when the shopper aborts, is taken only for a signal newer than the state
 * it would replace, so a late or reordered signal never undoes a later one.
 */
public final class PaymentStateMachine {

  private PaymentStateMachine() {}

  static final Map<PaymentStatus, Set<PaymentStatus>> STATUS_MOVES =
      Map.of(
          PaymentStatus.PENDING,
          EnumSet.of(
              PaymentStatus.AUTHORIZED,
              PaymentStatus.DECLINED,
              PaymentStatus.EXPIRED,
              PaymentStatus.CANCELED,
              PaymentStatus.FAILED),
          PaymentStatus.AUTHORIZED,
          EnumSet.noneOf(PaymentStatus.class),
          PaymentStatus.DECLINED,
          EnumSet.noneOf(PaymentStatus.class),
          PaymentStatus.EXPIRED,
          EnumSet.noneOf(PaymentStatus.class),
          PaymentStatus.CANCELED,
          EnumSet.noneOf(PaymentStatus.class),
          PaymentStatus.FAILED,
          EnumSet.noneOf(PaymentStatus.class));

  static final Map<PaymentRequestState, Set<PaymentRequestState>> REQUEST_MOVES =
      Map.of(
          PaymentRequestState.SUBMITTED,
          EnumSet.of(
              PaymentRequestState.IN_PROGRESS,
              PaymentRequestState.COMPLETED,
              PaymentRequestState.DECLINED,
              PaymentRequestState.EXPIRED,
              PaymentRequestState.CANCELED),
          PaymentRequestState.IN_PROGRESS,
          EnumSet.of(
              PaymentRequestState.SUBMITTED,
              PaymentRequestState.COMPLETED,
              PaymentRequestState.DECLINED,
              PaymentRequestState.EXPIRED,
              PaymentRequestState.CANCELED),
          PaymentRequestState.COMPLETED,
          EnumSet.of(PaymentRequestState.CANCELED, PaymentRequestState.EXPIRED),
          PaymentRequestState.DECLINED,
          EnumSet.noneOf(PaymentRequestState.class),
          PaymentRequestState.EXPIRED,
          EnumSet.noneOf(PaymentRequestState.class),
          PaymentRequestState.CANCELED,
          EnumSet.noneOf(PaymentRequestState.class));

  /**
   * Klarna's Payment Transaction (KLARNA-API.md §10.1): AUTHORIZED until fully captured
   * (COMPLETED), voided (CLOSED with nothing captured, COMPLETED with some) or expired (EXPIRED);
   * an EXPIRED one ends 7 days on (CLOSED, or COMPLETED for the captured part) or when voided;
   * COMPLETED closes in the end. Never back.
   */
  static final Map<TransactionState, Set<TransactionState>> TRANSACTION_MOVES =
      Map.of(
          TransactionState.AUTHORIZED,
          EnumSet.of(TransactionState.COMPLETED, TransactionState.EXPIRED, TransactionState.CLOSED),
          TransactionState.EXPIRED,
          EnumSet.of(TransactionState.COMPLETED, TransactionState.CLOSED),
          TransactionState.COMPLETED,
          EnumSet.of(TransactionState.CLOSED),
          TransactionState.CLOSED,
          EnumSet.noneOf(TransactionState.class));

  /** The transaction's states, in the order the diagram draws them. */
  public static final List<TransactionState> TRANSACTION_STATES =
      List.of(TransactionState.values());

  /**
   * Whether Klarna's transaction may move {@code from → to}, as Klarna spells them (an unknown
   * state is never moved to; a first state is taken as it is).
   */
  public static boolean canMoveTransaction(String from, String to) {
    TransactionState next = TransactionState.of(to);
    return next != null && (from == null || canMoveTransaction(TransactionState.of(from), next));
  }

  /**
   * Whether Klarna's transaction may move {@code from → to}; an unknown {@code from} never does.
   */
  public static boolean canMoveTransaction(TransactionState from, TransactionState to) {
    return from != null && to != null && TRANSACTION_MOVES.get(from).contains(to);
  }

  public static boolean canMove(PaymentStatus from, PaymentStatus to) {
    return STATUS_MOVES.get(from).contains(to);
  }

  /**
   * Whether Klarna's request may move {@code from → to}. SUBMITTED → COMPLETED and SUBMITTED →
   * DECLINED are allowed because the IN_PROGRESS in between may be a state we never see (a lost or
   * late webhook, or a read that comes after both moves).
   */
  public static boolean canMove(PaymentRequestState from, PaymentRequestState to) {
    return from == null ? to != null : REQUEST_MOVES.get(from).contains(to);
  }

  /** What the payment's status becomes when its request reaches {@code state}. */
  public static PaymentStatus statusFor(PaymentRequestState state) {
    return switch (state) {
      case DECLINED -> PaymentStatus.DECLINED;
      case EXPIRED -> PaymentStatus.EXPIRED;
      case CANCELED -> PaymentStatus.CANCELED;
      case SUBMITTED, IN_PROGRESS, COMPLETED -> PaymentStatus.PENDING;
    };
  }

  /**
   * Whether a signal that the request is {@code signal} as of {@code signalAt} should be applied to
   * a payment that is {@code status} with its request {@code current} as of {@code currentAt}.
   * Either time may be unknown (null).
   */
  public static boolean accepts(
      PaymentStatus status,
      PaymentRequestState current,
      Instant currentAt,
      PaymentRequestState signal,
      Instant signalAt) {
    if (status.isFinal() || signal == null || signal == current || !canMove(current, signal)) {
      return false;
    }
    if (current == PaymentRequestState.IN_PROGRESS && signal == PaymentRequestState.SUBMITTED) {
      return currentAt != null && signalAt != null && signalAt.isAfter(currentAt);
    }
    return true;
  }
}
