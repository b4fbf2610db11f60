package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;

/**
 * The plain answer support staff are asked first: was the shopper charged? Said from the payment's
 * facts (its status, its money status, what Klarna answered), as a message key of {@code
 * payment.charged.*}. Unknown is said as unknown, never as no.
 */
final class ChargeAnswer {

  private ChargeAnswer() {}

  /**
   * {@code no}, {@code unknown}, {@code late}, {@code pending}, {@code awaiting} or a money status
   * word.
   */
  static String of(PaymentView p) {
    if (p.status() == PaymentStatus.PENDING) {
      return "pending";
    }
    if (p.status() == PaymentStatus.AUTHORIZED && moneyInFlight(p)) {
      return "awaiting"; // a capture, refund or release sent and not yet answered: not "not yet"
    }
    if (p.status() == PaymentStatus.AUTHORIZED) {
      MoneyStatus money = p.moneyStatus();
      return money == MoneyStatus.NONE ? "no" : money.wire();
    }
    PaymentView.Klarna k = p.klarna();
    if (k != null && k.paymentTransactionId() != null) {
      return "late"; // Klarna holds a transaction for an ended payment: released, never captured
    }
    if (p.status() == PaymentStatus.EXPIRED
        && (k == null || (k.result() == null && k.paymentRequestId() == null))) {
      return "unknown"; // the authorize was never answered for certain
    }
    return "no";
  }

  /**
   * Whether a capture, refund or release was sent to Klarna and is not answered yet: the amounts
   * hold it (what can be captured or refunded is less than the confirmed figures leave), so the
   * money status, made of confirmed figures alone, cannot say whether the shopper was charged.
   */
  static boolean moneyInFlight(PaymentView p) {
    PaymentView.Amounts a = p.amounts();
    PaymentView.Klarna k = p.klarna();
    if (a == null || k == null || k.transactionState() == null) {
      return false;
    }
    String state = k.transactionState();
    boolean captureOrRelease =
        "AUTHORIZED".equals(state)
            && a.capturable() < Math.max(0, a.authorized() - a.captured() - a.released());
    boolean refund =
        !"CLOSED".equals(state) && a.refundable() < Math.max(0, a.captured() - a.refunded());
    return captureOrRelease || refund;
  }

  /** The heading over why the payment ended: a cancel is not a failure. */
  static String whyKey(PaymentView p) {
    return switch (p.status()) {
      case CANCELED -> "payment.why.canceled";
      case DECLINED -> "payment.why.declined";
      case EXPIRED -> "payment.why.expired";
      default -> "payment.why.failed";
    };
  }
}
