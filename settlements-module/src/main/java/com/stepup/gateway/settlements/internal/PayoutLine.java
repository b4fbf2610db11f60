package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.settlements.PayoutLineView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One line of a payout, numbered in Klarna's order, with what it was matched to. */
@Entity
@Table(name = "payout_line")
@IdClass(PayoutLine.Key.class)
class PayoutLine {

  /** The line's key: its payout and its place in it. */
  public static class Key implements Serializable {
    String payoutId;
    int seq;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.seq == seq && Objects.equals(k.payoutId, payoutId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(payoutId, seq);
    }
  }

  @Id
  @Column(name = "payout_id")
  String payoutId;

  @Id int seq;

  @Column(nullable = false)
  String type;

  @Column(name = "detailed_type")
  String detailedType;

  long amount;

  @Column(name = "klarna_capture_id")
  String klarnaCaptureId;

  @Column(name = "klarna_refund_id")
  String klarnaRefundId;

  @Column(name = "klarna_transaction_id")
  String klarnaTransactionId;

  /** The gateway's dispute ({@code dsp_...}) the line was matched to. */
  @Column(name = "dispute_id")
  String disputeId;

  /** Klarna's dispute id the line names ({@code reversal_reference}). */
  @Column(name = "klarna_dispute_id")
  String klarnaDisputeId;

  @Column(name = "payment_id")
  String paymentId;

  @Column(name = "capture_id")
  String captureId;

  @Column(name = "refund_id")
  String refundId;

  boolean matched;

  protected PayoutLine() {}

  PayoutLine(String payoutId, int seq) {
    this.payoutId = payoutId;
    this.seq = seq;
  }

  PayoutLineView view() {
    return new PayoutLineView(
        seq, type, detailedType, amount, paymentId, captureId, refundId, disputeId, matched);
  }
}
