package com.stepup.gateway.klarna;

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
      String idempotencyKey);

  KlarnaPaymentRequest read(String partnerAccountId, String paymentRequestId);

  /** Cancels the Payment Request (Klarna answers it CANCELED, or 409 when it is too late). */
  KlarnaPaymentRequest cancel(String partnerAccountId, String paymentRequestId);

  /**
   * Voids the Payment Transaction: releases what it authorized and did not capture. Answers the
   * transaction's state after the void.
   */
  String voidTransaction(String partnerAccountId, String transactionId, String idempotencyKey);
}
