package com.stepup.sandbox;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One Payment Request as Klarna keeps it, in the sandbox's memory. Guarded by its own lock. */
public final class PaymentRequest {

  final String id;
  final String uuid;
  final String partnerAccountId;
  final long amount;
  final String currency;
  final String transactionReference;
  final String method;
  final JsonObject interactionConfig;
  final JsonObject purchaseData;
  final String baseUrl;
  final Instant createdAt;
  String reference;
  PaymentRequestState state = PaymentRequestState.SUBMITTED;
  PaymentRequestState previousState;
  String stateReason;
  Instant updatedAt;
  Instant expiresAt;
  Instant canceledAt;
  Instant completedAt;
  String networkSessionToken;
  String paymentToken;
  String paymentOption;
  JsonObject finalResult;
  final AtomicBoolean finalizing = new AtomicBoolean();

  PaymentRequest(
      String uuid,
      String partnerAccountId,
      long amount,
      String currency,
      String transactionReference,
      String reference,
      String method,
      JsonObject interactionConfig,
      JsonObject purchaseData,
      String baseUrl,
      Instant now,
      Instant expiresAt) {
    this.uuid = uuid;
    this.id = "krn:payment:eu1:request:" + uuid;
    this.partnerAccountId = partnerAccountId;
    this.amount = amount;
    this.currency = currency;
    this.transactionReference = transactionReference;
    this.reference = reference;
    this.method = method;
    this.interactionConfig = interactionConfig;
    this.purchaseData = purchaseData;
    this.baseUrl = baseUrl;
    this.createdAt = now;
    this.updatedAt = now;
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  public synchronized PaymentRequestState state() {
    return state;
  }

  String journeyUrl() {
    return baseUrl + "pay/requests/" + uuid + "/start";
  }

  String qrImageUrl() {
    return baseUrl + "pay/requests/" + uuid + "/qr.png";
  }

  String returnUrl() {
    return interactionConfig.getString("return_url", null);
  }

  /** Moves to {@code target}; the caller has checked the move is allowed. */
  synchronized void moveTo(PaymentRequestState target, String reason, Instant now) {
    if (!state.canMoveTo(target)) {
      throw KlarnaError.conflict(
          "The payment request is " + state + " and cannot become " + target + ".");
    }
    previousState = state;
    state = target;
    stateReason = reason;
    updatedAt = now;
    if (target == PaymentRequestState.CANCELED) {
      canceledAt = now;
    }
  }

  synchronized JsonObject toJson() {
    var interaction =
        Json.createObjectBuilder().add("method", method).add("payment_request_id", id);
    if ("QR_CODE".equals(method)) {
      interaction.add(
          "qr_code",
          Json.createObjectBuilder()
              .add("image_url", qrImageUrl())
              .add("target_url", journeyUrl()));
    } else {
      interaction.add("payment_request_url", journeyUrl());
    }
    var context = Json.createObjectBuilder().add("customer_interaction", interaction);
    if (state == PaymentRequestState.COMPLETED && networkSessionToken != null) {
      context
          .add("klarna_network_session_token", networkSessionToken)
          .add("payment_token", paymentToken);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("payment_request_id", id)
            .add("state", state.name())
            .add("amount", amount)
            .add("currency", currency)
            .add("state_context", context)
            .add("expires_at", iso(expiresAt))
            .add("created_at", iso(createdAt))
            .add("updated_at", iso(updatedAt))
            .add("customer_interaction_config", interactionConfig);
    addIfSet(json, "payment_request_reference", reference);
    addIfSet(json, "previous_state", previousState == null ? null : previousState.name());
    addIfSet(json, "state_reason", stateReason);
    addIfSet(json, "canceled_at", canceledAt == null ? null : iso(canceledAt));
    if (purchaseData != null) {
      json.add("supplementary_purchase_data", purchaseData);
    }
    return json.build();
  }

  /** The state-change event's payload; the tokens only at COMPLETED (KLARNA-API.md §7). */
  synchronized JsonObject event() {
    var p =
        Json.createObjectBuilder()
            .add("payment_request_id", id)
            .add("state", state.name())
            .add("expires_at", iso(expiresAt))
            .add("updated_at", iso(updatedAt));
    addIfSet(p, "payment_request_reference", reference);
    addIfSet(p, "previous_state", previousState == null ? null : previousState.name());
    addIfSet(p, "state_reason", stateReason);
    if (state == PaymentRequestState.COMPLETED) {
      p.add("klarna_network_session_token", networkSessionToken).add("payment_token", paymentToken);
    }
    return p.build();
  }

  static void addIfSet(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
