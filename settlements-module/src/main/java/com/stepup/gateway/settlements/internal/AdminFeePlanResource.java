package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.settlements.FeePlanView;
import com.stepup.gateway.settlements.Settlements;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/**
 * {@code GET|PUT /api/v1/admin/merchants/{id}/fee-plan {fixed, percent_bp}}: the fee per capture a
 * merchant agreed to, against which Klarna's FEE lines are checked ({@code fee_above_plan}).
 * Platform admins, with the admin API's authentication and audit.
 */
@Path("api/v1/admin/merchants/{id}/fee-plan")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AdminFeePlanResource {

  @Inject Settlements settlements;
  @Context SecurityContext security;

  @GET
  public String get(@PathParam("id") String merchantId) {
    return json(settlements.feePlan(merchantId));
  }

  @PUT
  public String put(@PathParam("id") String merchantId, String body) {
    JsonInput in = JsonInput.parse(body);
    in.rejectUnknown(Set.of("fixed", "percent_bp"));
    Long fixed = in.integer("fixed").orElse(null);
    Long percent = in.integer("percent_bp").orElse(null);
    if (!in.has("fixed")) {
      in.reject("fixed", "is required (minor units)");
    }
    if (!in.has("percent_bp")) {
      in.reject("percent_bp", "is required (basis points)");
    }
    in.check();
    String who =
        security == null || security.getUserPrincipal() == null
            ? "admin API"
            : security.getUserPrincipal().getName();
    return json(settlements.setFeePlan(merchantId, fixed, percent, who));
  }

  static String json(FeePlanView p) {
    var json =
        Json.createObjectBuilder()
            .add("merchant_id", p.merchantId())
            .add("fixed", p.fixed())
            .add("percent_bp", p.percentBp())
            .add("source", p.agreed() ? "merchant" : "default");
    if (p.updatedAt() != null) {
      json.add("updated_at", p.updatedAt().toString());
    }
    return json.build().toString();
  }
}
