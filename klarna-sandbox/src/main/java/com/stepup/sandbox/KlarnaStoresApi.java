package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Klarna's partner store API. */
@Path("v2/accounts/{account}/stores")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class KlarnaStoresApi {

  private final ApiKeys apiKeys;
  private final SandboxStores stores;
  private final Idempotency idempotency;
  private final KlarnaPaymentsApi payments;

  @Inject
  KlarnaStoresApi(
      ApiKeys apiKeys, SandboxStores stores, Idempotency idempotency, KlarnaPaymentsApi payments) {
    this.apiKeys = apiKeys;
    this.stores = stores;
    this.idempotency = idempotency;
    this.payments = payments;
  }

  /** For CDI's client proxy only. */
  protected KlarnaStoresApi() {
    this(null, null, null, null);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(
      @PathParam("account") String account,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      String raw) {
    String key = apiKeys.check(authorization, account);
    return payments.withFaults(
        "stores",
        () ->
            idempotency.once(
                key + "|POST|stores|" + account,
                idempotencyKey,
                () ->
                    Response.status(201)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(stores.create(account, KlarnaPaymentsApi.parse(raw)).toString())
                        .build()));
  }

  @GET
  public Response list(
      @PathParam("account") String account, @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, account);
    var items = Json.createArrayBuilder();
    stores.list(account).forEach(items::add);
    return Response.ok(Json.createObjectBuilder().add("stores", items).build().toString()).build();
  }

  @GET
  @Path("{storeId}")
  public Response get(
      @PathParam("account") String account,
      @PathParam("storeId") String storeId,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, account);
    return Response.ok(stores.get(account, storeId).toString()).build();
  }

  @PATCH
  @Path("{storeId}")
  @Consumes(MediaType.WILDCARD)
  public Response update(
      @PathParam("account") String account,
      @PathParam("storeId") String storeId,
      @HeaderParam("Authorization") String authorization,
      String raw) {
    apiKeys.check(authorization, account);
    return Response.ok(stores.update(account, storeId, KlarnaPaymentsApi.parse(raw)).toString())
        .build();
  }
}
