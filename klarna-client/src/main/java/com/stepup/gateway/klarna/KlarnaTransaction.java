package com.stepup.gateway.klarna;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Klarna's Payment Transaction (KLARNA-API.md §10): its state ({@code AUTHORIZED}, {@code
 * COMPLETED}, {@code EXPIRED}, {@code CLOSED}), amounts, when its authorization expires, and the
 * captures and refunds Klarna lists in it ({@code payment_captures}, {@code payment_refunds}),
 * whoever made them. Read tolerantly: a field Klarna leaves out is null, zero or an empty list,
 * never a failure; an empty list says nothing (a state-change event carries none), never "none".
 */
public record KlarnaTransaction(
    String id,
    String state,
    long amount,
    long capturedAmount,
    long refundedAmount,
    Instant expiresAt,
    Instant updatedAt,
    List<Capture> captures,
    List<Refund> refunds,
    String reference) {

  public static final String AUTHORIZED = "AUTHORIZED";
  public static final String COMPLETED = "COMPLETED";
  public static final String EXPIRED = "EXPIRED";
  public static final String CLOSED = "CLOSED";

  /** The same transaction, named as Klarna's for our {@code payment_transaction_reference}. */
  public KlarnaTransaction withReference(String paymentTransactionReference) {
    return new KlarnaTransaction(
        id,
        state,
        amount,
        capturedAmount,
        refundedAmount,
        expiresAt,
        updatedAt,
        captures,
        refunds,
        paymentTransactionReference);
  }

  /** A capture as Klarna lists it in the transaction. */
  public record Capture(String id, long amount) {}

  /** A refund as Klarna lists it; {@code captureId} names the capture it was of, if any. */
  public record Refund(String id, long amount, String captureId) {}

  /** A transaction whose {@code payment_transaction_reference} is not known. */
  public KlarnaTransaction(
      String id,
      String state,
      long amount,
      long capturedAmount,
      long refundedAmount,
      Instant expiresAt,
      Instant updatedAt,
      List<Capture> captures,
      List<Refund> refunds) {
    this(
        id,
        state,
        amount,
        capturedAmount,
        refundedAmount,
        expiresAt,
        updatedAt,
        captures,
        refunds,
        null);
  }

  /** A transaction whose refunds are not known. */
  public KlarnaTransaction(
      String id,
      String state,
      long amount,
      long capturedAmount,
      long refundedAmount,
      Instant expiresAt,
      Instant updatedAt,
      List<Capture> captures) {
    this(
        id,
        state,
        amount,
        capturedAmount,
        refundedAmount,
        expiresAt,
        updatedAt,
        captures,
        List.of());
  }

  public static KlarnaTransaction from(JsonObject json) {
    List<Capture> captures = new ArrayList<>();
    if (json.get("payment_captures") instanceof JsonArray list) {
      for (JsonValue v : list) {
        if (v instanceof JsonObject c && c.get("payment_capture_id") instanceof JsonString) {
          captures.add(new Capture(c.getString("payment_capture_id"), number(c, "amount")));
        }
      }
    }
    List<Refund> refunds = new ArrayList<>();
    if (json.get("payment_refunds") instanceof JsonArray list) {
      for (JsonValue v : list) {
        if (v instanceof JsonObject r && r.get("payment_refund_id") instanceof JsonString) {
          refunds.add(refund(r));
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
        List.copyOf(captures),
        List.copyOf(refunds),
        json.getString("payment_transaction_reference", null));
  }

  /**
   * A transaction event's payload: a state change (the transaction's fields), or {@code
   * payment.transaction.captured} / {@code .refunded}, which name the capture or refund made
   * ({@code payment_capture_id} or {@code payment_refund_id}, with its {@code amount}) and may
   * carry the transaction after it in {@code payment_transaction} (docs/klarna-wire.md: inferred).
   */
  public static KlarnaTransaction fromEvent(JsonObject payload) {
    JsonObject body =
        payload.get("payment_transaction") instanceof JsonObject t
            ? merged(t, payload.getString("payment_transaction_id", null))
            : payload;
    KlarnaTransaction t = from(body);
    List<Capture> captures = new ArrayList<>(t.captures());
    List<Refund> refunds = new ArrayList<>(t.refunds());
    if (payload.get("payment_refund_id") instanceof JsonString id) {
      if (refunds.stream().noneMatch(r -> r.id().equals(id.getString()))) {
        refunds.add(refund(payload));
      }
    } else if (payload.get("payment_capture_id") instanceof JsonString id) {
      if (captures.stream().noneMatch(c -> c.id().equals(id.getString()))) {
        captures.add(new Capture(id.getString(), number(payload, "amount")));
      }
    }
    return new KlarnaTransaction(
        t.id(),
        t.state(),
        t.amount(),
        t.capturedAmount(),
        t.refundedAmount(),
        t.expiresAt(),
        t.updatedAt(),
        List.copyOf(captures),
        List.copyOf(refunds),
        t.reference() != null
            ? t.reference()
            : payload.getString("payment_transaction_reference", null));
  }

  private static JsonObject merged(JsonObject transaction, String id) {
    if (transaction.containsKey("payment_transaction_id") || id == null) {
      return transaction;
    }
    return Json.createObjectBuilder(transaction).add("payment_transaction_id", id).build();
  }

  private static Refund refund(JsonObject r) {
    return new Refund(
        r.getString("payment_refund_id"),
        number(r, "amount"),
        r.get("payment_capture_id") instanceof JsonString c ? c.getString() : null);
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
