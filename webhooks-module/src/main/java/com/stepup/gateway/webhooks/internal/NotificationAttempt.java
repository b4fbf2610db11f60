package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.NotificationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

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
  private long id;

  @Column(name = "notification_id", nullable = false)
  private String notificationId;

  @Column(nullable = false)
  private int attempt;

  @Column(name = "attempted_at", nullable = false)
  private Instant attemptedAt;

  @Column(nullable = false)
  private String url;

  @Column(name = "http_status")
  private Integer httpStatus;

  @Column(name = "latency_ms", nullable = false)
  private long latencyMs;

  @Column(name = "response_excerpt")
  private String responseExcerpt;

  private String error;

  protected NotificationAttempt() {}

  /** Attempt {@code number} of the notification, cut to what the columns hold. */
  static NotificationAttempt of(
      String notificationId,
      int number,
      Instant at,
      String url,
      Integer httpStatus,
      long latencyMs,
      String excerpt,
      String error) {
    NotificationAttempt a = new NotificationAttempt();
    a.notificationId = notificationId;
    a.attempt = number;
    a.attemptedAt = at;
    a.url = cut(url, 2000);
    a.httpStatus = httpStatus;
    a.latencyMs = latencyMs;
    a.responseExcerpt = cut(excerpt, 500);
    a.error = cut(error, 500);
    return a;
  }

  Instant attemptedAt() {
    return attemptedAt;
  }

  Integer httpStatus() {
    return httpStatus;
  }

  String error() {
    return error;
  }

  boolean delivered() {
    return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
  }

  NotificationView.Attempt view() {
    return new NotificationView.Attempt(
        attempt, attemptedAt, url, httpStatus, latencyMs, responseExcerpt, error);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
