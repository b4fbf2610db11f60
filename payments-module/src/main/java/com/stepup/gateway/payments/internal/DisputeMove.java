package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Money a dispute moved, dated, for finance's movements export (issue 29): {@code dispute_hold}
 * when it opened (Klarna holds the disputed amount), {@code dispute_won} when that hold came back,
 * {@code dispute_lost} when it was taken for good. Written from the deltas the disputes module
 * reports, in the same transaction as the payment's disputed and lost amounts.
 */
@Entity
@Table(name = "payment_dispute_move")
class DisputeMove {

  static final String HOLD = "dispute_hold";
  static final String WON = "dispute_won";
  static final String LOST = "dispute_lost";

  @Id private String id;

  @Column(name = "payment_id", nullable = false)
  private String paymentId;

  @Column(name = "dispute_id", nullable = false)
  private String disputeId;

  @Column(nullable = false)
  private String kind;

  @Column(nullable = false)
  private long amount;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  protected DisputeMove() {}

  private DisputeMove(String paymentId, String disputeId, String kind, long amount, Instant at) {
    this.id = Ids.next("dmv");
    this.paymentId = paymentId;
    this.disputeId = disputeId;
    this.kind = kind;
    this.amount = amount;
    this.occurredAt = at;
  }

  /**
   * What a change of the disputed ({@code disputedDelta}) and lost ({@code lostDelta}) amounts was:
   * a dispute opened holds; one closed gives back what it does not take. A dispute learned already
   * closed LOST (both at once) held and lost in the same moment.
   */
  static List<DisputeMove> of(
      String paymentId, String disputeId, long disputedDelta, long lostDelta, Instant at) {
    List<DisputeMove> moves = new ArrayList<>(2);
    if (disputedDelta > 0) {
      moves.add(new DisputeMove(paymentId, disputeId, HOLD, disputedDelta, at));
    } else if (disputedDelta == 0 && lostDelta > 0) {
      moves.add(new DisputeMove(paymentId, disputeId, HOLD, lostDelta, at));
    }
    if (lostDelta > 0) {
      moves.add(new DisputeMove(paymentId, disputeId, LOST, lostDelta, at));
    }
    long givenBack = (disputedDelta < 0 ? -disputedDelta : 0) - Math.max(0, lostDelta);
    if (givenBack > 0) {
      moves.add(new DisputeMove(paymentId, disputeId, WON, givenBack, at));
    }
    return moves;
  }

  String kind() {
    return kind;
  }

  long amount() {
    return amount;
  }

  /** As one line of the movements export: the dispute's id, made at Klarna. */
  MoneyMovement view() {
    return new MoneyMovement(
        disputeId,
        paymentId,
        kind,
        "succeeded",
        amount,
        null,
        null,
        null,
        null,
        occurredAt,
        occurredAt,
        true);
  }
}
