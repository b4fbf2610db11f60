package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Klarna's error body ({@code error_type}, {@code error_code}, ...) as a {@link KlarnaException},
 * and its {@code Retry-After}.
 */
final class KlarnaErrors {

  private KlarnaErrors() {}

  /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    try {
      if (h.matches("\\d{1,9}")) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
      }
      Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  static KlarnaException parse(int status, String raw, String correlationId) {
    JsonObject body = JsonValue.EMPTY_JSON_OBJECT;
    try (var reader = Json.createReader(new StringReader(raw))) {
      body = reader.readObject();
    } catch (RuntimeException notJson) {
      // a proxy's HTML page or an empty body: keep the status
    }
    List<KlarnaException.Invalid> invalid = new ArrayList<>();
    if (body.get("validation_errors") instanceof JsonArray list) {
      for (JsonObject v : list.getValuesAs(JsonObject.class)) {
        invalid.add(
            new KlarnaException.Invalid(v.getString("parameter", ""), v.getString("reason", "")));
      }
    }
    return new KlarnaException(
        status,
        body.getString("error_type", null),
        body.getString("error_code", null),
        body.getString("error_message", null),
        correlationId != null ? correlationId : body.getString("error_id", null),
        invalid);
  }
}
