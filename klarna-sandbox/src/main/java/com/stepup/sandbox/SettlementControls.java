package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Settlement test controls: {@code POST /sandbox/settlements/run} settles every open ledger line
 * now; {@code GET /sandbox/settlements/open-lines} shows what the next run would take.
 */
@Path("sandbox/settlements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettlementControls {

  @Inject Settlements settlements;
  @Inject Ledger ledger;

  @POST
  @Path("run")
  @Consumes(MediaType.WILDCARD)
  public String run() {
    return settlements.run().toString();
  }

  @GET
  @Path("open-lines")
  public String openLines() {
    var list = Json.createArrayBuilder();
    ledger.open().forEach(l -> list.add(Settlements.toJson(l, "").asJsonObject()));
    return Json.createObjectBuilder().add("lines", list).build().toString();
  }
}
