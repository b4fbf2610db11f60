package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.stores.CreatedMerchant;
import com.stepup.gateway.stores.IssuedApiKey;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.NewMerchant;
import com.stepup.gateway.stores.RotatedSecret;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The admin API for platform admins (HTTP Basic; web.xml restricts {@code /api/v1/admin/*} to
 * PLATFORM_ADMIN): merchants and their API keys.
 */
@Path("api/v1/admin/merchants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminMerchantsResource {

  @Inject Merchants merchants;

  @POST
  public Response create(String body) {
    JsonInput in = JsonInput.parse(body);
    var input =
        new NewMerchant(
            in.requiredText("name", 200),
            in.requiredText("klarna_partner_account_id", 200),
            in.text("notification_url", 2000).orElse(null));
    in.rejectAll(merchants.check(input));
    in.check();
    CreatedMerchant created = merchants.create(input);
    var json =
        Json.createObjectBuilder(StoreJson.merchant(created.merchant()))
            .add("api_key", created.apiKey().secret())
            .add("api_key_prefix", created.apiKey().key().prefix())
            .add("webhook_secret", created.webhookSecret())
            .build();
    return Response.created(
            UriBuilder.fromPath("/api/v1/admin/merchants/{id}").build(created.merchant().id()))
        .entity(json.toString())
        .build();
  }

  @GET
  public StreamedJson list(
      @QueryParam("q") String query,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    int[] p = ListPage.request(page, size);
    return merchants.list(query, p[0], p[1]).streamed(StoreJson::writeMerchant);
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return StoreJson.merchant(merchants.get(id)).toString();
  }

  @PATCH
  @Path("{id}")
  public String update(@PathParam("id") String id, String body) {
    MerchantView current = merchants.get(id);
    JsonInput in = JsonInput.parse(body);
    String name = in.text("name", 200).orElse(null);
    String url =
        in.has("notification_url")
            ? in.text("notification_url", 2000).orElse(null)
            : current.notificationUrl();
    MerchantView.Status status = null;
    var s = in.text("status", 20);
    if (s.isPresent()) {
      try {
        status = MerchantView.Status.valueOf(s.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        in.reject("status", "must be active or suspended");
      }
    }
    in.check();
    return StoreJson.merchant(merchants.update(id, name, url, status)).toString();
  }

  /** A merchant's requests a minute per API key, and whether that is the gateway's default. */
  @GET
  @Path("{id}/rate-limit")
  public String rateLimit(@PathParam("id") String id) {
    merchants.get(id);
    var own = merchants.rateLimit(id);
    return Json.createObjectBuilder()
        .add(
            "requests_per_minute",
            own.orElseGet(
                () ->
                    ConfigProvider.getConfig()
                        .getOptionalValue("gateway.rate-limit.per-minute", Integer.class)
                        .orElse(6000)))
        .add("default", own.isEmpty())
        .build()
        .toString();
  }

  /**
   * {@code {"requests_per_minute": 600}} sets the merchant's limit per API key and minute; {@code
   * null} returns it to the gateway's default. Every instance applies it within seconds.
   */
  @PUT
  @Path("{id}/rate-limit")
  public String changeRateLimit(@PathParam("id") String id, String body) {
    merchants.get(id);
    JsonInput in = JsonInput.parse(body);
    if (!in.fieldNames().contains("requests_per_minute")) {
      in.reject("requests_per_minute", "is required (null for the gateway's default)");
    }
    Long perMinute = in.integer("requests_per_minute").orElse(null);
    if (perMinute != null && (perMinute < 1 || perMinute > 1_000_000)) {
      in.reject("requests_per_minute", "must be 1 to 1000000, or null for the default");
    }
    in.check();
    merchants.changeRateLimit(id, perMinute == null ? null : perMinute.intValue());
    return rateLimit(id);
  }

  @GET
  @Path("{id}/api-keys")
  public String keys(@PathParam("id") String id) {
    var items = Json.createArrayBuilder();
    merchants.keys(id).forEach(k -> items.add(StoreJson.apiKey(k)));
    return Json.createObjectBuilder().add("items", items).build().toString();
  }

  /** A new key; its secret is in this answer only. */
  @POST
  @Path("{id}/api-keys")
  public Response issueKey(@PathParam("id") String id, String body) {
    JsonInput in = JsonInput.parse(body == null || body.isBlank() ? "{}" : body);
    String label = in.text("label", 100).orElse(null);
    var scopes = StoreJson.scopes(in);
    in.check();
    IssuedApiKey key = merchants.issueKey(id, label, scopes);
    return Response.status(201)
        .entity(
            Json.createObjectBuilder(StoreJson.apiKey(key.key()))
                .add("api_key", key.secret())
                .build()
                .toString())
        .build();
  }

  @DELETE
  @Path("{id}/api-keys/{keyId}")
  public String revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
    return StoreJson.apiKey(merchants.revokeKey(id, keyId)).toString();
  }

  /** A new webhook secret, in this answer only; the old one stays valid for the grace period. */
  @POST
  @Path("{id}/webhook-secret")
  public Response rotateWebhookSecret(@PathParam("id") String id) {
    RotatedSecret rotated = merchants.rotateWebhookSecret(id);
    return Response.status(201)
        .entity(
            Json.createObjectBuilder()
                .add("webhook_secret", rotated.webhookSecret())
                .add("previous_valid_until", rotated.previousValidUntil().toString())
                .build()
                .toString())
        .build();
  }
}
