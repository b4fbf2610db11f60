package com.stepup.gateway.settlements;

import java.time.Instant;

/**
 * A payout as imported. {@code totals} are signed as they move the merchant's balance, and {@code
 * net} is their sum, which is the sum of the lines.
 */
public record PayoutView(
    String id,
    String merchantId,
    String klarnaPaymentReference,
    Instant payoutDate,
    String currency,
    Totals totals,
    int lineCount) {

  /** Minor units, signed: sales positive; returns, fees, tax, reversals, holdbacks negative. */
  public record Totals(
      long sales,
      long returns,
      long fees,
      long tax,
      long reversals,
      long holdbacks,
      long releases,
      long net) {}
}
