package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KlarnaWebhookTest {

  @Test
  void theSignatureIsTheBodysHmacSha256InHex() {
    // the well-known HMAC-SHA256 example (Wikipedia, "HMAC")
    assertThat(KlarnaWebhook.signature("key", "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void theEnvelopeIsKlarnasInProgressStateChange() {
    JsonObject event =
        GatewayClient.json(
            KlarnaWebhook.inProgress("ev-1", "krn:pr:1", Instant.parse("2026-12-05T10:00:00Z")));

    JsonObject metadata = event.getJsonObject("metadata");
    assertThat(metadata.getString("event_id")).isEqualTo("ev-1");
    assertThat(metadata.getString("event_type"))
        .isEqualTo("payment.request.state-change.in-progress");
    assertThat(metadata.getString("occurred_at")).isEqualTo("2026-12-05T10:00:00Z");
    assertThat(metadata.getBoolean("live")).isFalse();
    JsonObject payload = event.getJsonObject("payload");
    assertThat(payload.getString("payment_request_id")).isEqualTo("krn:pr:1");
    assertThat(payload.getString("state")).isEqualTo("IN_PROGRESS");
  }
}
