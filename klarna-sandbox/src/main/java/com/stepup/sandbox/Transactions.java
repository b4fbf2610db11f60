package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's Payment Transactions (KLARNA-API.md §10): every APPROVED authorize creates one,
 * AUTHORIZED for 28 days (sandbox time). A void releases what is not captured: CLOSED when nothing
 * was captured; a transaction that is no longer AUTHORIZED cannot be voided (409).
 */
@ApplicationScoped
public class Transactions {

  static final Duration AUTHORIZATION = Duration.ofDays(28);

  @Inject SandboxClock clock;

  /** One transaction; changed under its own lock. */
  static final class Transaction {
    final String id;
    final String account;
    final String reference;
    final long amount;
    final String currency;
    final Instant createdAt;
    final Instant expiresAt;
    String state = "AUTHORIZED";
    long captured;
    long refunded;
    Instant updatedAt;

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

    synchronized JsonObject toJson() {
      return Json.createObjectBuilder()
          .add("payment_transaction_id", id)
          .add("payment_transaction_reference", reference == null ? "" : reference)
          .add("state", state)
          .add("amount", amount)
          .add("currency", currency)
          .add("captured_amount", captured)
          .add("refunded_amount", refunded)
          .add("payment_funding", JsonValue.EMPTY_JSON_OBJECT)
          .add("payment_pricing", JsonValue.EMPTY_JSON_OBJECT)
          .add("created_at", PaymentRequest.iso(createdAt))
          .add("updated_at", PaymentRequest.iso(updatedAt))
          .add("expires_at", PaymentRequest.iso(expiresAt))
          .build();
    }
  }

  private final Map<String, Transaction> byId = new ConcurrentHashMap<>();

  /** A new AUTHORIZED transaction, as the APPROVED answer carries it. */
  JsonObject create(String account, String reference, long amount, String currency) {
    Transaction t =
        new Transaction(
            "krn:payment:eu1:transaction:" + UUID.randomUUID(),
            account,
            reference,
            amount,
            currency,
            clock.instant());
    byId.put(t.id, t);
    return t.toJson();
  }

  Transaction get(String account, String id) {
    Transaction t = byId.get(id);
    if (t == null || !t.account.equals(account)) {
      throw KlarnaError.notFound("Payment transaction " + id);
    }
    return t;
  }

  /** Releases what is authorized and not captured. */
  JsonObject voidTransaction(String account, String id) {
    Transaction t = get(account, id);
    synchronized (t) {
      if (!"AUTHORIZED".equals(t.state)) {
        throw KlarnaError.conflict(
            "Only an AUTHORIZED transaction can be voided; it is " + t.state + ".");
      }
      t.state = t.captured == 0 ? "CLOSED" : "COMPLETED";
      t.updatedAt = clock.instant();
    }
    return t.toJson();
  }

  /** Forgets transactions closed more than {@code retention} ago (sandbox time). */
  void sweep(Duration retention) {
    Instant before = clock.instant().minus(retention);
    byId.values()
        .removeIf(
            t -> {
              synchronized (t) {
                return "CLOSED".equals(t.state) && t.updatedAt.isBefore(before);
              }
            });
  }
}
