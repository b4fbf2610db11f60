package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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

  private final Settlements settlements;
  private final Ledger ledger;

  @Inject
  SettlementControls(Settlements settlements, Ledger ledger) {
    this.settlements = settlements;
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected SettlementControls() {
    this(null, null);
  }

  @POST
  @Path("run")
  @Consumes(MediaType.WILDCARD)
  public String run() {
    return settlements.run().toString();
  }

  /**
   * {@code POST /sandbox/settlements/bulk-lines {"partner_account_id", "currency", "sales",
   * "amount"?}}: writes {@code sales} captures' SALE and FEE (and TAX) lines at once, as if
   * captured outside the gateway: the settlement import benchmark's large payout.
   */
  @POST
  @Path("bulk-lines")
  @Consumes(MediaType.WILDCARD)
  public String bulk(String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    if (!(body.get("partner_account_id") instanceof JsonString account)
        || account.getString().isBlank()) {
      throw KlarnaError.validation("partner_account_id", "is required");
    }
    String currency = body.getString("currency", "USD");
    if (!currency.matches("[A-Z]{3}")) {
      throw KlarnaError.validation("currency", "must be an ISO 4217 code");
    }
    if (!(body.get("sales") instanceof JsonNumber sales) || !sales.isIntegral()) {
      throw KlarnaError.validation("sales", "must be an integer from 1 to " + Ledger.BULK_MAX);
    }
    long amount = 1_000;
    if (body.containsKey("amount")) {
      if (!(body.get("amount") instanceof JsonNumber a) || !a.isIntegral()) {
        throw KlarnaError.validation("amount", "must be an integer of at least 1");
      }
      amount = a.longValue();
    }
    int written = ledger.addBulkSales(account.getString(), currency, sales.intValue(), amount);
    return Json.createObjectBuilder().add("lines", written).build().toString();
  }

  @GET
  @Path("open-lines")
  public String openLines() {
    var list = Json.createArrayBuilder();
    ledger.open().forEach(l -> list.add(SettlementJson.toJson(l, "").asJsonObject()));
    return Json.createObjectBuilder().add("lines", list).build().toString();
  }
}
