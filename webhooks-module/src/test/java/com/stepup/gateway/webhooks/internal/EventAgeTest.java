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
    assertThat(KlarnaWebhookIntake.staleness(NOW.plus(Duration.ofHours(2)), NOW))
        .as("a clock ahead (the sandbox's) is no replay")
        .isNull();
  }

  @Test
  void anOldSignedEventIsAReplay() {
    assertThat(KlarnaWebhookIntake.staleness(NOW.minus(Duration.ofHours(25)), NOW))
        .contains("more than 24 hours ago");
  }

  @Test
  void anEventWithoutOccurredAtIsRefusedNotWavedThrough() {
    // without occurred_at the replay window could not be applied
    assertThat(KlarnaWebhookIntake.staleness(null, NOW)).contains("no occurred_at");
  }

  static jakarta.json.JsonObject metadata(String webhookId, String account) {
    var m = jakarta.json.Json.createObjectBuilder().add("event_id", "e1");
    if (webhookId != null) {
      m.add("webhook_id", webhookId);
    }
    if (account != null) {
      m.add("subject_account_id", account);
    }
    return m.build();
  }

  @Test
  void anEventForAnotherWebhookOrAnUnknownAccountIsNotOurs() {
    var ours = java.util.Optional.of("krn:webhook:ours");
    java.util.function.Predicate<String> known = "krn:account:shop"::equals;
    assertThat(
            KlarnaWebhookIntake.foreignness(
                metadata("krn:webhook:ours", "krn:account:shop"), ours, known))
        .isNull();
    assertThat(
            KlarnaWebhookIntake.foreignness(
                metadata("krn:webhook:theirs", "krn:account:shop"), ours, known))
        .contains("another webhook");
    assertThat(
            KlarnaWebhookIntake.foreignness(
                metadata("krn:webhook:ours", "krn:account:stranger"), ours, known))
        .contains("no merchant here");
    assertThat(
            KlarnaWebhookIntake.foreignness(
                metadata("krn:webhook:any", "krn:account:shop"), java.util.Optional.empty(), known))
        .as("a Partner Portal key names no webhook here")
        .isNull();
    assertThat(KlarnaWebhookIntake.foreignness(metadata(null, null), ours, known))
        .as("what the event does not say is not held against it")
        .isNull();
  }
}
