package com.stepup.gateway.klarna.internal;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Klarna's Acquiring Partner endpoints as a MicroProfile Rest Client interface. It has no
 * class-level {@code @Path} on purpose: a root {@code @Path} would make the server's scan publish
 * it as a resource of the gateway (STACK.md trap 17); each method carries its full path instead.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface KlarnaApi {

  @POST
  @Path("v2/accounts/{account}/stores")
  JsonObject createStore(
      @PathParam("account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject store);

  @GET
  @Path("v2/accounts/{account}/stores")
  JsonObject stores(@PathParam("account") String account);

  @PATCH
  @Path("v2/accounts/{account}/stores/{storeId}")
  JsonObject updateStore(
      @PathParam("account") String account,
      @PathParam("storeId") String storeId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject changes);

  /** The initial authorize, or the final one when a token header is set. */
  @POST
  @Path("v2/accounts/{account}/payment/authorize")
  JsonObject authorize(
      @PathParam("account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @HeaderParam("Klarna-Network-Session-Token") String networkSessionToken,
      @HeaderParam("Klarna-Payment-Token") String paymentToken,
      @HeaderParam("Klarna-Interoperability-Token") String interoperabilityToken,
      JsonObject body);

  @GET
  @Path("v2/accounts/{account}/payment/requests/{id}")
  JsonObject paymentRequest(@PathParam("account") String account, @PathParam("id") String id);

  @DELETE
  @Path("v2/accounts/{account}/payment/requests/{id}")
  JsonObject cancelPaymentRequest(@PathParam("account") String account, @PathParam("id") String id);

  // -- the Payment Transaction (KLARNA-API.md §10.2). The read's path is Klarna's; those of
  // capture, refund and void are inferred and live here, in one place, to change when Klarna's
  // OpenAPI file is at hand.

  @GET
  @Path("v2/accounts/{account}/payment/transactions/{id}")
  JsonObject transaction(@PathParam("account") String account, @PathParam("id") String id);

  @POST
  @Path("v2/accounts/{account}/payment/transactions/{id}/captures")
  JsonObject capture(
      @PathParam("account") String account,
      @PathParam("id") String transactionId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject capture);

  /**
   * {@code refundPaymentTransaction}: a refund of the transaction, described by its line items
   * (KLARNA-API.md Part three). Path inferred.
   */
  @POST
  @Path("v2/accounts/{account}/payment/transactions/{id}/refunds")
  JsonObject refundTransaction(
      @PathParam("account") String account,
      @PathParam("id") String transactionId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject refund);

  /**
   * {@code refundPaymentCapture}: a refund of one capture, named by its {@code payment_capture_id}
   * (KLARNA-API.md Part three). Path inferred: the capture under its transaction, as captures are
   * created there.
   */
  @POST
  @Path("v2/accounts/{account}/payment/transactions/{id}/captures/{captureId}/refunds")
  JsonObject refundCapture(
      @PathParam("account") String account,
      @PathParam("id") String transactionId,
      @PathParam("captureId") String captureId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject refund);

  /** Releases what a Payment Transaction has authorized and not captured. */
  @POST
  @Path("v2/accounts/{account}/payment/transactions/{id}/void")
  JsonObject voidTransaction(
      @PathParam("account") String account,
      @PathParam("id") String transactionId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject empty);

  @POST
  @Path("v2/notification/signing-keys")
  JsonObject createSigningKey(
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey, JsonObject empty);

  @DELETE
  @Path("v2/notification/signing-keys/{id}")
  void deleteSigningKey(@PathParam("id") String id);

  @POST
  @Path("v2/notification/webhooks")
  JsonObject createWebhook(
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey, JsonObject webhook);

  @GET
  @Path("v2/notification/webhooks")
  JsonObject webhooks();

  @GET
  @Path("v2/notification/webhooks/{id}")
  JsonObject webhook(@PathParam("id") String id);

  @PATCH
  @Path("v2/notification/webhooks/{id}")
  JsonObject updateWebhook(
      @PathParam("id") String id,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject changes);

  // -- Settlements API v1 (KLARNA-API.md §12.3): the acquirer's payouts of every partner account.

  @GET
  @Path("settlements/v1/payouts")
  JsonObject payouts(
      @QueryParam("start_date") String startDate,
      @QueryParam("size") int size,
      @QueryParam("offset") int offset);

  @GET
  @Path("settlements/v1/transactions")
  JsonObject settlementTransactions(
      @QueryParam("payment_reference") String paymentReference,
      @QueryParam("size") int size,
      @QueryParam("offset") int offset);

  // -- disputes, v4 (KLARNA-API.md §11.1): no partner account in the path

  @GET
  @Path("v4/payment/disputes/{id}")
  JsonObject dispute(@PathParam("id") String id);

  @GET
  @Path("v4/payment/disputes")
  JsonObject disputes(
      @QueryParam("updated_at_start") String updatedAtStart,
      @QueryParam("sort_by[]") String sortBy,
      @QueryParam("starting_after") String startingAfter,
      @QueryParam("size") int size);

  /**
   * A {@code multipart/form-data} body built by {@link MultipartBody}; {@link MultipartBoundary}
   * names its boundary in the Content-Type.
   */
  @POST
  @Path("v4/payment/disputes/{id}/attachments")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  JsonObject uploadDisputeAttachment(
      @PathParam("id") String id,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      byte[] multipart);

  @POST
  @Path("v4/payment/disputes/{id}/represent")
  JsonObject representDispute(
      @PathParam("id") String id,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject evidence);

  @POST
  @Path("v4/payment/disputes/{id}/appeal")
  JsonObject appealDispute(
      @PathParam("id") String id,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject appeal);

  @POST
  @Path("v4/payment/disputes/{id}/accept-loss")
  JsonObject acceptDisputeLoss(
      @PathParam("id") String id,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject empty);
}
