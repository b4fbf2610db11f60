package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Klarna's Settlements API v1 (KLARNA-API.md §12.3) under {@code /settlements/v1}: payouts, their
 * summary per currency, the settled transactions, and the combined CSV report. The acquirer's key
 * sees every partner account's payouts ({@code merchant_id} names the account); {@code
 * Klarna-Partner-Account} narrows to one. Errors are v1's shape: {@code {error_code,
 * error_messages, correlation_id}}. Lists page by {@code size} (1–500, default 20) and {@code
 * offset}.
 */
@Path("settlements/v1")
@ApplicationScoped
public class SettlementsApi {

  private final ApiKeys apiKeys;
  private final Settlements settlements;
  private final Ledger ledger;
  private final Faults faults;

  @Inject
  SettlementsApi(ApiKeys apiKeys, Settlements settlements, Ledger ledger, Faults faults) {
    this.apiKeys = apiKeys;
    this.settlements = settlements;
    this.ledger = ledger;
    this.faults = faults;
  }

  /** For CDI's client proxy only. */
  protected SettlementsApi() {
    this(null, null, null, null);
  }

  @GET
  @Path("payouts")
  public Response payouts(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Partner-Account") String account,
      @QueryParam("start_date") String startDate,
      @QueryParam("end_date") String endDate,
      @QueryParam("currency_code") String currency,
      @QueryParam("size") String size,
      @QueryParam("offset") String offset,
      @Context UriInfo uri) {
    return answer(
        authorization,
        account,
        () -> {
          Instant from = SettlementParams.date("start_date", startDate, false);
          Instant to = SettlementParams.date("end_date", endDate, true);
          String cur = SettlementParams.currency(currency);
          int s = SettlementParams.size(size);
          int o = SettlementParams.offset(offset);
          String base = uri.getBaseUri().toString();
          List<Settlements.Payout> all =
              settlements.payouts(account).stream()
                  .filter(p -> from == null || !p.payoutDate().isBefore(from))
                  .filter(p -> to == null || !p.payoutDate().isAfter(to))
                  .filter(p -> cur == null || p.currency().equals(cur))
                  .toList();
          var list = Json.createArrayBuilder();
          all.stream().skip(o).limit(s).forEach(p -> list.add(SettlementJson.toJson(p, base)));
          return Response.ok(
                  Json.createObjectBuilder()
                      .add("payouts", list)
                      .add("pagination", pagination(uri, all.size(), s, o))
                      .build()
                      .toString(),
                  MediaType.APPLICATION_JSON)
              .build();
        });
  }

  @GET
  @Path("payouts/summary")
  public Response summary(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Partner-Account") String account,
      @QueryParam("start_date") String startDate,
      @QueryParam("end_date") String endDate,
      @QueryParam("currency_code") String currency) {
    return answer(
        authorization,
        account,
        () -> {
          if (startDate == null || endDate == null) {
            throw new SettlementsError(400, "BAD_VALUE", "start_date and end_date are required");
          }
          Instant from = SettlementParams.date("start_date", startDate, false);
          Instant to = SettlementParams.date("end_date", endDate, true);
          String cur = SettlementParams.currency(currency);
          var byCurrency = new TreeMap<String, List<Settlements.Payout>>();
          settlements.payouts(account).stream()
              .filter(p -> !p.payoutDate().isBefore(from) && !p.payoutDate().isAfter(to))
              .filter(p -> cur == null || p.currency().equals(cur))
              .forEach(
                  p -> byCurrency.computeIfAbsent(p.currency(), c -> new ArrayList<>()).add(p));
          var list = Json.createArrayBuilder();
          byCurrency.forEach(
              (c, ps) -> {
                var json =
                    Json.createObjectBuilder()
                        .add("summary_settlement_currency", c)
                        .add(
                            "summary_payout_date_start", PaymentRequest.iso(ps.get(0).payoutDate()))
                        .add(
                            "summary_payout_date_end",
                            PaymentRequest.iso(ps.get(ps.size() - 1).payoutDate()));
                ps.get(0)
                    .totals()
                    .keySet()
                    .forEach(
                        k ->
                            json.add(
                                "summary_total_" + k,
                                ps.stream()
                                    .mapToLong(
                                        p ->
                                            "opening_debt_balance_amount".equals(k)
                                                ? p.openingDebt()
                                                : p.totals().get(k))
                                    .sum()));
                json.add(
                    "summary_total_settlement_amount",
                    ps.stream().mapToLong(Settlements.Payout::settlementAmount).sum());
                list.add(json);
              });
          return Response.ok(list.build().toString(), MediaType.APPLICATION_JSON).build();
        });
  }

  @GET
  @Path("payouts/{payment_reference}")
  public Response payout(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Partner-Account") String account,
      @PathParam("payment_reference") String reference,
      @Context UriInfo uri) {
    return answer(
        authorization,
        account,
        () ->
            Response.ok(
                    SettlementJson.toJson(found(account, reference), uri.getBaseUri().toString())
                        .toString(),
                    MediaType.APPLICATION_JSON)
                .build());
  }

