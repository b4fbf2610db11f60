package com.stepup.gateway.app;

import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a partner does with each notification the ITs' receivers get (issue 28): verify it by the
 * Standard Webhooks algorithm, written from the specification alone, with a secret the gateway
 * showed (every {@code webhook_secret} in an answer {@link JsonHttp} read), and hold its body to
 * the event's schema in the served contract ({@code x-webhooks}). Each verified delivery is also
 * written to {@code target/partner-webhooks/}, where {@code ./check-webhooks.sh} verifies it again
 * with the {@code standardwebhooks} npm library.
 */
final class PartnerWebhooks {

  static final Path DELIVERIES = Path.of("target/partner-webhooks");
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private PartnerWebhooks() {}

  /** A merchant's webhook secret, as an answer showed it. */
  static void secretShown(String secret) {
    SECRETS.add(secret);
  }

  /** Fails unless the delivery verifies and its body is its event's schema; then keeps it. */
  static void check(URL base, String id, String timestamp, String signature, String body) {
    if (id == null || timestamp == null || signature == null) {
      throw new AssertionError("a notification without the Standard Webhooks headers: " + body);
    }
    long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
    if (age > 300) {
      throw new AssertionError("webhook-timestamp " + timestamp + " is " + age + " s from now");
    }
    String secret =
        signedWith(id, timestamp, signature, body)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no v1 signature of "
                            + id
                            + " verifies with any of the "
                            + SECRETS.size()
                            + " secrets shown"));
    OpenApiContract.of(base).checkNotification(body);
    keep(id, timestamp, signature, body, secret);
  }

  /** The secret one of the signatures was made with, by the Standard Webhooks algorithm. */
  static Optional<String> signedWith(String id, String timestamp, String signature, String body) {
    byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
    for (String secret : SECRETS) {
      byte[] expected;
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(
                Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        expected = mac.doFinal(signed);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      for (String part : signature.split(" ")) {
        if (part.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
          return Optional.of(secret);
        }
      }
    }
    return Optional.empty();
  }

  private static void keep(String id, String timestamp, String signature, String body, String s) {
    String json =
        Json.createObjectBuilder()
            .add("webhook-id", id)
            .add("webhook-timestamp", timestamp)
            .add("webhook-signature", signature)
            .add("body", body)
            .add("secret", s)
            .build()
            .toString();
    try {
      Files.createDirectories(DELIVERIES);
      Files.writeString(
          Files.createTempFile(DELIVERIES, id + "-", ".json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
