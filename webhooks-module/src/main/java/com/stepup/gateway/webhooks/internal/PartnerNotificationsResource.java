package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.ApplicationScoped;
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

/** The partner's own notifications (API key): what was sent, every attempt, and redelivery. */
@Path("api/v1/notifications")
@PartnerAuthenticated
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PartnerNotificationsResource {

  @Inject PartnerCaller caller;
  @Inject PartnerNotifications notifications;

  @GET
  public StreamedJson list(
      @QueryParam("status") String status,
      @QueryParam("payment_id") String paymentId,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    return NotificationJson.list(notifications, caller.merchantId(), status, paymentId, page, size);
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return NotificationJson.detail(notifications, caller.merchantId(), id);
  }

  /** Queues the notification again; the same {@code Idempotency-Key} replays it, never twice. */
  @POST
  @Idempotent
  @Idempotent.AcceptedIsFinal
  @Path("{id}/redeliver")
  public Response redeliver(@PathParam("id") String id) {
    return Response.accepted(
            NotificationJson.notification(notifications.redeliver(caller.merchantId(), id))
                .toString())
        .build();
  }
}
