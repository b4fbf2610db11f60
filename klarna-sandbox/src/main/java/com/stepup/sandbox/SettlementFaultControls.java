package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /sandbox/settlement-faults {"kind": "DROP_LINE" | "CHANGE_AMOUNT" | "UNKNOWN_LINE",
 * "times": 1}} makes the next {@code times} settlement runs imperfect ({@link Settlements} says
 * how); {@code GET} lists them, {@code DELETE} clears them.
 */
@Path("sandbox/settlement-faults")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettlementFaultControls {

  private final Settlements settlements;

  @Inject
  SettlementFaultControls(Settlements settlements) {
    this.settlements = settlements;
  }

  /** For CDI's client proxy only. */
  protected SettlementFaultControls() {
    this(null);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public String add(String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    if (!(body.get("kind") instanceof JsonString kind)) {
      throw KlarnaError.validation("kind", "must be one of " + Settlements.FAULTS);
    }
    int times = 1;
    if (body.containsKey("times")) {
      if (!(body.get("times") instanceof JsonNumber n) || !n.isIntegral()) {
        throw KlarnaError.validation("times", "must be an integer of at least 1");
      }
      times = n.intValue();
    }
    settlements.addFault(kind.getString(), times);
    return list();
  }

  @GET
  public String list() {
    return Json.createObjectBuilder().add("faults", settlements.faults()).build().toString();
  }

  @DELETE
  public String clear() {
    settlements.clearFaults();
    return list();
  }
}
