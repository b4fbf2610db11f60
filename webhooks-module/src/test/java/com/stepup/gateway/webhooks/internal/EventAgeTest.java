package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAgeTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void klarnasLastRetryStillCounts() {
    assertThat(KlarnaWebhookIntake.staleness(NOW.minus(Duration.ofHours(21)), NOW)).isNull();
    assertThat(KlarnaWebhookIntake.staleness(null, NOW)).isNull();
    assertThat(KlarnaWebhookIntake.staleness(NOW.plus(Duration.ofHours(2)), NOW))
        .as("a clock ahead (the sandbox's) is no replay")
        .isNull();
  }

  @Test
  void anOldSignedEventIsAReplay() {
    assertThat(KlarnaWebhookIntake.staleness(NOW.minus(Duration.ofHours(25)), NOW))
        .contains("more than 24 hours ago");
  }
}
