package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputeEventView;
import com.stepup.gateway.disputes.DisputeState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of a dispute's timeline, written in the same transaction as the change it records. */
@Entity
@Table(name = "dispute_event")
public class DisputeEvent {

  @Id private String id;

  @Column(name = "dispute_id", nullable = false)
  private String disputeId;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private String kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DisputeState state;

  @Column private String outcome;

  @Column(name = "done_by")
  private String doneBy;

  protected DisputeEvent() {}

  /** What just happened to {@code d} ({@code kind}), told or done by {@code by}. */
  static DisputeEvent of(String id, Dispute d, String kind, String by, Instant at) {
    DisputeEvent e = new DisputeEvent();
    e.id = id;
    e.disputeId = d.id();
    e.occurredAt = at;
    e.kind = kind;
    e.state = d.state();
    e.outcome = d.view().outcome();
    e.doneBy = by == null || by.length() <= 200 ? by : by.substring(0, 200);
    return e;
  }

  DisputeEventView view() {
    return new DisputeEventView(occurredAt, kind, state, outcome, doneBy);
  }
}
