package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.WebUrls;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import com.stepup.gateway.stores.RotatedSecret;
import com.stepup.gateway.webhooks.PartnerNotifications;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The partner's own notification endpoint (issue 28, item 5): where its signed notifications go,
 * which event types, its signing secret and a test, without asking a platform admin. The URL is
 * checked as the admin's is (and resolved again at every delivery). Rotating the secret is not
 * {@code Idempotency-Key}-bound: a kept answer would store the new secret beside the key.
 */
@Path("api/v1/webhook-endpoint")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhookEndpointResource {

  @Inject Merchants merchants;
  @Inject PartnerCaller caller;
  @Inject Outbox outbox;
  @Inject Deliverer deliverer;
  @Inject PartnerNotifications notifications;

  @GET
  public String get() {
    return endpoint(merchants.get(caller.merchantId()));
  }

  /**
   * {@code {"url": "https://…", "event_types": ["payment.*"]}} sets it; {@code {"url": null}} stops
   * the notifications; no or an empty {@code event_types} is every type.
   */
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
    List<String> chosen = new ArrayList<>();
    List<String> sent = in.texts("event_types", EventTypes.ALL.size(), 100).orElse(List.of());
    for (int i = 0; i < sent.size(); i++) {
      if (!EventTypes.known(sent.get(i))) {
        in.reject(
            "event_types[" + i + "]",
            "must be one of " + String.join(", ", EventTypes.ALL) + ", payment.* or dispute.*");
      } else if (!chosen.contains(sent.get(i))) {
        chosen.add(sent.get(i));
      }
    }
    in.check();
    MerchantView merchant = merchants.update(caller.merchantId(), null, url, null);
    outbox.chooseEventTypes(merchant.id(), chosen);
    return endpoint(merchant);
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

  /** Sends a signed {@code ping} to the endpoint now: 202 with the notification to follow. */
  @POST
  @Path("test")
  public Response test() {
    MerchantView merchant = merchants.get(caller.merchantId());
    if (merchant.notificationUrl() == null) {
      throw ApiProblem.conflict(null, "No notification URL is set: PUT one first.");
    }
    String id = outbox.ping(merchant);
    deliverer.redeliverSoon(id);
    return Response.accepted(
            NotificationJson.notification(notifications.get(merchant.id(), id)).toString())
        .build();
  }

  private String endpoint(MerchantView merchant) {
    var types = Json.createArrayBuilder();
    outbox.eventTypes(merchant.id()).forEach(types::add);
    return Json.createObjectBuilder()
        .add(
            "url",
            merchant.notificationUrl() == null
                ? JsonValue.NULL
                : Json.createValue(merchant.notificationUrl()))
        .add("event_types", types)
        .build()
        .toString();
  }
}
