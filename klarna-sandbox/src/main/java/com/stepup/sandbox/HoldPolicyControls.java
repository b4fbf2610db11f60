package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;

/**
 * {@code PUT /sandbox/accounts/{partner_account_id}/hold-policy {"hold_policy": "NONE" |
 * "ON_DISPUTE_INITIATED"}}: Klarna's per-account {@code options.hold_policy} (KLARNA-API.md §11.6)
 * for disputes opened from now on. {@code GET} reads it; {@code NONE} until set.
 */
@Path("sandbox/accounts/{account}/hold-policy")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HoldPolicyControls {

  private final Ledger ledger;

  @Inject
  HoldPolicyControls(Ledger ledger) {
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected HoldPolicyControls() {
    this(null);
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  public String set(@PathParam("account") String account, String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    for (String key : body.keySet()) {
      if (!"hold_policy".equals(key)) {
        throw KlarnaError.validation(key, "is not a field of a hold policy");
      }
    }
    return json(ledger.setHoldPolicy(account, policy(body)));
  }

  @GET
  public String get(@PathParam("account") String account) {
    return json(ledger.holdPolicy(account));
  }

  static Ledger.HoldPolicy policy(JsonObject body) {
    if (body.get("hold_policy") instanceof JsonString s) {
      for (Ledger.HoldPolicy p : Ledger.HoldPolicy.values()) {
        if (p.name().equals(s.getString())) {
          return p;
        }
      }
    }
    throw KlarnaError.validation(
        "hold_policy", "must be one of " + Arrays.toString(Ledger.HoldPolicy.values()));
  }

  private static String json(Ledger.HoldPolicy policy) {
    return Json.createObjectBuilder().add("hold_policy", policy.name()).build().toString();
  }
}
