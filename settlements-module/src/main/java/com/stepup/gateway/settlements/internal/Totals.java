package com.stepup.gateway.settlements.internal;

/**
 * Which of a payout's totals a Klarna transaction type adds to (KLARNA-API.md §12.3). Every line
 * also adds to {@code net}, so {@code net} = sales + returns + fees + tax + reversals + holdbacks +
 * releases = the sum of the lines.
 */
enum Totals {
  SALES,
  RETURNS,
  FEES,
  TAX,
  REVERSALS,
  HOLDBACKS,
  RELEASES;

  static Totals bucket(String type) {
    return switch (type) {
      case "SALE", "CREDIT", "CORRECTION" -> SALES;
      case "RETURN" -> RETURNS;
      case "TAX", "TAX_REFUND" -> TAX;
      case "REVERSAL", "REVERSAL_MERCHANT_PROTECTION" -> REVERSALS;
      case "HOLDBACK" -> HOLDBACKS;
      case "RELEASE" -> RELEASES;
      // FEE, FEE_REFUND, COMMISSION, CHARGE and any type Klarna adds later: what Klarna takes
      default -> FEES;
    };
  }
}
