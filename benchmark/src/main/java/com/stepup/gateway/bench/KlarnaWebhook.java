package com.stepup.gateway.bench;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Klarna webhooks the driver sends itself, signed as Klarna signs them (KLARNA-API.md §4.3).
 */
final class KlarnaWebhook {

  private KlarnaWebhook() {}

  /**
   * Klarna's envelope of an {@code IN_PROGRESS} state of the request at {@code updatedAt}: for a
   * payment already past it, the gateway keeps it, deduplicates it by event id and changes nothing.
   */
  static String inProgress(String eventId, String paymentRequestId, Instant updatedAt) {
    return Json.createObjectBuilder()
        .add(
            "metadata",
            Json.createObjectBuilder()
                .add("event_id", eventId)
                .add("event_type", "payment.request.state-change.in-progress")
                .add("event_version", "v2")
                .add("occurred_at", updatedAt.toString())
                .add("live", false))
        .add(
            "payload",
            Json.createObjectBuilder()
                .add("payment_request_id", paymentRequestId)
                .add("state", "IN_PROGRESS")
                .add("updated_at", updatedAt.toString()))
        .build()
        .toString();
  }

  /** {@code Klarna-Signature}: the body's HMAC-SHA256 under the key's secret, in hex. */
  static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
