package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.webhooks.KlarnaWebhooks;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The admin API for webhooks (platform admins; web.xml guards {@code /api/v1/admin/*}): Klarna
 * webhook health and registration, every merchant's notifications, redelivery.
 */
@Path("api/v1/admin/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminWebhooksResource {

  @Inject KlarnaWebhooks klarna;
  @Inject PartnerNotifications notifications;

  @GET
  @Path("klarna")
  public String health() {
    return NotificationJson.health(klarna.health()).toString();
  }

  @POST
  @Path("klarna/registration")
  public Response register() {
    return Response.status(201)
        .entity(Json.createObjectBuilder().add("webhook_id", klarna.register()).build().toString())
        .build();
  }

  @GET
  @Path("notifications")
  public StreamedJson list(
      @QueryParam("merchant_id") String merchantId,
      @QueryParam("status") String status,
      @QueryParam("payment_id") String paymentId,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    String merchant = merchantId == null || merchantId.isBlank() ? null : merchantId;
    return NotificationJson.list(notifications, merchant, status, paymentId, page, size);
  }

  @GET
  @Path("notifications/{id}")
  public String get(@PathParam("id") String id) {
    return NotificationJson.detail(notifications, null, id);
  }

  @POST
  @Path("notifications/{id}/redeliver")
  public Response redeliver(@PathParam("id") String id) {
    return Response.accepted(
            NotificationJson.notification(notifications.redeliver(null, id)).toString())
        .build();
  }
}
