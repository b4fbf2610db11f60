package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.WebUrls;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import com.stepup.gateway.stores.RotatedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The partner's own notification endpoint (issue 28, item 5): where its signed notifications go,
 * and its signing secret, without asking a platform admin. The URL is checked as the admin's is
 * (https to a public address; resolved again at every delivery). Rotating the secret is not {@code
 * Idempotency-Key}-bound: a kept answer would store the new secret beside the key.
 */
@Path("api/v1/webhook-endpoint")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhookEndpointResource {

  @Inject Merchants merchants;
  @Inject PartnerCaller caller;

  @GET
  public String get() {
    return endpoint(merchants.get(caller.merchantId()));
  }

  /** {@code {"url": "https://…"}} sets it; {@code {"url": null}} stops the notifications. */
  @PUT
  public String put(String body) {
    JsonInput in = JsonInput.parse(body);
    if (!in.fieldNames().contains("url")) {
      in.reject("url", "is required (null stops the notifications)");
    }
    String url = in.text("url", 2000).orElse(null);
    if (url != null && !WebUrls.isWebUrl(url)) {
      in.reject("url", "must be an absolute http or https URL");
    }
    in.check();
    MerchantView merchant = merchants.get(caller.merchantId());
    return endpoint(merchants.update(merchant.id(), null, url, null));
  }

  /** A new secret, in this answer only; the old one signs beside it for the grace period. */
  @POST
  @Path("rotate-secret")
  public Response rotateSecret() {
    RotatedSecret rotated = merchants.rotateWebhookSecret(caller.merchantId());
    return Response.status(201)
        .entity(
            Json.createObjectBuilder()
                .add("webhook_secret", rotated.webhookSecret())
                .add("previous_valid_until", rotated.previousValidUntil().toString())
                .build()
                .toString())
        .build();
  }

  private static String endpoint(MerchantView merchant) {
    return Json.createObjectBuilder()
        .add(
            "url",
            merchant.notificationUrl() == null
                ? JsonValue.NULL
                : Json.createValue(merchant.notificationUrl()))
        .build()
        .toString();
  }
}
