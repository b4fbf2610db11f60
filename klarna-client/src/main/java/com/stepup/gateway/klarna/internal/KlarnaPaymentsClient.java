package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.klarna.KlarnaWire;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Klarna's Payment Authorize API and Payment Request endpoints for one partner account. Every call
 * is retried on no answer, 429 and 5xx; POSTs carry the caller's {@code Klarna-Idempotency-Key}, so
 * a retry gets Klarna's first result instead of a second transaction.
 */
@ApplicationScoped
class KlarnaPaymentsClient implements KlarnaPayments {

  @Inject KlarnaHttp http;

  /** The initial authorize. */
  @Override
  public AuthorizeResult authorize(
      String partnerAccountId, AuthorizeRequest request, String idempotencyKey) {
    AuthorizeRequest.PartnerData partner =
        request.partner() == null ? AuthorizeRequest.PartnerData.NONE : request.partner();
    String header = partner.tokenHeader();
    // the partner's token under one name only: the current, or the older when the partner used it
    String current = KlarnaWire.NETWORK_SESSION_TOKEN.equals(header) ? partner.token() : null;
    String older = KlarnaWire.INTEROPERABILITY_TOKEN.equals(header) ? partner.token() : null;
    JsonObject body = request.toJson();
    return AuthorizeResult.from(
        http.callWithRetries(
            partnerAccountId,
            "authorize",
            api -> api.authorize(partnerAccountId, idempotencyKey, current, null, older, body)));
  }

  /** The final authorization with the token Klarna issued at COMPLETED. */
  @Override
  public AuthorizeResult finalAuthorize(
      String partnerAccountId,
      FinalAuthorizationToken token,
      String currency,
      long amount,
      String transactionReference,
      boolean captureNow,
      String idempotencyKey) {
    boolean current = FinalAuthorizationToken.NETWORK_SESSION_TOKEN.equals(token.header());
    return AuthorizeResult.from(
        http.callWithRetries(
            partnerAccountId,
            "final authorize",
            api ->
                api.authorize(
                    partnerAccountId,
                    idempotencyKey,
                    current ? token.value() : null,
                    current ? null : token.value(),
                    null,
                    AuthorizeRequest.finalBody(
                        currency, amount, transactionReference, captureNow))));
  }

  @Override
  public KlarnaPaymentRequest read(String partnerAccountId, String paymentRequestId) {
    return KlarnaPaymentRequest.from(
        http.callWithRetries(
            partnerAccountId,
            "read payment request",
            api -> api.paymentRequest(partnerAccountId, paymentRequestId)));
  }

  /**
   * Cancels the Payment Request (Klarna answers it CANCELED, or 409 when it is too late). Sent
   * once, never repeated here: a DELETE carries no idempotency key, and a repeat after the shopper
   * completed would cancel an approved sale, so the caller reads the request again before any
   * retry.
   */
  @Override
  public KlarnaPaymentRequest cancel(String partnerAccountId, String paymentRequestId) {
    return KlarnaPaymentRequest.from(
        http.call(
            partnerAccountId,
            "cancel payment request",
            api -> api.cancelPaymentRequest(partnerAccountId, paymentRequestId)));
  }

  @Override
  public KlarnaTransaction readTransaction(String partnerAccountId, String transactionId) {
    return KlarnaTransaction.from(
        http.callWithRetries(
            partnerAccountId,
            "read payment transaction",
            api -> api.transaction(partnerAccountId, transactionId)));
  }

  @Override
  public KlarnaMoneyMove capture(
      String partnerAccountId,
      String transactionId,
      long amount,
      JsonArray lineItems,
      JsonArray shippingInfo,
      String idempotencyKey) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("amount", amount);
    addIfAny(body, "line_items", lineItems);
    addIfAny(body, "shipping_info", shippingInfo);
    JsonObject sent = body.build();
    return KlarnaMoneyMove.capture(
        http.callWithRetries(
            partnerAccountId,
            "capture",
            api -> api.capture(partnerAccountId, transactionId, idempotencyKey, sent)));
  }

  @Override
  public KlarnaMoneyMove refund(
      String partnerAccountId,
      String transactionId,
      long amount,
      String captureId,
      String reason,
      JsonArray lineItems,
      String idempotencyKey) {
    JsonObject sent = refundBody(amount, reason, lineItems);
    return KlarnaMoneyMove.refund(
        http.callWithRetries(
            partnerAccountId,
            "refund",
            api ->
                captureId != null
                    ? api.refundCapture(
                        partnerAccountId, transactionId, captureId, idempotencyKey, sent)
                    : api.refundTransaction(
                        partnerAccountId, transactionId, idempotencyKey, sent)));
  }

  /**
   * A refund's body, the same for Klarna's two operations: the capture a refund is of is named by
   * its path, never in the body.
   */
  static JsonObject refundBody(long amount, String reason, JsonArray lineItems) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("amount", amount);
    if (reason != null) {
      body.add("reason", reason);
    }
    addIfAny(body, "line_items", lineItems);
    return body.build();
  }

  /**
   * Voids the Payment Transaction: releases what it authorized and did not capture. Retried with
   * the same {@code Klarna-Idempotency-Key}; answers the transaction after the void.
   */
  @Override
  public KlarnaTransaction voidTransaction(
      String partnerAccountId, String transactionId, String idempotencyKey) {
    return KlarnaTransaction.from(
        http.callWithRetries(
            partnerAccountId,
            "void transaction",
            api ->
                api.voidTransaction(
                    partnerAccountId, transactionId, idempotencyKey, JsonValue.EMPTY_JSON_OBJECT)));
  }

  private static void addIfAny(JsonObjectBuilder body, String name, JsonArray items) {
    if (items != null && !items.isEmpty()) {
      body.add(name, items);
    }
  }
}
