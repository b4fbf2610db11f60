package com.stepup.gateway.klarna;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Klarna's Settlements API v1 (KLARNA-API.md §12.3), as the acquirer sees it: payouts of every
 * partner account ({@code merchant_id}), paged, and each payout's transactions, paged. Paths and
 * field names live in the client, in one place.
 */
public interface KlarnaSettlements {

  /** The largest page Klarna gives. */
  int MAX_PAGE = 500;

  /** One payout: its reference, date, currency, account and Klarna's totals (minor units). */
  record Payout(
      String paymentReference,
      Instant payoutDate,
      String currency,
      String partnerAccountId,
      Map<String, Long> totals,
      long settlementAmount) {}

  /**
   * One settled transaction. {@code amount} is signed as Klarna sends it (SALE positive; RETURN,
   * FEE, TAX, REVERSAL negative). {@code captureId}/{@code refundId} are Klarna's ids; {@code
   * disputeId} is the {@code reversal_reference} (a dispute KRN), if any.
   */
  record Transaction(
      String type,
      String detailedType,
      long amount,
      String currency,
      String captureId,
      String refundId,
      String transactionId,
      String orderId,
      String disputeId) {}

  /** A page and whether Klarna has more after it. */
  record Page<T>(List<T> items, long total, boolean more) {}

  /** Payouts dated from {@code from} (null: all), oldest first as Klarna lists them. */
  Page<Payout> payouts(Instant from, int offset, int size);

  /** The transactions of one payout, in Klarna's order. */
  Page<Transaction> transactions(String paymentReference, int offset, int size);
}
