package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.settlements.ReconciliationItemView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Something that does not match, open until a platform admin resolves it with a note or a later
 * payout settles what was missing (resolved by {@value #BY_IMPORT}).
 */
@Entity
@Table(name = "reconciliation_item")
class ReconciliationItem {

  static final String BY_IMPORT = "settlement import";

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(nullable = false)
  String kind;

  @Column(nullable = false)
  String state;

  @Column(name = "payment_id")
  String paymentId;

  @Column(name = "payout_id")
  String payoutId;

  @Column(name = "capture_id")
  String captureId;

  @Column(name = "refund_id")
  String refundId;

  @Column(name = "klarna_id")
  String klarnaId;

  @Column(name = "dispute_id")
  String disputeId;

  String currency;
  Long expected;
  Long settled;
  String note;

  @Column(name = "resolved_by")
  String resolvedBy;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "resolved_at")
  Instant resolvedAt;

  @Version long version;

  protected ReconciliationItem() {}

  static ReconciliationItem open(
      String id, String merchantId, LineMatching.NewItem what, String payoutId, Instant now) {
    ReconciliationItem i = new ReconciliationItem();
    i.id = id;
    i.merchantId = merchantId;
    i.kind = what.kind();
    i.state = "open";
    i.paymentId = what.paymentId();
    i.payoutId = payoutId;
    i.captureId = what.captureId();
    i.refundId = what.refundId();
    i.klarnaId = what.klarnaId();
    i.disputeId = what.disputeId();
    i.currency = what.currency();
    i.expected = what.expected();
    i.settled = what.settled();
    i.createdAt = now;
    return i;
  }

  void resolve(String note, String who, Instant now) {
    if (!"open".equals(state)) {
      throw new Conflict("The item is already resolved.");
    }
    state = "resolved";
    this.note = note;
    resolvedBy = who;
    resolvedAt = now;
  }

  ReconciliationItemView view() {
    return new ReconciliationItemView(
        id,
        merchantId,
        kind,
        state,
        paymentId,
        payoutId,
        captureId,
        refundId,
        currency,
        expected,
        settled,
        note,
        resolvedBy,
        createdAt,
        resolvedAt,
        disputeId);
  }
}
