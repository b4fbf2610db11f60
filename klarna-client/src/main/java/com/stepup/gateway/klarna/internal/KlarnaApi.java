package com.stepup.gateway.klarna.internal;

import jakarta.json.JsonObject;

/**
 * Klarna's Acquiring Partner endpoints, one method a call. {@link KlarnaEndpoints} puts each on the
 * wire (its method, path and headers are there, in one place); tests put fakes in its place.
 */
interface KlarnaApi {
  JsonObject createStore(String account, String idempotencyKey, JsonObject store);

  JsonObject stores(String account);

  JsonObject updateStore(String account, String storeId, String idempotencyKey, JsonObject changes);

  /** The initial authorize, or the final one when a token header is set. */
  JsonObject authorize(
      String account,
      String idempotencyKey,
      String networkSessionToken,
      String paymentToken,
      String interoperabilityToken,
      JsonObject body);

  JsonObject paymentRequest(String account, String id);

  JsonObject cancelPaymentRequest(String account, String id);

  // -- the Payment Transaction (KLARNA-API.md §10.2). The read's path is Klarna's; those of
  // capture, refund and void are inferred and live here, in one place, to change when Klarna's
  // OpenAPI file is at hand.
  JsonObject transaction(String account, String id);

  JsonObject capture(
      String account, String transactionId, String idempotencyKey, JsonObject capture);

  /**
   * {@code refundPaymentTransaction}: a refund of the transaction, described by its line items
   * (KLARNA-API.md Part three). Path inferred.
   */
  JsonObject refundTransaction(
      String account, String transactionId, String idempotencyKey, JsonObject refund);

  /**
   * {@code refundPaymentCapture}: a refund of one capture, named by its {@code payment_capture_id}
   * (KLARNA-API.md Part three). Path inferred: the capture under its transaction, as captures are
   * created there.
   */
  JsonObject refundCapture(
      String account,
      String transactionId,
      String captureId,
      String idempotencyKey,
      JsonObject refund);

  /** Releases what a Payment Transaction has authorized and not captured. */
  JsonObject voidTransaction(
      String account, String transactionId, String idempotencyKey, JsonObject empty);

  JsonObject createSigningKey(String idempotencyKey, JsonObject empty);

  void deleteSigningKey(String id);

  JsonObject createWebhook(String idempotencyKey, JsonObject webhook);

  JsonObject webhooks();

  JsonObject webhook(String id);

  JsonObject updateWebhook(String id, String idempotencyKey, JsonObject changes);

  // -- Settlements API v1 (KLARNA-API.md §12.3): the acquirer's payouts of every partner account.
  JsonObject payouts(String startDate, int size, int offset);

  JsonObject settlementTransactions(String paymentReference, int size, int offset);

  // -- disputes, v4 (KLARNA-API.md §11.1): no partner account in the path
  JsonObject dispute(String id);

  JsonObject disputes(String updatedAtStart, String sortBy, String startingAfter, int size);

  /**
   * A {@code multipart/form-data} body built by {@link MultipartBody}, sent with its boundary in
   * the Content-Type.
   */
  JsonObject uploadDisputeAttachment(String id, String idempotencyKey, byte[] multipart);

  JsonObject representDispute(String id, String idempotencyKey, JsonObject evidence);

  JsonObject appealDispute(String id, String idempotencyKey, JsonObject appeal);

  JsonObject acceptDisputeLoss(String id, String idempotencyKey, JsonObject empty);
}
