package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of a payment's timeline, written in the transaction of what it records. */
@Entity
@Table(name = "payment_event")
class PaymentEvent {

  @Id
  @SequenceGenerator(
      name = "payment_event_seq",
      sequenceName = "payment_event_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_event_seq")
  long id;

  @Column(name = "payment_id", nullable = false)
  String paymentId;

  @Column(nullable = false)
  OffsetDateTime at;

  @Column(nullable = false)
  String kind;

  @Column(nullable = false)
  String summary;

  String detail;

  @Column(nullable = false)
  String status;

  @Column(name = "pr_state")
  String prState;

  protected PaymentEvent() {}

  PaymentEvent(String paymentId, Changes.Entry entry) {
    this.paymentId = paymentId;
    this.at = entry.at().atOffset(java.time.ZoneOffset.UTC);
    this.kind = entry.kind().name();
    this.summary =
        entry.summary().length() > 500 ? entry.summary().substring(0, 500) : entry.summary();
    this.detail = entry.detail();
    this.status = entry.status().name();
    this.prState = entry.requestState() == null ? null : entry.requestState().name();
  }

  TimelineEntry view() {
    return new TimelineEntry(
        id,
        at.toInstant(),
        TimelineEntry.Kind.valueOf(kind),
        summary,
        detail,
        PaymentStatus.valueOf(status),
        prState == null ? null : PaymentRequestState.valueOf(prState));
  }
}
