package com.stepup.gateway.stores;

import java.time.Instant;
import java.time.ZoneId;

/** A merchant as other modules and the console see it (never the webhook secret). */
public record MerchantView(
    String id,
    String name,
    String partnerAccountId,
    Status status,
    String notificationUrl,
    Instant createdAt,
    Instant updatedAt,
    String timeZone) {

  /** The zone the console shows this merchant's times in. */
  public ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }

  /** Whether the merchant may take payments. */
  public enum Status {
    ACTIVE,
    SUSPENDED
  }
}
