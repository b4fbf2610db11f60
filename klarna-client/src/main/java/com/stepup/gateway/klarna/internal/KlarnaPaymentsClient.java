package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    String partnerToken = request.partnerToken();
    return AuthorizeResult.from(
        http.callWithRetries(
            "authorize",
            api ->
                api.authorize(
                    partnerAccountId,
                    idempotencyKey,
                    partnerToken,
                    null,
                    partnerToken,
                    request.toJson())));
  }

  /** The final authorization with the token Klarna issued at COMPLETED. */
  @Override
  public AuthorizeResult finalAuthorize(
      String partnerAccountId,
      FinalAuthorizationToken token,
      String currency,
      long amount,
      String transactionReference,
      String idempotencyKey) {
    boolean current = FinalAuthorizationToken.NETWORK_SESSION_TOKEN.equals(token.header());
    return AuthorizeResult.from(
        http.callWithRetries(
            "final authorize",
            api ->
                api.authorize(
                    partnerAccountId,
                    idempotencyKey,
                    current ? token.value() : null,
                    current ? null : token.value(),
                    null,
                    AuthorizeRequest.finalBody(currency, amount, transactionReference))));
  }

  @Override
  public KlarnaPaymentRequest read(String partnerAccountId, String paymentRequestId) {
    return KlarnaPaymentRequest.from(
        http.callWithRetries(
            "read payment request", api -> api.paymentRequest(partnerAccountId, paymentRequestId)));
  }

  /** Cancels the Payment Request (Klarna answers it CANCELED, or 409 when it is too late). */
  @Override
  public KlarnaPaymentRequest cancel(String partnerAccountId, String paymentRequestId) {
    return KlarnaPaymentRequest.from(
        http.callWithRetries(
            "cancel payment request",
            api -> api.cancelPaymentRequest(partnerAccountId, paymentRequestId)));
  }

  /**
   * Voids the Payment Transaction: releases what it authorized and did not capture. Retried with
   * the same {@code Klarna-Idempotency-Key}; answers the transaction's state after the void.
   */
  @Override
  public String voidTransaction(
      String partnerAccountId, String transactionId, String idempotencyKey) {
    return http.callWithRetries(
            "void transaction",
            api ->
                api.voidTransaction(
                    partnerAccountId,
                    transactionId,
                    idempotencyKey,
                    jakarta.json.JsonValue.EMPTY_JSON_OBJECT))
        .getString("state", "");
  }
}
