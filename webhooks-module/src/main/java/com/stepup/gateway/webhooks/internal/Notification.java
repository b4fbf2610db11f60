package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.webhooks.NotificationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A notification to a partner: written with the payment's final status, then delivered on a retry
 * schedule; only its own methods change it.
 */
@Entity
@Table(name = "notification")
class Notification {

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Column(name = "payment_id", nullable = false)
  private String paymentId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(nullable = false)
  private String body;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private NotificationView.Status status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "last_http_status")
  private Integer lastHttpStatus;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  protected Notification() {}

  /** A new notification, due at once. */
  static Notification pending(
      String merchantId, String paymentId, String eventType, String body, Instant now) {
    Notification n = new Notification();
    n.id = Ids.next("msg");
    n.merchantId = merchantId;
    n.paymentId = paymentId;
    n.eventType = eventType;
    n.body = body;
    n.status = NotificationView.Status.PENDING;
    n.createdAt = now;
    n.nextAttemptAt = now;
    return n;
  }

  String id() {
    return id;
  }

  String merchantId() {
    return merchantId;
  }

  String body() {
    return body;
  }

  /**
   * Taken for one attempt when due: its next attempt moves past the attempt's {@code timeout}, so
   * no other worker takes it meanwhile, and a crash only delays it.
   */
  Optional<NotificationRepository.Claimed> claim(Instant now, Duration timeout) {
    if (status != NotificationView.Status.PENDING
        || nextAttemptAt == null
        || nextAttemptAt.isAfter(now)) {
      return Optional.empty();
    }
    attempts++;
    nextAttemptAt = now.plus(timeout);
    return Optional.of(new NotificationRepository.Claimed(id, merchantId, body, attempts));
  }

  /**
   * What attempt number {@code attempt} gave: delivered, tried again on the {@code schedule}, or
   * failed for good once the schedule is used up.
   */
  void recordAttempt(NotificationAttempt a, int attempt, List<Duration> schedule) {
    lastHttpStatus = a.httpStatus();
    lastError = a.error();
    if (a.delivered()) {
      status = NotificationView.Status.DELIVERED;
      deliveredAt = a.attemptedAt();
      nextAttemptAt = null;
    } else if (attempt > schedule.size()) {
      status = NotificationView.Status.FAILED;
      nextAttemptAt = null;
    } else {
      nextAttemptAt = a.attemptedAt().plus(schedule.get(attempt - 1));
    }
  }

  /** Sent again now, as a new series of attempts. */
  void redeliver(Instant now) {
    status = NotificationView.Status.PENDING;
    nextAttemptAt = now;
    attempts = 0;
  }

  NotificationView view() {
    return new NotificationView(
        id,
        merchantId,
        paymentId,
        eventType,
        status,
        attempts,
        nextAttemptAt,
        lastHttpStatus,
        lastError,
        createdAt,
        deliveredAt);
  }
}
