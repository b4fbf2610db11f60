package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.List;

/**
 * What Klarna has paid out of a payment (issue 27): each succeeded capture and refund, whether a
 * payout has settled it, in which payout, and the fee and tax Klarna took on each capture.
 *
 * @param status {@code none} (nothing captured), {@code not_settled} (captured, nothing settled
 *     yet), {@code partially_settled} or {@code settled} (every capture and refund settled)
 * @param settledAmount what the settled SALE and RETURN lines add up to (minor units, signed as
 *     they move the merchant's balance)
 * @param fees the settled FEE and TAX lines of the payment's captures (minor units, negative)
 */
public record PaymentSettlementView(
    String status, long settledAmount, long fees, List<Move> captures, List<Move> refunds) {

  public static final PaymentSettlementView NONE =
      new PaymentSettlementView("none", 0, 0, List.of(), List.of());

  /**
   * One capture or refund and its settlement.
   *
   * @param amount what the gateway captured or refunded (minor units, positive)
   * @param settled whether a payout settled it (its SALE or RETURN line)
   * @param settledAmount what that line says (signed: SALE positive, RETURN negative); 0 if not
   * @param fee the FEE lines Klarna charged on a capture (negative); 0 for a refund
   * @param tax the TAX lines on that fee (negative)
   */
  public record Move(
      String id,
      long amount,
      boolean settled,
      String payoutId,
      String klarnaPaymentReference,
      Instant payoutDate,
      long settledAmount,
      long fee,
      long tax) {}
}
