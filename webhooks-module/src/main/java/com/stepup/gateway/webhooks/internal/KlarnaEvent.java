package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One Klarna webhook event in the inbox, keyed by Klarna's {@code metadata.event_id}. */
@Entity
@Table(name = "klarna_event")
class KlarnaEvent {

  enum Status {
    RECEIVED,
    WORKING,
    DONE,
    IGNORED,
    FAILED
  }

  @Id
  @Column(name = "event_id")
  String eventId;

  @Column(name = "event_type", nullable = false)
  String eventType;

  @Column(name = "payment_request_id")
  String paymentRequestId;

  @Column(name = "signing_key_id", nullable = false)
  String signingKeyId;

  @Column(name = "occurred_at")
  OffsetDateTime occurredAt;

  @Column(name = "received_at", nullable = false)
  OffsetDateTime receivedAt;

  @Column(nullable = false)
  String status;

  @Column(nullable = false)
  int attempts;

  @Column(nullable = false)
  int duplicates;

  @Column(name = "claimed_at")
  OffsetDateTime claimedAt;

  @Column(name = "processed_at")
  OffsetDateTime processedAt;

  String error;

  @Column(nullable = false)
  String body;

  Status status() {
    return Status.valueOf(status);
  }
}
