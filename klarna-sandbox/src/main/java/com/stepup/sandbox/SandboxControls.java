package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Comparator;

/**
 * Test controls, sandbox-only and nowhere but under {@code /sandbox/}: act for the shopper, move
 * the clock, switch faults on, read the webhook delivery log.
 */
@Path("sandbox")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SandboxControls {

  private final PaymentRequests paymentRequests;
  private final SandboxClock clock;
  private final Faults faults;
  private final Transactions transactions;
  private final WebhookDeliveries deliveries;
  private final SandboxTicker ticker;
  private final WireLog.Requests requests;
  private final Settlements settlements;
  private final Disputes disputes;
  private final KlarnaDecisions decisions;

  @Inject
  SandboxControls(
      PaymentRequests paymentRequests,
      SandboxClock clock,
      Faults faults,
      Transactions transactions,
      WebhookDeliveries deliveries,
      SandboxTicker ticker,
      WireLog.Requests requests,
      Settlements settlements,
      Disputes disputes,
      KlarnaDecisions decisions) {
    this.paymentRequests = paymentRequests;
    this.clock = clock;
    this.faults = faults;
    this.transactions = transactions;
    this.deliveries = deliveries;
    this.ticker = ticker;
    this.requests = requests;
    this.settlements = settlements;
    this.disputes = disputes;
    this.decisions = decisions;
  }

  /** For CDI's client proxy only. */
  protected SandboxControls() {
    this(null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Opens a dispute on a captured transaction, as a shopper would: {@code {payment_transaction_id,
   * reason, amount?, capture_id?}}. Answers 201 with the dispute as Klarna's get-details shows it.
   */
  @POST
  @Path("disputes")
  @Consumes(MediaType.WILDCARD)
  public Response openDispute(String raw) {
    return Response.status(201)
        .entity(decisions.open(KlarnaPaymentsApi.parse(raw)).toString())
        .build();
  }

  /** Every dispute, newest first. */
  @GET
  @Path("disputes")
  public String disputes() {
    var list = Json.createArrayBuilder();
    disputes.all().values().stream()
        .sorted(Comparator.comparing((Dispute d) -> d.createdAt).reversed())
        .forEach(d -> list.add(DisputeJson.toJson(d)));
    return Json.createObjectBuilder().add("disputes", list).build().toString();
  }

  /** Klarna decides: {@code {preliminary_outcome: WON|LOST}} or {@code {outcome: WON|LOST}}. */
  @POST
  @Path("disputes/{id}/decide")
  @Consumes(MediaType.WILDCARD)
  public String decideDispute(@PathParam("id") String id, String raw) {
    return decisions.decide(id, KlarnaPaymentsApi.parse(raw)).toString();
  }

  /** Klarna extends the evidence deadline: {@code {seconds}}. */
  @POST
  @Path("disputes/{id}/extend")
  @Consumes(MediaType.WILDCARD)
  public String extendDispute(@PathParam("id") String id, String raw) {
    return decisions.extend(id, KlarnaPaymentsApi.parse(raw)).toString();
  }

  @POST
  @Path("payment-requests/{id}/{action}")
  @Consumes(MediaType.WILDCARD)
  public String act(@PathParam("id") String id, @PathParam("action") String action) {
    ShopperAction move = ShopperAction.of(action);
    PaymentRequest request = paymentRequests.get(null, id);
    return paymentRequests.move(request, move, "PAY_LATER").toJson().toString();
  }

  /** The transactions Klarna holds, newest first. */
  @GET
  @Path("payment-transactions")
  public String transactions() {
    var list = Json.createArrayBuilder();
    transactions.all().stream()
        .sorted(Comparator.comparing((Transaction t) -> t.createdAt).reversed())
        .forEach(t -> list.add(t.toJson()));
    return Json.createObjectBuilder().add("payment_transactions", list).build().toString();
  }

  /** Makes the transaction's authorization run out now (sandbox time): it becomes EXPIRED. */
  @POST
  @Path("payment-transactions/{id}/expire")
  @Consumes(MediaType.WILDCARD)
  public String expireTransaction(@PathParam("id") String id) {
    return transactions.expireNow(id).toString();
  }

  @GET
  @Path("clock")
  public String clock() {
    return Json.createObjectBuilder()
        .add("now", PaymentRequest.iso(clock.instant()))
        .add("offset_seconds", clock.offset().toSeconds())
        .build()
        .toString();
  }

  @POST
  @Path("clock/advance")
  @Consumes(MediaType.WILDCARD)
  public String advance(String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    if (!(body.get("seconds") instanceof JsonNumber n) || n.longValue() < 0) {
      throw KlarnaError.validation("seconds", "a non-negative number of seconds is required");
    }
    clock.advance(Duration.ofSeconds(n.longValue()));
    ticker.sweep();
    settlements.runIfDue();
    return clock();
  }

  @POST
  @Path("faults")
  @Consumes(MediaType.WILDCARD)
  public String addFault(String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    faults.add(
        body.getString("operation", ""),
        body.getString("fault", ""),
        body.getInt("times", 1),
        body.getJsonNumber("delay_ms") == null ? 0 : body.getJsonNumber("delay_ms").longValue());
    return faults();
  }

  @GET
  @Path("faults")
  public String faults() {
    return Json.createObjectBuilder().add("faults", faults.toJson()).build().toString();
  }

  @DELETE
  @Path("faults")
  public String clearFaults() {
    faults.clear();
    return faults();
  }

  @GET
  @Path("webhook-deliveries")
  public String deliveries() {
    var list = Json.createArrayBuilder();
    deliveries.attempts().forEach(list::add);
    return Json.createObjectBuilder().add("deliveries", list).build().toString();
  }

  /**
   * The calls made to Klarna's paths as they arrived (the latest 5,000), optionally only those
   * whose path contains {@code path}: what an integration really sent, headers and all.
   */
  @GET
  @Path("requests")
  public String requests(@QueryParam("path") String path) {
    var list = Json.createArrayBuilder();
    requests.matching(path).forEach(list::add);
    return Json.createObjectBuilder().add("requests", list).build().toString();
  }
}
