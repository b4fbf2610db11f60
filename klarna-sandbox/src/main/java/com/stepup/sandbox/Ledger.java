package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's balance lines (KLARNA-API.md §12.2, §13 items 10–13): every capture writes a SALE, its
 * FEE (the account's plan: a fixed amount plus a percentage of the capture) and, where the plan has
 * tax, a separate TAX line; every refund writes a RETURN. Amounts are signed as they move the
 * merchant's balance: SALE positive, RETURN, FEE and TAX negative. A line is open until a
 * settlement run ({@link Settlements}) puts it into one payout; it is never settled twice.
 */
@ApplicationScoped
public class Ledger {

  /** A partner account's fee plan: {@code fixed} minor units plus {@code percentBp}/10,000. */
  public record FeePlan(long fixed, long percentBp, long taxPercentBp) {

    /** Until a plan is set: 0.30 plus 2.9 %, no tax (the same as the gateway's default plan). */
    static final FeePlan DEFAULT = new FeePlan(30, 290, 0);

    /** The fee on a capture of {@code amount}, rounded half up; never negative. */
    long fee(long amount) {
      return fixed + percentOf(amount, percentBp);
    }

    long tax(long fee) {
      return percentOf(fee, taxPercentBp);
    }

    static long percentOf(long amount, long bp) {
      return (amount * bp + 5_000) / 10_000;
    }
  }

  /** One balance line. Changed only under the ledger's lock. */
  static final class Line {
    final String id = "bl_" + UUID.randomUUID();
    final String account;
    final String currency;
    final String type;
    final String detailedType;
    long amount;
    final String transactionId;
    final String orderId;
    final String reference;
    final String captureId;
    final String refundId;
    final Instant saleDate;
    final Instant captureDate;
    final Instant at;

    /** The dispute KRN a REVERSAL or DISPUTE_FEE line names ({@code reversal_reference}). */
    String disputeId;

    /** The payout's {@code payment_reference} once settled; null while open. */
    String paymentReference;

    Line(
        String account,
        String currency,
        String type,
        String detailedType,
        long amount,
        String transactionId,
        String reference,
        String captureId,
        String refundId,
        Instant saleDate,
        Instant captureDate,
        Instant at) {
      this.account = account;
      this.currency = currency;
      this.type = type;
      this.detailedType = detailedType;
      this.amount = amount;
      this.transactionId = transactionId;
      this.orderId =
          transactionId == null
              ? UUID.randomUUID().toString()
              : transactionId.substring(transactionId.lastIndexOf(':') + 1);
      this.reference = reference;
      this.captureId = captureId;
      this.refundId = refundId;
      this.saleDate = saleDate;
      this.captureDate = captureDate;
      this.at = at;
    }

    boolean open() {
      return paymentReference == null;
    }
  }

  private final SandboxClock clock;

  private final Map<String, FeePlan> plans = new ConcurrentHashMap<>();

  /** Every line, in the order written; guarded by {@code this}. */
  private final List<Line> lines = new ArrayList<>();

  @Inject
  Ledger(SandboxClock clock) {
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected Ledger() {
    this(null);
  }

  public FeePlan plan(String account) {
    return plans.getOrDefault(account, FeePlan.DEFAULT);
  }

  /** Sets the account's plan; it applies to captures made from now on. */
  public FeePlan setPlan(String account, FeePlan plan) {
    if (plan.fixed() < 0 || plan.percentBp() < 0 || plan.taxPercentBp() < 0) {
      throw KlarnaError.validation("fee_plan", "fixed, percent_bp and tax_percent_bp must be >= 0");
    }
    if (plan.percentBp() > 10_000 || plan.taxPercentBp() > 10_000) {
      throw KlarnaError.validation("fee_plan", "percent_bp and tax_percent_bp are at most 10000");
    }
    plans.put(account, plan);
    return plan;
  }

  /** A capture: its SALE, its FEE and, where the plan has tax, its TAX line. */
  void captured(
      String account,
      String currency,
      String transactionId,
      String reference,
      String captureId,
      long amount,
      Instant saleDate,
      Instant at) {
    FeePlan plan = plan(account);
    long fee = plan.fee(amount);
    long tax = plan.tax(fee);
    synchronized (this) {
      lines.add(
          new Line(
              account,
              currency,
              "SALE",
              "PURCHASE",
              amount,
              transactionId,
              reference,
              captureId,
              null,
              saleDate,
              at,
              at));
      if (fee > 0) {
        lines.add(
            new Line(
                account,
                currency,
                "FEE",
                plan.percentBp() > 0 ? "PURCHASE_FEE_PERCENTAGE" : "PURCHASE_FEE_FIXED",
                -fee,
                transactionId,
                reference,
                captureId,
                null,
                saleDate,
                at,
                at));
      }
      if (tax > 0) {
        lines.add(
            new Line(
                account,
                currency,
                "TAX",
                null,
                -tax,
                transactionId,
                reference,
                captureId,
                null,
                saleDate,
                at,
                at));
      }
    }
  }

  /** A refund: a RETURN line (no fee is given back; §14 item 6 leaves it open). */
  void refunded(
      String account,
      String currency,
      String transactionId,
      String reference,
      String refundId,
      long amount,
      Instant saleDate,
      Instant captureDate,
      Instant at) {
    synchronized (this) {
      lines.add(
          new Line(
              account,
              currency,
              "RETURN",
              "PURCHASE_RETURN",
              -amount,
              transactionId,
              reference,
              null,
              refundId,
              saleDate,
              captureDate,
              at));
    }
  }

  /**
   * Klarna's dispute fee per currency (minor units; KLARNA-API.md §11.6, the merchant disputes-fee
   * page): EUR 7.50, SEK/NOK/DKK 75, GBP 6, PLN 30, USD 8, CAD 11, AUD/NZD 12, CZK 150, RON 35.
   */
  static long disputeFee(String currency) {
    return switch (currency) {
      case "EUR" -> 750;
      case "SEK", "NOK", "DKK" -> 7_500;
      case "GBP" -> 600;
      case "PLN" -> 3_000;
      case "USD" -> 800;
      case "CAD" -> 1_100;
      case "AUD", "NZD" -> 1_200;
      case "CZK" -> 15_000;
      case "RON" -> 3_500;
      default -> 800;
    };
  }

  /**
   * A dispute closed LOST (hold policy {@code NONE}: Klarna debits the partner when the dispute is
   * closed, §11.6): a REVERSAL of the disputed amount and a FEE with detailed type {@code
   * DISPUTE_FEE}, both naming the dispute in {@code reversal_reference} and neither a capture (a
   * reversal's {@code capture_id} is empty, §12.3).
   */
  void disputeLost(
      String account,
      String currency,
      String transactionId,
      String reference,
      String disputeId,
      long amount,
      Instant saleDate,
      Instant at) {
    Line reversal =
        new Line(
            account,
            currency,
            "REVERSAL",
            "REVERSAL",
            -amount,
            transactionId,
            reference,
            null,
            null,
            saleDate,
            saleDate,
            at);
    reversal.disputeId = disputeId;
    Line fee =
        new Line(
            account,
            currency,
            "FEE",
            "DISPUTE_FEE",
            -disputeFee(currency),
            transactionId,
            reference,
            null,
            null,
            saleDate,
            saleDate,
            at);
    fee.disputeId = disputeId;
    synchronized (this) {
      lines.add(reversal);
      lines.add(fee);
    }
  }

  /** The most sales one bulk control writes (each with its FEE, and TAX where the plan has it). */
  static final int BULK_MAX = 100_000;

  /**
   * {@code sales} captures of {@code amount} nobody made through the API, each written as a real
   * capture is (SALE, FEE, TAX by the account's plan): the settlement import benchmark's payout of
   * 100,000 lines. Answers how many lines were written.
   */
  int addBulkSales(String account, String currency, int sales, long amount) {
    if (sales < 1 || sales > BULK_MAX) {
      throw KlarnaError.validation("sales", "must be 1 to " + BULK_MAX);
    }
    if (amount < 1) {
      throw KlarnaError.validation("amount", "must be at least 1");
    }
    int before;
    synchronized (this) {
      before = lines.size();
    }
    Instant now = clock.instant();
    for (int i = 0; i < sales; i++) {
      String transaction = "krn:payment:eu1:transaction:" + UUID.randomUUID();
      captured(
          account,
          currency,
          transaction,
          "bulk-" + i,
          "krn:payment:eu1:capture:" + UUID.randomUUID(),
          amount,
          now,
          now);
    }
    synchronized (this) {
      return lines.size() - before;
    }
  }

  /** A SALE for a capture nobody made (the UNKNOWN_LINE fault), open like any other. */
  synchronized void addUnknownSale(String account, String currency, long amount) {
    Instant now = clock.instant();
    lines.add(
        new Line(
            account,
            currency,
            "SALE",
            "PURCHASE",
            amount,
            "krn:payment:eu1:transaction:" + UUID.randomUUID(),
            "unknown",
            "krn:payment:eu1:capture:" + UUID.randomUUID(),
            null,
            now,
            now,
            now));
  }

  /** The open lines, oldest first (a copy). */
  synchronized List<Line> open() {
    return lines.stream().filter(Line::open).toList();
  }

  /** Every line settled into {@code paymentReference}, in the order written. */
  synchronized List<Line> settledIn(String paymentReference) {
    return lines.stream().filter(l -> paymentReference.equals(l.paymentReference)).toList();
  }

  /** Every settled line (for the transactions listing by order id). */
  synchronized List<Line> settled() {
    return lines.stream().filter(l -> !l.open()).toList();
  }

  /** Alters an open line's amount (the CHANGE_AMOUNT fault). */
  synchronized void changeAmount(Line line, long by) {
    if (!line.open()) {
      throw new IllegalStateException("line " + line.id + " is already settled");
    }
    line.amount += by;
  }

  /** Takes lines out of the ledger for good (the DROP_LINE fault). */
  synchronized void drop(List<Line> dropped) {
    lines.removeAll(dropped);
  }

  /** Marks the lines settled into {@code paymentReference}; a line is settled once only. */
  synchronized void settle(List<Line> settled, String paymentReference) {
    for (Line l : settled) {
      if (!l.open()) {
        throw new IllegalStateException("line " + l.id + " is already settled");
      }
    }
    settled.forEach(l -> l.paymentReference = paymentReference);
  }

  /** Forgets settled lines of payouts no longer kept. */
  synchronized void forget(Set<String> paymentReferences) {
    lines.removeIf(
        l -> l.paymentReference != null && paymentReferences.contains(l.paymentReference));
  }
}
