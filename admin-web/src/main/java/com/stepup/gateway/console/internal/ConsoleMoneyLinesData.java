package com.stepup.gateway.console.internal;

import com.stepup.gateway.settlements.Settlements;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Finance's money lines as CSV (issue 27): every capture, refund and settlement line of the days
 * {@code from} to {@code to} (both included, the merchant's time zone; today when not given), its
 * own dated row. Console data behind the login, scoped like the pages (platform staff: every
 * merchant, in UTC).
 */
@RequestScoped
@Path("console/payouts-data/money-lines.csv")
public class ConsoleMoneyLinesData {

  static final int MAX_DAYS = 92;

  @Inject ConsoleCaller caller;
  @Inject Settlements settlements;
  @Inject Clock clock;

  @GET
  @Produces("text/csv")
  public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
    String merchant = caller.merchantScope();
    ZoneId zone = caller.zone(merchant);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate t = day(to, today);
    LocalDate f = day(from, t);
    if (f.isAfter(t)) {
      f = t;
    }
    if (f.isBefore(t.minusDays(MAX_DAYS))) {
      f = t.minusDays(MAX_DAYS);
    }
    var start = f.atStartOfDay(zone).toInstant();
    var end = t.plusDays(1).atStartOfDay(zone).toInstant();
    StreamingOutput body = out -> settlements.writeMoneyLines(merchant, start, end, zone, out);
    String name = "money-lines-" + f + (f.equals(t) ? "" : "_to_" + t) + ".csv";
    return Response.ok(body)
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  private static LocalDate day(String text, LocalDate otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }
}
