package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.settlements.PayoutView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A Klarna payout as imported: stored once (its {@code payment_reference} is unique), its totals
 * added up from its lines as they are stored, {@code complete} once every line is in. An import
 * that stops half-way resumes after the lines already stored.
 */
@Entity
@Table(name = "payout")
class Payout {

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(name = "partner_account_id", nullable = false)
  String partnerAccountId;

  @Column(name = "klarna_payment_reference", nullable = false)
  String klarnaPaymentReference;

  @Column(name = "payout_date", nullable = false)
  Instant payoutDate;

  @Column(nullable = false)
  String currency;

  long sales;
  long returns;
  long fees;
  long tax;
  long reversals;
  long holdbacks;
  long releases;
  long net;

  @Column(name = "klarna_settlement_amount")
  long klarnaSettlementAmount;

  @Column(name = "line_count")
  int lineCount;

  boolean complete;

  @Column(name = "imported_at", nullable = false)
  Instant importedAt;

  @Version long version;

  protected Payout() {}

  static Payout begin(
      String id,
      String merchantId,
      String partnerAccountId,
      String reference,
      Instant payoutDate,
      String currency,
      long klarnaSettlementAmount,
      Instant now) {
    Payout p = new Payout();
    p.id = id;
    p.merchantId = merchantId;
    p.partnerAccountId = partnerAccountId;
    p.klarnaPaymentReference = reference;
    p.payoutDate = payoutDate;
    p.currency = currency;
    p.klarnaSettlementAmount = klarnaSettlementAmount;
    p.importedAt = now;
    return p;
  }

  /** Adds a stored line to the totals: each type to its bucket, every line to {@code net}. */
  void add(String type, long amount) {
    switch (Totals.bucket(type)) {
      case SALES -> sales += amount;
      case RETURNS -> returns += amount;
      case FEES -> fees += amount;
      case TAX -> tax += amount;
      case REVERSALS -> reversals += amount;
      case HOLDBACKS -> holdbacks += amount;
      case RELEASES -> releases += amount;
    }
    net += amount;
    lineCount++;
  }

  /**
   * Every line is in. The entity's own method, so EclipseLink's woven change tracking sees the
   * write (a field set from outside the class is not saved).
   */
  void markComplete() {
    complete = true;
  }

  PayoutView view() {
    return new PayoutView(
        id,
        merchantId,
        klarnaPaymentReference,
        payoutDate,
        currency,
        new PayoutView.Totals(sales, returns, fees, tax, reversals, holdbacks, releases, net),
        lineCount);
  }
}
