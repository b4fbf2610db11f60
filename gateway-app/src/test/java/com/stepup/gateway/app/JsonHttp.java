package com.stepup.gateway.app;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * JSON over the JDK's HTTP client (which, unlike Jersey's default connector, can PATCH). Every
 * answer for an {@code /api/...} path is checked against the gateway's OpenAPI document ({@link
 * OpenApiContract}).
 */
final class JsonHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URL base;
  private final String authorization;

  JsonHttp(URL base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  JsonHttp as(String authorization) {
    return new JsonHttp(base, authorization);
  }

  /** An answer: status, content type and body. */
  record Answer(int status, String type, String body, HttpHeaders headers) {

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /**
   * Switches on a Klarna sandbox fault for the next call of {@code operation}; this client must be
   * at the gateway's root with a sandbox API key.
   */
  void sandboxFault(String operation, String kind, long delayMs) {
    Answer r =
        post(
            "/klarna-sandbox/sandbox/faults",
            Json.createObjectBuilder()
                .add("operation", operation)
                .add("fault", kind)
                .add("times", 1)
                .add("delay_ms", delayMs)
                .build()
                .toString());
    if (r.status() >= 300) {
      throw new AssertionError("fault not set: " + r);
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, String json) {
    return send("POST", path, json);
  }

  Answer patch(String path, String json) {
    return send("PATCH", path, json);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer send(String method, String path, String json) {
    return send(method, path, json, Map.of());
  }

  /** With extra request headers, such as {@code Idempotency-Key}; redirects are not followed. */
  Answer send(String method, String path, String json, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Answer answer =
          new Answer(
              r.statusCode(),
              r.headers().firstValue("Content-Type").orElse(""),
              r.body(),
              r.headers());
      String bare = r.uri().getPath();
      if (OpenApiContract.covers(bare)) {
        OpenApiContract.of(base).check(method, bare, answer.status(), answer.type(), answer.body());
      }
      if (answer.body() != null && answer.body().contains("\"webhook_secret\"")) {
        // a merchant's secret, shown once: the receivers verify notifications with it
        var secret = answer.json().get("webhook_secret");
        if (secret instanceof JsonString s) {
          PartnerWebhooks.secretShown(s.getString());
        }
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
