package com.stepup.gateway.bench.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The chaos run's one client: the partner API through the balancer and the sandbox's controls and
 * Klarna API. It never throws for a failed call: no answer is status 0, so every call is recorded.
 */
final class Http {

  /** One answer: {@code status} 0 when none came (refused, reset, timed out). */
  record Answer(int status, String body, JsonObject json, String error) {

    boolean answered() {
      return status > 0;
    }

    /** {@code status} of a payment body, or of the operation, or "" (a problem, no answer). */
    String bodyStatus() {
      return json == null ? "" : json.getString("status", "");
    }

    String string(String field) {
      if (json == null || !(json.get(field) instanceof JsonString s)) {
        return null;
      }
      return s.getString();
    }

    /** What a status means in the report: "201 pending", "409", "no answer". */
    String label() {
      if (status == 0) {
        return "no answer";
      }
      if (json == null && status >= 500) {
        // no problem+json: the balancer's own answer (no instance it deems ready), not the
        // gateway's
        return status + (body != null && body.contains("<html") ? " from HAProxy" : " (no JSON)");
      }
      String s = status < 300 ? bodyStatus() : "";
      return s.isEmpty() ? String.valueOf(status) : status + " " + s;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String sandboxBase;
  private final String partnerKey;
  private final String sandboxKey;

  Http(String base, String sandboxBase, String partnerKey, String sandboxKey) {
    this.base = base;
    this.sandboxBase = sandboxBase;
    this.partnerKey = partnerKey;
    this.sandboxKey = sandboxKey;
  }

  Answer partner(String method, String path, String body, String idempotencyKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(40))
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

  /** A call to the sandbox (controls under {@code /sandbox/...} or its Klarna API). */
  Answer sandbox(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(sandboxBase + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + sandboxKey)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), parse(r.body()), null);
    } catch (IOException e) {
      return new Answer(0, "", null, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "", null, "interrupted");
    }
  }

  static JsonObject parse(String body) {
    if (body == null || body.isBlank() || body.charAt(0) != '{') {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue v = reader.readValue();
      return v instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
