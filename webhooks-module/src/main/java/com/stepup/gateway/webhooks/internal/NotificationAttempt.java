package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.NotificationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One try at delivering a notification: what came back, and how long it took. */
@Entity
@Table(name = "notification_attempt")
class NotificationAttempt {

  @Id
  @SequenceGenerator(
      name = "notification_attempt_seq",
      sequenceName = "notification_attempt_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_attempt_seq")
  long id;

  @Column(name = "notification_id", nullable = false)
  String notificationId;

  @Column(nullable = false)
  int attempt;

  @Column(name = "attempted_at", nullable = false)
  OffsetDateTime attemptedAt;

  @Column(nullable = false)
  String url;

  @Column(name = "http_status")
  Integer httpStatus;

  @Column(name = "latency_ms", nullable = false)
  long latencyMs;

  @Column(name = "response_excerpt")
  String responseExcerpt;

  String error;

  NotificationView.Attempt view() {
    return new NotificationView.Attempt(
        attempt, attemptedAt.toInstant(), url, httpStatus, latencyMs, responseExcerpt, error);
  }
}
