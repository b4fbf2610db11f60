package com.stepup.gateway.klarna;

import jakarta.json.JsonArray;

/**
 * Klarna's Payment Authorize API, Payment Request and Payment Transaction endpoints for one partner
 * account: the port the payments module calls Klarna through. Every call is retried on no answer,
 * 429 and 5xx; calls that create or change something carry the caller's {@code
 * Klarna-Idempotency-Key}, so a retry gets Klarna's first result instead of a second transaction.
 * Failures are {@link KlarnaException}s.
 */
public interface KlarnaPayments {

  /** The initial authorize. */
  AuthorizeResult authorize(
      String partnerAccountId, AuthorizeRequest request, String idempotencyKey);

  /** The final authorization with the token Klarna issued at COMPLETED. */
  AuthorizeResult finalAuthorize(
      String partnerAccountId,
      FinalAuthorizationToken token,
      String currency,
      long amount,
      String transactionReference,
      boolean captureNow,
      String idempotencyKey);

  KlarnaPaymentRequest read(String partnerAccountId, String paymentRequestId);

  /** Cancels the Payment Request (Klarna answers it CANCELED, or 409 when it is too late). */
  KlarnaPaymentRequest cancel(String partnerAccountId, String paymentRequestId);

  /** Reads the Payment Transaction (its state, amounts and expiry). */
  KlarnaTransaction readTransaction(String partnerAccountId, String transactionId);

  /**
   * Captures {@code amount} of the transaction; {@code lineItems} and {@code shippingInfo}
   * (Klarna's shapes) may be null.
   */
  KlarnaMoneyMove capture(
      String partnerAccountId,
      String transactionId,
      long amount,
      JsonArray lineItems,
      JsonArray shippingInfo,
      String idempotencyKey);

  /**
   * Refunds {@code amount} with one of Klarna's two operations: of one capture ({@code
   * refundPaymentCapture}) when {@code captureId} (Klarna's {@code payment_capture_id}) is set,
   * else of the transaction ({@code refundPaymentTransaction}, described by {@code lineItems} when
   * given).
   */
  KlarnaMoneyMove refund(
      String partnerAccountId,
      String transactionId,
      long amount,
      String captureId,
      String reason,
      JsonArray lineItems,
      String idempotencyKey);

  /**
   * Voids the Payment Transaction: releases what it authorized and did not capture. Answers the
   * transaction after the void.
   */
  KlarnaTransaction voidTransaction(
      String partnerAccountId, String transactionId, String idempotencyKey);
}
