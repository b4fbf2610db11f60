package com.stepup.gateway.stores;

import java.time.Instant;

/** A merchant as other modules and the console see it (never the webhook secret). */
public record MerchantView(
    String id,
    String name,
    String partnerAccountId,
    Status status,
    String notificationUrl,
    Instant createdAt,
    Instant updatedAt) {

  /** Whether the merchant may take payments. */
  public enum Status {
    ACTIVE,
    SUSPENDED
  }
}
