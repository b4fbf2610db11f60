package com.stepup.gateway.webhooks;

import java.time.Instant;

/** A notification to a partner and where its delivery stands. */
public record NotificationView(
    String id,
    String merchantId,
    String paymentId,
    String eventType,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastHttpStatus,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {

  public enum Status {
    PENDING,
    DELIVERED,
    FAILED
  }

  /** One delivery attempt. */
  public record Attempt(
      int attempt,
      Instant at,
      String url,
      Integer httpStatus,
      long latencyMs,
      String responseExcerpt,
      String error) {}
}
