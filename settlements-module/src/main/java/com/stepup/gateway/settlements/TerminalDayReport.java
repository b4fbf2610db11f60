package com.stepup.gateway.settlements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A till's end-of-day report (issue 27): the sales started at one terminal on one day in the
 * merchant's time zone ({@code [from, to)}), how they ended, the money they moved so far per
 * currency, what is left open, and what Klarna has settled of them so far. Amounts in minor units.
 */
public record TerminalDayReport(
    String merchantId,
    String storeReference,
    String terminalReference,
    String terminalName,
    LocalDate date,
    String timeZone,
    Instant from,
    Instant to,
    Sales sales,
    List<CurrencyDay> currencies) {

  /** How many sales were started, and how each has ended so far. */
  public record Sales(
      long started,
      long approved,
      long declined,
      long expired,
      long canceled,
      long failed,
      long pending) {}

  /**
   * One currency's figures.
   *
   * @param net captured less refunded
   * @param uncapturedCount open authorizations left uncaptured (approved sales with something left
   *     to capture while the authorization lasts), and {@code uncapturedAmount} what is left
   * @param notFinalizedCount sales the shopper approved whose final authorization the gateway has
   *     not made yet, and {@code notFinalizedAmount} their amount
   * @param settledCaptures of {@code captures}, how many a payout has settled
   * @param settledSales, settledReturns, settledFees what those payouts' SALE, RETURN and FEE/TAX
   *     lines say (signed as they move the merchant's balance), and {@code settledNet} their sum
   */
  public record CurrencyDay(
      String currency,
      long captured,
      long refunded,
      long net,
      long uncapturedCount,
      long uncapturedAmount,
      long notFinalizedCount,
      long notFinalizedAmount,
      long captures,
      long settledCaptures,
      long settledSales,
      long settledReturns,
      long settledFees,
      long settledNet) {}
}
