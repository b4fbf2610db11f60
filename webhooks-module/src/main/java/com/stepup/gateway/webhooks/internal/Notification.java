package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.NotificationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A notification to a partner: written with the payment's final status, then delivered. */
@Entity
@Table(name = "notification")
class Notification {

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(name = "payment_id", nullable = false)
  String paymentId;

  @Column(name = "event_type", nullable = false)
  String eventType;

  @Column(nullable = false)
  String body;

  @Column(nullable = false)
  String status;

  @Column(nullable = false)
  int attempts;

  @Column(name = "next_attempt_at")
  OffsetDateTime nextAttemptAt;

  @Column(name = "last_http_status")
  Integer lastHttpStatus;

  @Column(name = "last_error")
  String lastError;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "delivered_at")
  OffsetDateTime deliveredAt;

  NotificationView view() {
    return new NotificationView(
        id,
        merchantId,
        paymentId,
        eventType,
        NotificationView.Status.valueOf(status),
        attempts,
        nextAttemptAt == null ? null : nextAttemptAt.toInstant(),
        lastHttpStatus,
        lastError,
        createdAt.toInstant(),
        deliveredAt == null ? null : deliveredAt.toInstant());
  }
}
