package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.settlements.Settlements;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/v1/reconciliation/items/{id}/resolve {note}}: platform admins only, with the
 * admin API's credentials (HTTP Basic or an admin token); the console's authentication treats this
 * path as the admin API's, and its audit records the call.
 */
@Path("api/v1/reconciliation/items/{id}/resolve")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ReconciliationResolveResource {

  static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

  @Inject Settlements settlements;
  @Context SecurityContext security;

  @POST
  public String resolve(@PathParam("id") String id, String body) {
    if (security == null
        || security.getUserPrincipal() == null
        || !security.isUserInRole(PLATFORM_ADMIN)) {
      throw ApiProblem.forbidden("Only platform admins resolve reconciliation items.");
    }
    JsonInput in = JsonInput.parse(body);
    String note = in.requiredText("note", SettlementFacade.NOTE_MAX);
    in.check();
    return SettlementJson.item(settlements.resolve(id, note, security.getUserPrincipal().getName()))
        .toString();
  }
}
