package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PUT /sandbox/accounts/{partner_account_id}/fee-plan {fixed, percent_bp, tax_percent_bp}}:
 * the fee Klarna takes per capture of that account from now on (fixed minor units plus basis points
 * of the capture; tax in basis points of the fee, as a separate TAX line). {@code GET} reads it.
 */
@Path("sandbox/accounts/{account}/fee-plan")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeePlanControls {

  private final Ledger ledger;

  @Inject
  FeePlanControls(Ledger ledger) {
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected FeePlanControls() {
    this(null);
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  public String set(@PathParam("account") String account, String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!List.of("fixed", "percent_bp", "tax_percent_bp").contains(key)) {
        invalid.add(new KlarnaError.Invalid(key, "is not a field of a fee plan"));
      }
    }
    long fixed = field(body, "fixed", invalid);
    long percent = field(body, "percent_bp", invalid);
    long tax = field(body, "tax_percent_bp", invalid);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    return json(ledger.setPlan(account, new Ledger.FeePlan(fixed, percent, tax)));
  }

  @GET
  public String get(@PathParam("account") String account) {
    return json(ledger.plan(account));
  }

  private static long field(JsonObject body, String key, List<KlarnaError.Invalid> invalid) {
    JsonValue v = body.get(key);
    if (v == null) {
      return 0;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
      return n.longValue();
    }
    invalid.add(new KlarnaError.Invalid(key, "must be an integer >= 0"));
    return 0;
  }

  private static String json(Ledger.FeePlan plan) {
    return Json.createObjectBuilder()
        .add("fixed", plan.fixed())
        .add("percent_bp", plan.percentBp())
        .add("tax_percent_bp", plan.taxPercentBp())
        .build()
        .toString();
  }
}
