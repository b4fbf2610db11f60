package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;

/**
 * What the payment and webhook ITs ask of the gateway and the sandbox beside it, again and again.
 */
final class ItGateway {

  private ItGateway() {}

  static JsonHttp admin(URL base) {
    return new JsonHttp(
        base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
  }

  static JsonHttp sandbox(URL base) {
    return new JsonHttp(base, "Basic it-sandbox-key");
  }

  /** A shopper's (or Klarna's) move on a Payment Request, through the sandbox's controls. */
  static JsonObject sandboxAction(URL base, String paymentRequestId, String action) {
    JsonHttp.Answer r =
        sandbox(base)
            .post(
                "/klarna-sandbox/sandbox/payment-requests/" + paymentRequestId + "/" + action, "");
    assertThat(r.status()).as(action + ": " + r).isEqualTo(200);
    return r.json();
  }

  /** The payment once it has {@code status}; fails after 60 s. */
  static JsonObject awaitStatus(JsonHttp api, String id, String status) {
    JsonObject last = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      last = api.get("/api/v1/payments/" + id).json();
      if (last.getString("status").equals(status)) {
        return last;
      }
      pause();
    }
    throw new AssertionError("payment " + id + " never became " + status + ": " + last);
  }

  /** The summaries of the payment's timeline, in order. */
  static List<String> summaries(JsonHttp api, String id) {
    return api
        .get("/api/v1/payments/" + id + "/timeline")
        .json()
        .getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(e -> e.getString("summary"))
        .toList();
  }

  /** Waits for a timeline entry that starts with {@code prefix}; fails after 30 s. */
  static void awaitSummary(JsonHttp api, String id, String prefix) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (summaries(api, id).stream().anyMatch(s -> s.startsWith(prefix))) {
        return;
      }
      pause();
    }
    throw new AssertionError("no '" + prefix + "' in " + summaries(api, id));
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
