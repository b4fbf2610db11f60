package com.stepup.gateway.settlements;

import com.stepup.gateway.platform.ListPage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Payouts and reconciliation items for the partner API and the console. Reads are scoped to a
 * merchant ({@code null}: platform staff, every merchant); another merchant's payout is not found.
 */
public interface Settlements {

  /** The merchant's payouts dated in {@code [from, to]} (either may be null), newest first. */
  ListPage<PayoutView> payouts(
      String merchantId, Instant from, Instant to, String currency, int page, int size);

  PayoutView payout(String merchantId, String payoutId);

  /** The payout's lines, in Klarna's order. */
  List<PayoutLineView> lines(String merchantId, String payoutId);

  /** Reconciliation items ({@code state}, {@code kind}: null for any), newest first. */
  ListPage<ReconciliationItemView> items(
      String merchantId, String state, String kind, int page, int size);

  /** Open items by kind (for the console's dashboard and reconciliation page). */
  Map<String, Long> openItemsByKind(String merchantId);

  /** A platform admin resolves an item with a note; 409 when it is already resolved. */
  ReconciliationItemView resolve(String itemId, String note, String who);

  /**
   * The end-of-day report of one till: the sales started at the merchant's terminal on {@code date}
   * in the merchant's time zone. An unknown store or terminal is not found.
   */
  TerminalDayReport terminalDay(
      String merchantId, String storeReference, String terminalReference, LocalDate date);

  /** The report as a PDF. */
  byte[] terminalDayPdf(TerminalDayReport report);

  /** Settled versus captured, net paid out and open items, for the dashboard's period. */
  SettlementSummary summary(String merchantId, Instant from, Instant to);

  /**
   * Finance's money lines of {@code [from, to)} as CSV, streamed: every capture, refund and
   * settlement line its own dated row in {@code zone}; answers how many rows it wrote.
   */
  int writeMoneyLines(String merchantId, Instant from, Instant to, ZoneId zone, OutputStream out)
      throws IOException;

  /** The fee the merchant agreed to per capture (its own, or the default). */
  FeePlanView feePlan(String merchantId);

  /**
   * Sets the merchant's fee plan (platform admins): payouts imported from now on are checked
   * against it.
   */
  FeePlanView setFeePlan(String merchantId, long fixed, long percentBp, String who);

  /**
   * Imports new payouts now (as the daily job does) and answers what it did; when another instance
   * is importing, does nothing and says so.
   */
  ImportResult importNow();
}
