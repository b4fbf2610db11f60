package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.settlements.ImportResult;
import com.stepup.gateway.settlements.Settlements;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/admin/settlements/import}: imports Klarna's new payouts now, as the daily job
 * does (platform admins; the admin API's authentication and audit).
 */
@Path("api/v1/admin/settlements/import")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminSettlementsResource {

  @Inject Settlements settlements;

  @POST
  public String importNow() {
    ImportResult r = settlements.importNow();
    return Json.createObjectBuilder()
        .add("ran", r.ran())
        .add("payouts", r.payouts())
        .add("lines", r.lines())
        .add("items_opened", r.itemsOpened())
        .add("items_resolved", r.itemsResolved())
        .build()
        .toString();
  }
}
