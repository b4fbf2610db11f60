package com.stepup.gateway.klarna;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Klarna's Payment Transaction (KLARNA-API.md §10): its state ({@code AUTHORIZED}, {@code
 * COMPLETED}, {@code EXPIRED}, {@code CLOSED}), amounts, when its authorization expires, and the
 * captures Klarna lists in it (an auto-capture's). Read tolerantly: a field Klarna leaves out is
 * null or zero, never a failure.
 */
public record KlarnaTransaction(
    String id,
    String state,
    long amount,
    long capturedAmount,
    long refundedAmount,
    Instant expiresAt,
    Instant updatedAt,
    List<Capture> captures) {

  public static final String AUTHORIZED = "AUTHORIZED";
  public static final String COMPLETED = "COMPLETED";
  public static final String EXPIRED = "EXPIRED";
  public static final String CLOSED = "CLOSED";

  /** A capture as Klarna lists it in the transaction. */
  public record Capture(String id, long amount) {}

  public static KlarnaTransaction from(JsonObject json) {
    List<Capture> captures = new ArrayList<>();
    if (json.get("payment_captures") instanceof jakarta.json.JsonArray list) {
      for (JsonValue v : list) {
        if (v instanceof JsonObject c
            && c.get("payment_capture_id") instanceof jakarta.json.JsonString) {
          captures.add(new Capture(c.getString("payment_capture_id"), number(c, "amount")));
        }
      }
    }
    return new KlarnaTransaction(
        json.getString("payment_transaction_id", null),
        json.getString("state", null),
        number(json, "amount"),
        number(json, "captured_amount"),
        number(json, "refunded_amount"),
        instant(json.getString("expires_at", null)),
        instant(json.getString("updated_at", null)),
        List.copyOf(captures));
  }

  static long number(JsonObject json, String name) {
    return json.get(name) instanceof JsonNumber n && n.isIntegral() ? n.longValue() : 0;
  }

  static Instant instant(String text) {
    try {
      return text == null || text.isBlank() ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
