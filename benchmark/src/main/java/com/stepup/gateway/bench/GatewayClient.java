package com.stepup.gateway.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The driver's one HTTP client, as a till, a shopper and Klarna would call: the partner API (a
 * bearer key, an {@code Idempotency-Key} on what creates), the sandbox's shopper controls, signed
 * Klarna webhooks and the floor. A failed connection throws; a status is the caller's to judge.
 */
final class GatewayClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String base;
  private final String sandboxBase;
  private final String partnerKey;
  private final String sandboxKey;
  private final String webhookKeyId;
  private final String webhookSecret;

  GatewayClient(
      String base,
      String sandboxBase,
      String partnerKey,
      String sandboxKey,
      String webhookKeyId,
      String webhookSecret) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        base,
        sandboxBase,
        partnerKey,
        sandboxKey,
        webhookKeyId,
        webhookSecret);
  }

  private GatewayClient(
      HttpClient http,
      String base,
      String sandboxBase,
      String partnerKey,
      String sandboxKey,
      String webhookKeyId,
      String webhookSecret) {
    this.http = http;
    this.base = base;
    this.sandboxBase = sandboxBase;
    this.partnerKey = partnerKey;
    this.sandboxKey = sandboxKey;
    this.webhookKeyId = webhookKeyId;
    this.webhookSecret = webhookSecret;
  }

  /** The same partner and sandbox against another gateway address (one instance, not the LB). */
  GatewayClient at(String otherBase) {
    return new GatewayClient(
        http, otherBase, sandboxBase, partnerKey, sandboxKey, webhookKeyId, webhookSecret);
  }

  String base() {
    return base;
  }

  /** A partner API call; {@code body} and {@code idempotencyKey} may be null. */
  HttpResponse<String> partner(String method, String path, String body, String idempotencyKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + partnerKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b.build());
  }

  /** A new payment; answers the gateway's answer. */
  HttpResponse<String> create(String body, String idempotencyKey) {
    return partner("POST", "/api/v1/payments", body, idempotencyKey);
  }

  /** The shopper at the sandbox: {@code open}, {@code complete}, ...; answers the status. */
  int shopper(String paymentRequestId, String action) {
    return send(HttpRequest.newBuilder(
                URI.create(
                    sandboxBase + "/sandbox/payment-requests/" + paymentRequestId + "/" + action))
            .timeout(TIMEOUT)
            .header("Authorization", "Basic " + sandboxKey)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build())
        .statusCode();
  }

  /** Every transaction the sandbox holds (Klarna's side of the money). */
  List<JsonObject> sandboxTransactions() {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(sandboxBase + "/sandbox/payment-transactions"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + sandboxKey)
                .GET()
                .build());
    return json(r.body()).getJsonArray("payment_transactions").getValuesAs(JsonObject.class);
  }

  /** A Klarna webhook signed with the driver's key ({@link KlarnaWebhook}); answers the status. */
  int webhook(String body) {
    return send(HttpRequest.newBuilder(URI.create(base + "/webhooks/klarna"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Klarna-Signing-Key-Id", webhookKeyId)
            .header("Klarna-Signature", KlarnaWebhook.signature(webhookSecret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build())
        .statusCode();
  }

  /** The no-op GET beside the gateway that every figure is measured against. */
  boolean floor() {
    return send(HttpRequest.newBuilder(URI.create(base + "/floor/noop"))
                .timeout(TIMEOUT)
                .GET()
                .build())
            .statusCode()
        == 200;
  }

  /** The id of the demo store, {@code store-001}. */
  String demoStore() {
    HttpResponse<String> r = partner("GET", "/api/v1/stores?size=100", null, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/stores: " + r.statusCode() + " " + r.body());
    }
    return json(r.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(s -> s.getString("store_reference", "").equals("store-001"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the demo store store-001 is missing"))
        .getString("id");
  }

  /** A terminal of the store (made, or already there); answers its reference. */
  String terminal(String storeId, String reference) {
    HttpResponse<String> r =
        partner(
            "POST",
            "/api/v1/stores/" + storeId + "/terminals",
            "{\"terminal_reference\":\"" + reference + "\",\"name\":\"" + reference + "\"}",
            null);
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("terminal " + reference + ": " + r.statusCode() + r.body());
    }
    return reference;
  }

  /** The till's view of one payment: its server-sent event stream, open until closed. */
  EventStream follow(String paymentId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/payments/" + paymentId + "/events"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + partnerKey)
            .header("Accept", "text/event-stream")
            .build();
    try {
      HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) {
        r.body().close();
        throw new IllegalStateException("events of " + paymentId + ": HTTP " + r.statusCode());
      }
      return new EventStream(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }
}
