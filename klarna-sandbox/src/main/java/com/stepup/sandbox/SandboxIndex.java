package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;

/** The sandbox's front page for people trying it out: its payment requests and deliveries. */
@Path("")
@ApplicationScoped
public class SandboxIndex {

  private final PaymentRequests paymentRequests;
  private final WebhookDeliveries deliveries;
  private final Transactions transactions;
  private final SandboxClock clock;

  @Inject
  SandboxIndex(
      PaymentRequests paymentRequests,
      WebhookDeliveries deliveries,
      Transactions transactions,
      SandboxClock clock) {
    this.paymentRequests = paymentRequests;
    this.deliveries = deliveries;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected SandboxIndex() {
    this(null, null, null, null);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String index() {
    var html =
        new StringBuilder(
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Klarna sandbox</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}</style>"
                + "</head><body><h1>Klarna sandbox</h1><p>Sandbox time: ");
    html.append(PaymentRequest.iso(clock.instant()))
        .append("</p><h2>Payment requests</h2><table id=payment-requests><tr><th>id</th>")
        .append(
            "<th>reference</th><th>state</th><th>amount</th><th>method</th><th>expires</th></tr>");
    paymentRequests.all().stream()
        .sorted(Comparator.comparing((PaymentRequest p) -> p.createdAt).reversed())
        .limit(200)
        .forEach(
            p -> {
              JsonObject json = p.toJson();
              html.append("<tr><td><a href='pay/requests/")
                  .append(p.uuid)
                  .append("/start'>")
                  .append(PurchaseJourney.escape(p.id))
                  .append("</a></td><td>")
                  .append(PurchaseJourney.escape(json.getString("payment_request_reference", "")))
                  .append("</td><td>")
                  .append(json.getString("state"))
                  .append("</td><td>")
                  .append(p.amount)
                  .append(' ')
                  .append(PurchaseJourney.escape(p.currency))
                  .append("</td><td>")
                  .append(p.method)
                  .append("</td><td>")
                  .append(json.getString("expires_at"))
                  .append("</td></tr>");
            });
    html.append("</table><h2>Payment transactions</h2><table id=payment-transactions><tr>")
        .append("<th>id</th><th>reference</th><th>state</th><th>amount</th><th>captured</th>")
        .append("<th>refunded</th><th>captures</th><th>refunds</th><th>expires</th></tr>");
    transactions.all().stream()
        .sorted(Comparator.comparing((Transaction t) -> t.createdAt).reversed())
        .limit(200)
        .forEach(
            t -> {
              JsonObject json = t.toJson();
              html.append("<tr><td>")
                  .append(PurchaseJourney.escape(t.id))
                  .append("</td><td>")
                  .append(PurchaseJourney.escape(json.getString("payment_transaction_reference")))
                  .append("</td><td>")
                  .append(json.getString("state"))
                  .append("</td><td>")
                  .append(PurchaseJourney.amount(t.amount, t.currency))
                  .append("</td><td>")
                  .append(
                      PurchaseJourney.amount(
                          json.getJsonNumber("captured_amount").longValue(), t.currency))
                  .append("</td><td>")
                  .append(
                      PurchaseJourney.amount(
                          json.getJsonNumber("refunded_amount").longValue(), t.currency))
                  .append("</td><td>")
                  .append(json.getJsonArray("payment_captures").size())
                  .append("</td><td>")
                  .append(json.getJsonArray("payment_refunds").size())
                  .append("</td><td>")
                  .append(json.getString("expires_at"))
                  .append("</td></tr>");
            });
    html.append("</table><h2>Webhook deliveries</h2><table id=deliveries><tr><th>at</th>")
        .append("<th>event</th><th>type</th><th>url</th><th>attempt</th><th>status</th></tr>");
    deliveries.attempts().stream()
        .sorted(Comparator.comparing((JsonObject a) -> a.getString("at")).reversed())
        .limit(200)
        .forEach(
            a ->
                html.append("<tr><td>")
                    .append(a.getString("at"))
                    .append("</td><td>")
                    .append(a.getString("event_id"))
                    .append("</td><td>")
                    .append(a.getString("event_type"))
                    .append("</td><td>")
                    .append(PurchaseJourney.escape(a.getString("url")))
                    .append("</td><td>")
                    .append(a.getInt("attempt"))
                    .append("</td><td>")
                    .append(PurchaseJourney.escape(a.getString("status")))
                    .append("</td></tr>"));
    return html.append("</table></body></html>").toString();
  }
}