  @GET
  @Path("transactions")
  public Response transactions(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Partner-Account") String account,
      @QueryParam("payment_reference") String reference,
      @QueryParam("order_id") String orderId,
      @QueryParam("size") String size,
      @QueryParam("offset") String offset,
      @Context UriInfo uri) {
    return answer(
        authorization,
        account,
        () -> {
          int s = SettlementParams.size(size);
          int o = SettlementParams.offset(offset);
          List<Ledger.Line> lines;
          if (reference != null) {
            found(account, reference);
            lines = ledger.settledIn(reference);
          } else {
            var visible =
                settlements.payouts(account).stream()
                    .map(Settlements.Payout::paymentReference)
                    .collect(Collectors.toSet());
            lines =
                ledger.settled().stream()
                    .filter(l -> visible.contains(l.paymentReference))
                    .toList();
          }
          if (orderId != null) {
            lines = lines.stream().filter(l -> l.orderId.equals(orderId)).toList();
          }
          String base = uri.getBaseUri().toString();
          var list = Json.createArrayBuilder();
          lines.stream().skip(o).limit(s).forEach(l -> list.add(SettlementJson.toJson(l, base)));
          return Response.ok(
                  Json.createObjectBuilder()
                      .add("transactions", list)
                      .add("pagination", pagination(uri, lines.size(), s, o))
                      .build()
                      .toString(),
                  MediaType.APPLICATION_JSON)
              .build();
        });
  }

  /** The combined report: the payout's summary row, then one row per transaction (§12.1). */
  @GET
  @Path("reports/payout-with-transactions")
  public Response csv(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Partner-Account") String account,
      @QueryParam("payment_reference") String reference) {
    return answer(
        authorization,
        account,
        () -> {
          if (reference == null) {
            throw new SettlementsError(400, "BAD_VALUE", "payment_reference is required");
          }
          Settlements.Payout p = found(account, reference);
          StringBuilder csv = new StringBuilder();
          csv.append("# fixture version 1\r\n");
          csv.append("payment_reference,payout_date,currency_code,merchant_id");
          p.totals().keySet().forEach(k -> csv.append(',').append(k));
          csv.append(",settlement_amount\r\n");
          csv.append(p.paymentReference())
              .append(',')
              .append(PaymentRequest.iso(p.payoutDate()))
              .append(',')
              .append(p.currency())
              .append(',')
              .append(p.account());
          p.totals()
              .forEach(
                  (k, v) ->
                      csv.append(',')
                          .append("opening_debt_balance_amount".equals(k) ? p.openingDebt() : v));
          csv.append(',').append(p.settlementAmount()).append("\r\n");
          csv.append(
              "type,detailed_type,amount,currency_code,order_id,capture_id,refund_id,"
                  + "merchant_reference1,sale_date,capture_date\r\n");
          for (Ledger.Line l : ledger.settledIn(reference)) {
            csv.append(l.type)
                .append(',')
                .append(l.detailedType == null ? "" : l.detailedType)
                .append(',')
                .append(l.amount)
                .append(',')
                .append(l.currency)
                .append(',')
                .append(l.orderId)
                .append(',')
                .append(l.captureId == null ? "" : l.captureId)
                .append(',')
                .append(l.refundId == null ? "" : l.refundId)
                .append(',')
                .append(l.reference == null ? "" : l.reference.replace(",", " "))
                .append(',')
                .append(PaymentRequest.iso(l.saleDate))
                .append(',')
                .append(PaymentRequest.iso(l.captureDate))
                .append("\r\n");
          }
          return Response.ok(csv.toString(), "text/csv").build();
        });
  }

  private Settlements.Payout found(String account, String reference) {
    Settlements.Payout p = settlements.payout(account, reference);
    if (p == null) {
      throw new SettlementsError(404, "NOT_FOUND", "No payout with payment_reference " + reference);
    }
    return p;
  }

  private Response answer(String authorization, String account, Supplier<Response> call) {
    try {
      apiKeys.check(authorization, account);
      var fault = faults.take("settlements");
      if (fault.isPresent()) {
        switch (fault.get().kind()) {
          case "HTTP_500", "HTTP_500_AFTER_COMMIT", "TIMEOUT" ->
              throw new SettlementsError(
                  500, "INTERNAL_ERROR", "A technical error occurred, retry later.");
          case "RATE_LIMIT" ->
              throw new SettlementsError(429, "RATE_LIMITED", "Too many requests.");
          default -> {}
        }
      }
      return call.get();
    } catch (SettlementsError e) {
      return e.toResponse();
    } catch (KlarnaError e) {
      return new SettlementsError(e.status(), e.code(), e.getMessage()).toResponse();
    }
  }

  /** v1's {@code pagination}: {@code count, total, offset} and links to the next and previous. */
  static JsonObject pagination(UriInfo uri, int total, int size, int offset) {
    int count = Math.max(0, Math.min(size, total - offset));
    var json =
        Json.createObjectBuilder().add("count", count).add("total", total).add("offset", offset);
    if (offset + count < total) {
      json.add(
          "next",
          uri.getRequestUriBuilder()
              .replaceQueryParam("offset", offset + count)
              .replaceQueryParam("size", size)
              .build()
              .toString());
    }
    if (offset > 0) {
      json.add(
          "prev",
          uri.getRequestUriBuilder()
              .replaceQueryParam("offset", Math.max(0, offset - size))
              .replaceQueryParam("size", size)
              .build()
              .toString());
    }
    return json.build();
  }
}
