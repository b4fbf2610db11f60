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
import jakarta.ws.rs.core.MediaType;

/** Klarna's Acquiring Partner endpoints as a MicroProfile Rest Client interface. */
@Path("v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface KlarnaApi {

  @POST
  @Path("accounts/{account}/stores")
  JsonObject createStore(
      @PathParam("account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject store);

  @GET
  @Path("accounts/{account}/stores")
  JsonObject stores(@PathParam("account") String account);

  @PATCH
  @Path("accounts/{account}/stores/{storeId}")
  JsonObject updateStore(
      @PathParam("account") String account,
      @PathParam("storeId") String storeId,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      JsonObject changes);

  /** The initial authorize, or the final one when a token header is set. */
  @POST
  @Path("accounts/{account}/payment/authorize")
  JsonObject authorize(
      @PathParam("account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @HeaderParam("Klarna-Network-Session-Token") String networkSessionToken,
      @HeaderParam("Klarna-Payment-Token") String paymentToken,
      @HeaderParam("Klarna-Interoperability-Token") String interoperabilityToken,
      JsonObject body);

  @GET
  @Path("accounts/{account}/payment/requests/{id}")
  JsonObject paymentRequest(@PathParam("account") String account, @PathParam("id") String id);

  @DELETE
  @Path("accounts/{account}/payment/requests/{id}")
  JsonObject cancelPaymentRequest(@PathParam("account") String account, @PathParam("id") String id);

  @POST
  @Path("notification/signing-keys")
  JsonObject createSigningKey(JsonObject empty);

  @POST
  @Path("notification/webhooks")
  JsonObject createWebhook(JsonObject webhook);

  @GET
  @Path("notification/webhooks")
  JsonObject webhooks();

  @GET
  @Path("notification/webhooks/{id}")
  JsonObject webhook(@PathParam("id") String id);

  @PATCH
  @Path("notification/webhooks/{id}")
  JsonObject updateWebhook(@PathParam("id") String id, JsonObject changes);
}
