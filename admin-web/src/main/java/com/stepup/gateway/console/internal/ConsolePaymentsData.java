package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;

/**
 * The console's data that is not a page: the CSV of a payments search, and the live stream of
 * payment changes the list and detail pages follow (server-sent events). Behind the console's login
 * like its pages, and scoped the same way.
 */
@RequestScoped
@Path("console/payments-data")
public class ConsolePaymentsData {

  @Inject ConsoleCaller caller;
  @Inject Payments payments;
  @Inject ConsoleLiveFeed feed;
  @Inject Clock clock;
  @Inject Merchants merchants;

  /** The current filter's payments as CSV (up to {@link PaymentsCsv#MAX_ROWS} rows). */
  @GET
  @Path("export.csv")
  @Produces("text/csv")
  public Response csv(@BeanParam ConsolePaymentFilter form) {
    String merchant = form.merchant(caller.storesMerchant());
    ZoneId zone = caller.zone(merchant);
    var filter = caller.storesOnly(form.filter(clock.instant(), zone));
    var names = new HashMap<String, String>();
    var zones = new HashMap<String, ZoneId>();
    merchants
        .list(null, 0, 1000)
        .items()
        .forEach(
            m -> {
              names.put(m.id(), m.name());
              zones.put(m.id(), m.zone());
            });
    StreamingOutput body = out -> PaymentsCsv.write(payments, merchant, filter, names, zones, out);
    return Response.ok(body)
        .type("text/csv; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\""
                + PaymentsCsv.fileName(clock.instant().atZone(zone).toLocalDate(), form.values())
                + "\"")
        .build();
  }

  /**
   * The money movements of the current filter's payments as CSV: one row per capture, refund and
   * release, the From and To days (the merchant's) choosing when the money moved.
   */
  @GET
  @Path("movements.csv")
  @Produces("text/csv")
  public Response movementsCsv(@BeanParam ConsolePaymentFilter form) {
    String merchant = form.merchant(caller.storesMerchant());
    ZoneId zone = caller.zone(merchant);
    var filter = caller.storesOnly(form.filter(clock.instant(), zone));
    var names = new HashMap<String, String>();
    var zones = new HashMap<String, ZoneId>();
    merchants
        .list(null, 0, 1000)
        .items()
        .forEach(
            m -> {
              names.put(m.id(), m.name());
              zones.put(m.id(), m.zone());
            });
    StreamingOutput body =
        out ->
            MovementsCsv.write(
                payments,
                merchant,
                filter,
                filter.createdFrom(),
                filter.createdTo(),
                zone,
                zones,
                names,
                out);
    return Response.ok(body)
        .type("text/csv; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\""
                + MovementsCsv.fileName(clock.instant().atZone(zone).toLocalDate(), form.values())
                + "\"")
        .build();
  }

  /** One event per payment change the user may see: {@code {id, status, state}}. */
  @GET
  @Path("live")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void live(@Context SseEventSink sink, @Context Sse sse) {
    feed.follow(caller.merchantScope(), sink, sse);
  }
}
