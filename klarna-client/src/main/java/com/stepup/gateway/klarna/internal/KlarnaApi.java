package com.stepup.gateway.klarna.internal;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
}
