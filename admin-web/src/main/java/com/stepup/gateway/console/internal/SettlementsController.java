package com.stepup.gateway.console.internal;

import com.stepup.gateway.settlements.ReconciliationItemView;
import com.stepup.gateway.settlements.Settlements;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Finance's pages: payouts (a list, and a payout with its lines and the totals formula) and
 * reconciliation (open items by kind and age; platform admins resolve with a note). Merchant admins
 * see their own; support reads; platform admins see everything.
 */
@Controller
@RequestScoped
@Path("console")
public class SettlementsController {

  static final int PAGE_SIZE = 20;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;
  @Inject Settlements settlements;
  @Inject Clock clock;

  @GET
  @Path("payouts")
  public String payouts(@QueryParam("page") Integer page) {
    caller.describe();
    int p = page == null || page < 0 ? 0 : page;
    models.put(
        "payouts", settlements.payouts(caller.merchantScope(), null, null, null, p, PAGE_SIZE));
    return "payouts.html";
  }

  @GET
  @Path("payouts/{id}")
  public String payout(@PathParam("id") String id) {
    caller.describe();
    models.put("payout", settlements.payout(caller.merchantScope(), id));
    models.put("lines", settlements.lines(caller.merchantScope(), id));
    return "payout.html";
  }

  @GET
  @Path("reconciliation")
  public String reconciliation(
      @QueryParam("state") String state,
      @QueryParam("kind") String kind,
      @QueryParam("page") Integer page) {
    caller.describe();
    // List.of(...).contains(null) throws: an absent parameter is checked first
    String s = state != null && ReconciliationItemView.STATES.contains(state) ? state : "open";
    String k = kind != null && ReconciliationItemView.KINDS.contains(kind) ? kind : null;
    int p = page == null || page < 0 ? 0 : page;
    var items = settlements.items(caller.merchantScope(), s, k, p, PAGE_SIZE);
    models.put("items", items);
    Map<String, Long> ages = new HashMap<>();
    items.items().forEach(i -> ages.put(i.id(), days(i.createdAt(), clock.instant())));
    models.put("ages", ages);
    models.put("openByKind", settlements.openItemsByKind(caller.merchantScope()));
    models.put("kinds", ReconciliationItemView.KINDS);
    models.put("state", s);
    models.put("kind", k == null ? "" : k);
    models.put("canResolve", caller.platformAdmin());
    return "reconciliation.html";
  }

  /** Days since {@code at}, for the age column. */
  static long days(Instant at, Instant now) {
    return Duration.between(at, now).toDays();
  }

  @POST
  @Path("reconciliation/{id}/resolve")
  public Response resolve(@PathParam("id") String id, @FormParam("note") String note) {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
    settlements.resolve(id, note, caller.username());
    audit.record("reconciliation.resolve", id, null);
    return Response.seeOther(URI.create("console/reconciliation?done=item-resolved")).build();
  }
}
