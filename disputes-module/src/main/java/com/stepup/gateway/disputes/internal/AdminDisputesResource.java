package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/admin/disputes/reconcile}: the daily pass over Klarna's list of disputes, now
 * (platform admins; the admin API's authentication and audit), for a webhook known to be lost.
 */
@Path("api/v1/admin/disputes/reconcile")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminDisputesResource {

  @Inject DisputeJobs jobs;

  @POST
  public String reconcileNow() {
    DisputeLearning.Pass pass = jobs.reconcileNow();
    return Json.createObjectBuilder()
        .add("read", pass.read())
        .add("failed", pass.failed())
        .build()
        .toString();
  }
}
