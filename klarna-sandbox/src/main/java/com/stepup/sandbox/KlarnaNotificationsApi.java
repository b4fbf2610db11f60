package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * Klarna's Notifications API. The signing keys and webhooks belong to the partner account named in
 * {@code Klarna-Partner-Account}, or to the acquirer itself when that header is absent (any of its
 * keys sees them: the keys are one acquirer's). Its POSTs and PATCHes honour {@code
 * Klarna-Idempotency-Key} as every Klarna POST and PATCH does: a repeat gets the first answer, so a
 * retried key creation does not use up a second key of the account's few.
 */
@Path("v2/notification")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class KlarnaNotificationsApi {

  private final ApiKeys apiKeys;
  private final SigningKeys signingKeys;
  private final Webhooks webhooks;
  private final Idempotency idempotency;

  @Inject
  KlarnaNotificationsApi(
      ApiKeys apiKeys, SigningKeys signingKeys, Webhooks webhooks, Idempotency idempotency) {
    this.apiKeys = apiKeys;
    this.signingKeys = signingKeys;
    this.webhooks = webhooks;
    this.idempotency = idempotency;
  }

  /** For CDI's client proxy only. */
  protected KlarnaNotificationsApi() {
    this(null, null, null, null);
  }

  private Response once(String owner, String what, String key, Supplier<Response> call) {
    return idempotency.once(owner + "|" + what, key, call);
  }

  private String owner(String authorization, String partnerAccount) {
    apiKeys.check(authorization, partnerAccount);
    return partnerAccount != null ? partnerAccount : ApiKeys.ACQUIRER;
  }

  @POST
  @Path("signing-keys")
  @Consumes(MediaType.WILDCARD)
  public Response createKey(
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String key) {
    String owner = owner(auth, account);
    return once(
        owner,
        "POST signing-keys",
        key,
        () ->
            Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(signingKeys.create(owner).toString())
                .build());
  }

  @GET
  @Path("signing-keys")
  public String keys(
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account) {
    return list("signing_keys", signingKeys.list(owner(auth, account)));
  }

  @DELETE
  @Path("signing-keys/{id}")
  public Response deleteKey(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account) {
    signingKeys.delete(owner(auth, account), id);
    return Response.noContent().build();
  }

  @POST
  @Path("webhooks")
  @Consumes(MediaType.WILDCARD)
  public Response createWebhook(
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      String raw) {
    String owner = owner(auth, account);
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    return once(
        owner,
        "POST webhooks",
        key,
        () ->
            Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(webhooks.create(owner, body).toString())
                .build());
  }

  @GET
  @Path("webhooks")
  public String webhooks(
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account) {
    return list("webhooks", webhooks.list(owner(auth, account)));
  }

  @GET
  @Path("webhooks/{id}")
  public String webhook(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account) {
    return webhooks.read(owner(auth, account), id).toString();
  }

  @PATCH
  @Path("webhooks/{id}")
  @Consumes(MediaType.WILDCARD)
  public Response updateWebhook(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      String raw) {
    String owner = owner(auth, account);
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    return once(
        owner,
        "PATCH webhooks/" + id,
        key,
        () ->
            Response.ok(webhooks.update(owner, id, body).toString())
                .type(MediaType.APPLICATION_JSON)
                .build());
  }

  @DELETE
  @Path("webhooks/{id}")
  public Response deleteWebhook(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account) {
    webhooks.delete(owner(auth, account), id);
    return Response.noContent().build();
  }

  @POST
  @Path("webhooks/{id}/simulate")
  @Consumes(MediaType.WILDCARD)
  public String simulate(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String auth,
      @HeaderParam("Klarna-Partner-Account") String account,
      String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    return webhooks
        .simulate(
            owner(auth, account),
            id,
            body.getString("event_type", "payment.request.state-change.completed"))
        .toString();
  }

  private static String list(String name, List<JsonObject> items) {
    var array = Json.createArrayBuilder();
    items.forEach(array::add);
    return Json.createObjectBuilder().add(name, array).build().toString();
  }
}
