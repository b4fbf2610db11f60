package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Klarna's webhook PATCH, as strict as a create: only a webhook's own fields, the result a webhook
 * Klarna would have created, and no second webhook with another's configuration.
 */
class WebhookUpdateTest {

  static final String URL = "https://gw.example/webhooks/klarna";

  SigningKeys signingKeys;
  Webhooks n;
  String key;
  String id;

  @BeforeEach
  void aWebhookWithoutDisputes() {
    SandboxClock clock =
        new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    signingKeys = new SigningKeys(clock);
    n = new Webhooks(clock, signingKeys, new WebhookDeliveries(clock, new Faults(), signingKeys));
    key = signingKeys.create("acc-1").getString("signing_key_id");
    id =
        n.create(
                "acc-1",
                json(
                    "{\"url\":\""
                        + URL
                        + "\",\"event_types\":[\"payment.request.state-change.*\"],"
                        + "\"event_version\":\"v2\",\"signing_key_id\":\""
                        + key
                        + "\",\"status\":\"ENABLED\"}"))
            .getString("webhook_id");
  }

  static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  static void refused(Runnable call, int status, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KlarnaError.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              if (field != null) {
                assertThat(e.body().toString()).contains("\"" + field + "\"");
              }
            });
  }

  @Test
  void thePatchAddsTheDisputeEventsToTheSameWebhook() {
    String newKey = signingKeys.create("acc-1").getString("signing_key_id");
    JsonObject updated =
        n.update(
            "acc-1",
            id,
            json(
                "{\"event_types\":[\"payment.request.state-change.*\",\"payment.dispute.*\"],"
                    + "\"signing_key_id\":\""
                    + newKey
                    + "\"}"));
    assertThat(updated.getString("webhook_id")).isEqualTo(id);
    assertThat(updated.getString("url")).isEqualTo(URL);
    assertThat(updated.getJsonArray("event_types").toString()).contains("payment.dispute.*");
    assertThat(updated.getString("signing_key_id")).isEqualTo(newKey);
    assertThat(updated.containsKey("account")).isFalse();
    assertThat(n.list("acc-1")).hasSize(1);
  }

  @Test
  void onlyAWebhooksOwnFieldsChange() {
    refused(() -> n.update("acc-1", id, json("{\"webhook_id\":\"x\"}")), 400, "webhook_id");
    refused(() -> n.update("acc-1", id, json("{\"colour\":\"red\"}")), 400, "colour");
    refused(() -> n.update("acc-1", id, json("{}")), 400, "body");
    assertThat(n.read("acc-1", id).getJsonArray("event_types")).hasSize(1);
  }

  @Test
  void theResultMustBeAWebhookKlarnaWouldCreate() {
    refused(
        () -> n.update("acc-1", id, json("{\"url\":\"https://gw.example:9443/hooks\"}")),
        400,
        "url");
    refused(() -> n.update("acc-1", id, json("{\"url\":42}")), 400, "url");
    refused(() -> n.update("acc-1", id, json("{\"event_types\":[]}")), 400, "event_types");
    refused(
        () -> n.update("acc-1", id, json("{\"event_types\":[\"payment.nothing\"]}")),
        400,
        "event_types");
    refused(() -> n.update("acc-1", id, json("{\"status\":\"ON\"}")), 400, "status");
    refused(() -> n.update("acc-1", id, json("{\"event_version\":\"v9\"}")), 400, "event_version");
    String other = signingKeys.create("acc-2").getString("signing_key_id");
    refused(
        () -> n.update("acc-1", id, json("{\"signing_key_id\":\"" + other + "\"}")),
        400,
        "signing_key_id");
    refused(() -> n.update("acc-2", id, json("{\"status\":\"DISABLED\"}")), 404, null);
    assertThat(n.read("acc-1", id).getString("status")).isEqualTo("ENABLED");
  }

  @Test
  void aPatchThatCopiesAnotherWebhooksConfigurationIsAConflict() {
    n.create(
        "acc-1",
        json(
            "{\"url\":\""
                + URL
                + "\",\"event_types\":[\"payment.dispute.*\"],\"signing_key_id\":\""
                + key
                + "\"}"));
    refused(
        () -> n.update("acc-1", id, json("{\"event_types\":[\"payment.dispute.*\"]}")), 409, null);
    assertThat(n.update("acc-1", id, json("{\"status\":\"DISABLED\"}")).getString("status"))
        .as("its own configuration is no conflict")
        .isEqualTo("DISABLED");
  }
}
