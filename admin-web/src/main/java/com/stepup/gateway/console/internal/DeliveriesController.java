package com.stepup.gateway.console.internal;

import com.stepup.gateway.webhooks.KlarnaWebhooks;
import com.stepup.gateway.webhooks.NotificationView;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Partner notification deliveries: failing ones first, filtered by status, each with its attempts,
 * and "redeliver now" for platform and merchant admins. A merchant's people see only theirs;
 * platform staff see every merchant's and Klarna's webhook health.
 */
@Controller
@RequestScoped
@Path("console/deliveries")
public class DeliveriesController {

  static final int PAGE_SIZE = 20;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;
  @Inject PartnerNotifications notifications;
  @Inject KlarnaWebhooks klarna;

  @GET
  public String list(@QueryParam("status") String status, @QueryParam("page") Integer page) {
    caller.describe();
    NotificationView.Status filter = Forms.enumOf(NotificationView.Status.class, status);
    int p = page == null || page < 0 ? 0 : page;
    models.put(
        "deliveries", notifications.list(caller.merchantScope(), filter, null, p, PAGE_SIZE));
    models.put("status", filter == null ? "" : filter.name());
    models.put("canRedeliver", canRedeliver());
    if (caller.merchantScope() == null) {
      models.put("health", klarna.health());
    }
    return "deliveries.html";
  }

  @GET
  @Path("{id}")
  public String delivery(@PathParam("id") String id) {
    caller.describe();
    models.put("delivery", notifications.get(caller.merchantScope(), id));
    models.put("attempts", notifications.attempts(caller.merchantScope(), id));
    models.put("body", TimelineRows.pretty(notifications.body(caller.merchantScope(), id)));
    models.put("canRedeliver", canRedeliver());
    return "delivery.html";
  }

  @POST
  @Path("{id}/redeliver")
  public Response redeliver(@PathParam("id") String id) {
    if (!canRedeliver()) {
      throw new ForbiddenException();
    }
    notifications.redeliver(caller.merchantScope(), id);
    audit.record("notification.redeliver", id, null);
    return Response.seeOther(URI.create("console/deliveries/" + id + "?done=redelivered")).build();
  }

  private boolean canRedeliver() {
    return caller.platformAdmin() || caller.canEditStores();
  }
}
