package com.stepup.sandbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Payment Transaction as Klarna keeps it, in the sandbox's memory: its captures and refunds,
 * and what is captured and refunded of its amount. Changed under its own lock, by {@link
 * Transactions}.
 */
public final class Transaction {

  /** How long an authorization lasts (sandbox time). */
  static final Duration AUTHORIZATION = Duration.ofDays(28);

  record Capture(String id, long amount, Instant at) {}

  record Refund(String id, long amount, String captureId, String reason, Instant at) {}

  final String id;
  final String account;
  final String reference;
  final long amount;
  final String currency;
  final Instant createdAt;
  Instant expiresAt;
  TransactionState state = TransactionState.AUTHORIZED;
  long captured;
  long refunded;
  int voids;
  final List<Capture> captures = new ArrayList<>();
  final List<Refund> refunds = new ArrayList<>();
  Instant updatedAt;

  /** Klarna's sandbox dispute flag in the shopper's e-mail (§11.8), or null. */
  String disputeFlag;

  Transaction(
      String id, String account, String reference, long amount, String currency, Instant now) {
    this.id = id;
    this.account = account;
    this.reference = reference;
    this.amount = amount;
    this.currency = currency;
    this.createdAt = now;
    this.expiresAt = now.plus(AUTHORIZATION);
    this.updatedAt = now;
  }

  int actions() {
    return captures.size() + refunds.size() + voids;
  }

  long refundedOf(String captureId) {
    return refunds.stream()
        .filter(r -> captureId.equals(r.captureId()))
        .mapToLong(Refund::amount)
        .sum();
  }

  synchronized JsonObject toJson() {
    JsonArrayBuilder caps = Json.createArrayBuilder();
    for (Capture c : captures) {
      caps.add(
          Json.createObjectBuilder()
              .add("payment_capture_id", c.id())
              .add("amount", c.amount())
              .add("refunded_amount", refundedOf(c.id()))
              .add("created_at", PaymentRequest.iso(c.at())));
    }
    JsonArrayBuilder refs = Json.createArrayBuilder();
    for (Refund r : refunds) {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("payment_refund_id", r.id())
              .add("amount", r.amount())
              .add("created_at", PaymentRequest.iso(r.at()));
      if (r.captureId() != null) {
        json.add("payment_capture_id", r.captureId());
      }
      refs.add(json);
    }
    return Json.createObjectBuilder()
        .add("payment_transaction_id", id)
        .add("payment_transaction_reference", reference == null ? "" : reference)
        .add("state", state.name())
        .add("amount", amount)
        .add("currency", currency)
        .add("captured_amount", captured)
        .add("refunded_amount", refunded)
        .add("payment_captures", caps)
        .add("payment_refunds", refs)
        .add("payment_funding", JsonValue.EMPTY_JSON_OBJECT)
        .add("payment_pricing", JsonValue.EMPTY_JSON_OBJECT)
        .add("created_at", PaymentRequest.iso(createdAt))
        .add("updated_at", PaymentRequest.iso(updatedAt))
        .add("expires_at", PaymentRequest.iso(expiresAt))
        .build();
  }

  /** The state-change event's payload (§10.4). */
  JsonObject event(TransactionState previous) {
    return Json.createObjectBuilder()
        .add("payment_transaction_id", id)
        .add("payment_transaction_reference", reference == null ? "" : reference)
        .add("state", state.name())
        .add("previous_state", previous == null ? "NONE" : previous.name())
        .add("amount", amount)
        .add("currency", currency)
        .add("captured_amount", captured)
        .add("refunded_amount", refunded)
        .add("expires_at", PaymentRequest.iso(expiresAt))
        .add("updated_at", PaymentRequest.iso(updatedAt))
        .build();
  }

  /**
   * A capture's or refund's event payload (inferred: KLARNA-API.md Part three names the event, not
   * its payload): the transaction's id and reference, the move's own fields, and the transaction
   * after it.
   */
  JsonObject moveEvent(JsonObject move) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("payment_transaction_id", id)
            .add("payment_transaction_reference", reference == null ? "" : reference);
    move.forEach(
        (k, v) -> {
          if (!k.equals("payment_transaction")) {
            json.add(k, v);
          }
        });
    return json.add("payment_transaction", toJson()).build();
  }

  /** A refund's answer: the refund's fields and the transaction after it (§10.3). */
  JsonObject refundAnswer(Refund refund) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("payment_refund_id", refund.id())
            .add("amount", refund.amount())
            .add("created_at", PaymentRequest.iso(refund.at()));
    if (refund.captureId() != null) {
      json.add("payment_capture_id", refund.captureId());
    }
    if (refund.reason() != null) {
      json.add("reason", refund.reason());
    }
    return json.add("payment_transaction", toJson()).build();
  }
}
