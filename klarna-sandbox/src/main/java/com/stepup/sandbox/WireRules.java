package com.stepup.sandbox;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Klarna refuses about a request before it reads the body: token headers present without a
 * value, idempotency keys and correlation ids out of Klarna's bounds, a body that is not {@code
 * application/json}. Plain rules over the method and headers, so a unit test can hold them to
 * Klarna's shape; {@link WireLog} applies them to every call under {@code /v2/}.
 */
final class WireRules {

  /** The headers that carry a token: each is either absent or carries one. */
  static final List<String> TOKEN_HEADERS =
      List.of(
          "Klarna-Network-Session-Token",
          "Klarna-Payment-Token",
          "Klarna-Interoperability-Token",
          "Klarna-Customer-Token");

  static final int MAX_TOKEN_LENGTH = 8192;

  private WireRules() {}

  /**
   * As below, for a call to {@code path}: an attachment upload ({@code POST
   * /v4/payment/disputes/{id}/attachments}) is {@code multipart/form-data} where every other write
   * is JSON.
   */
  static Optional<KlarnaError> check(
      String method, String path, MultivaluedMap<String, String> headers, boolean hasBody) {
    boolean upload =
        method.equals("POST") && path.matches("/?v4/payment/disputes/[^/]+/attachments");
    if (!upload) {
      return check(method, headers, hasBody);
    }
    String type = headers.getFirst("Content-Type");
    if (type == null
        || !type.split(";", 2)[0].strip().equalsIgnoreCase("multipart/form-data")
        || !type.toLowerCase(Locale.ROOT).contains("boundary=")) {
      return Optional.of(
          new KlarnaError(
              400,
              "INPUT_ERROR",
              "INVALID_CONTENT_TYPE",
              "The body must be sent as Content-Type: multipart/form-data.",
              List.of()));
    }
    return check(method, headers, false); // the other rules; the body's type is settled
  }

  /** The first rule the request breaks, in Klarna's error shape; empty when it breaks none. */
  static Optional<KlarnaError> check(
      String method, MultivaluedMap<String, String> headers, boolean hasBody) {
    for (String name : TOKEN_HEADERS) {
      List<String> values = headers.get(name);
      if (values == null) {
        continue;
      }
      if (values.size() != 1) {
        return Optional.of(KlarnaError.validation(name, "must be sent once"));
      }
      String value = values.get(0) == null ? "" : values.get(0).strip();
      if (value.isEmpty()) {
        return Optional.of(
            KlarnaError.validation(
                name, "is present but empty; send the header only when there is a token"));
      }
      if (value.length() > MAX_TOKEN_LENGTH) {
        return Optional.of(
            KlarnaError.validation(name, "is longer than " + MAX_TOKEN_LENGTH + " characters"));
      }
    }
    if (headers.get("Klarna-Network-Session-Token") != null
        && headers.get("Klarna-Interoperability-Token") != null) {
      return Optional.of(
          KlarnaError.validation(
              "Klarna-Interoperability-Token",
              "is the older name of Klarna-Network-Session-Token; send the token under one name"));
    }
    List<String> metadata = headers.get("Klarna-Integration-Metadata");
    if (metadata != null && !isIntegrationMetadata(metadata)) {
      return Optional.of(
          KlarnaError.validation(
              "Klarna-Integration-Metadata",
              "must be one JSON object on one line, with integrator.name"));
    }
    List<String> keys = headers.get("Klarna-Idempotency-Key");
    if (keys != null) {
      String key = keys.size() == 1 && keys.get(0) != null ? keys.get(0).strip() : "";
      if (key.isEmpty() || key.length() > 255) {
        return Optional.of(
            KlarnaError.validation("Klarna-Idempotency-Key", "must be 1 to 255 characters"));
      }
    }
    List<String> correlation = headers.get("Partner-Correlation-Id");
    if (correlation != null
        && (correlation.size() != 1
            || correlation.get(0) == null
            || !correlation.get(0).matches("[A-Za-z0-9]{1,255}"))) {
      return Optional.of(
          KlarnaError.validation("Partner-Correlation-Id", "must be 1 to 255 letters and digits"));
    }
    boolean writes = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
    if (writes && hasBody && !isJson(headers.getFirst("Content-Type"))) {
      return Optional.of(
          new KlarnaError(
              400,
              "INPUT_ERROR",
              "INVALID_CONTENT_TYPE",
              "The body must be sent as Content-Type: application/json.",
              List.of()));
    }
    return Optional.empty();
  }

  /** One header, one line, a JSON object naming {@code integrator.name} (KLARNA-API.md §1.2). */
  static boolean isIntegrationMetadata(List<String> values) {
    if (values.size() != 1 || values.get(0) == null || values.get(0).contains("\n")) {
      return false;
    }
    try (var reader = Json.createReader(new StringReader(values.get(0)))) {
      JsonObject json = reader.readObject();
      return json.get("integrator") instanceof JsonObject integrator
          && integrator.get("name") instanceof JsonString name
          && !name.getString().isBlank();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
