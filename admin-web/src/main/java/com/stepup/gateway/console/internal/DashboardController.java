package com.stepup.gateway.console.internal;

import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.webhooks.KlarnaWebhooks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's landing page, in the merchant's time zone: today's payments and a chosen period's
 * (this week unless another is picked) by outcome, with their money; the step-up rate, how many
 * step-ups end authorized and how long that takes; payments by store; what waits to be captured;
 * and (for platform staff) the health of Klarna's webhooks. Every bar opens the list it counts.
 * Charts are SVG drawn on the server.
 */
@Controller
@RequestScoped
@Path("console")
public class DashboardController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Payments payments;
  @Inject KlarnaWebhooks webhooks;
  @Inject Clock clock;
  @Inject Disputes disputes;
  @Inject Settlements settlements;
  @Inject SupportNotes supportNotes;
  @Inject ConsoleAudit audit;

  /** How far ahead an expiring authorization counts as "soon". */
  static final Duration SOON = Duration.ofDays(7);

  /**
   * One bar of a chart: its label, value, length in percent of the longest, and the list it counts
   * (query parameters of {@code /console/payments}).
   */
  public record Bar(String key, String label, long value, long percent, Map<String, String> list) {}

  /** A period of whole days in the merchant's zone, both ends included. */
  record Period(LocalDate from, LocalDate to) {
    Instant start(ZoneId zone) {
      return from.atStartOfDay(zone).toInstant();
    }

    Instant end(ZoneId zone) {
      return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The period the query asks for; this week (Monday to today) when it asks for none or nonsense.
     */
    static Period of(String from, String to, LocalDate today, List<String> notes) {
      LocalDate f = day(from, "From", notes);
      LocalDate t = day(to, "To", notes);
      if (t == null || t.isAfter(today)) {
        t = today;
      }
      if (f == null) {
        f =
            t.equals(today)
                ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : t.minusDays(6);
      }
      if (f.isAfter(t)) {
        notes.add("The period started after it ended: showing " + t + " alone.");
        f = t;
      }
      if (f.isBefore(t.minusDays(366))) {
        notes.add("A period is at most a year: showing the year up to " + t + ".");
        f = t.minusDays(366);
      }
      return new Period(f, t);
    }

    private static LocalDate day(String text, String which, List<String> notes) {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(text.strip());
      } catch (DateTimeParseException e) {
        notes.add(
            "\u201c"
                + text.strip()
                + "\u201d is not a date (YYYY-MM-DD): the "
                + which
                + " date was left out.");
        return null;
      }
    }
  }

  @GET
  public Response dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
    if (caller.storeManager()) {
      // the dashboard is the merchant's; a store manager's start is their stores' payments
      return Response.seeOther(URI.create("console/payments")).build();
    }
    caller.describe();
    String scope = caller.merchantScope();
    ZoneId zone = caller.zone(scope);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    List<String> notes = new ArrayList<>();
    Period period = Period.of(from, to, today, notes);
    Period day = new Period(today, today);
    PaymentStats todayStats = payments.stats(scope, day.start(zone), day.end(zone));
    PaymentStats periodStats = payments.stats(scope, period.start(zone), period.end(zone));
    models.put("today", todayStats);
    models.put("week", periodStats);
    models.put("period", period);
    models.put("notes", notes);
    models.put("todayBars", outcomes(todayStats, day));
    models.put("weekBars", outcomes(periodStats, period));
    models.put("storeBars", stores(periodStats, period));
    models.put("volume", volume(scope, period, zone, null));
    models.put("authorizedVolume", volume(scope, period, zone, PaymentStatus.AUTHORIZED));
    models.put("uncaptured", payments.uncaptured(scope, clock.instant().plus(SOON)));
    models.put("disputeSummary", disputes.summary(scope));
    models.put(
        "settlementSummary", settlements.summary(scope, period.start(zone), period.end(zone)));
    models.put("presets", presets(today));
    if (scope == null) {
      models.put("health", webhooks.health());
    }
    models.put(
        "supportNotes",
        scope != null && caller.role() == ConsoleRole.MERCHANT_ADMIN
            ? supportNotes.open(scope, 20)
            : List.of());
    return Response.ok("dashboard.html").build();
  }

  /** A merchant admin marks a note from support done: it leaves the dashboard, audited. */
  @POST
  @Path("support-notes/{id}/done")
  public Response noteDone(@PathParam("id") long id) {
    String scope = caller.merchantScope();
    if (scope == null || caller.role() != ConsoleRole.MERCHANT_ADMIN) {
      throw new ForbiddenException();
    }
    if (!supportNotes.done(scope, id, caller.username())) {
      throw ApiProblem.notFound("Note " + id);
    }
    audit.record("support-note.done", String.valueOf(id), null);
    return Response.seeOther(URI.create("console")).build();
  }

  private Map<String, Long> volume(String scope, Period period, ZoneId zone, PaymentStatus status) {
    return payments.totals(
        scope, new PaymentFilter(null, status, null, null, period.start(zone), period.end(zone)));
  }

  /** Today, the last 7 and 30 days, this month: the periods one click away. */
  static Map<String, Period> presets(LocalDate today) {
    var presets = new LinkedHashMap<String, Period>();
    presets.put(
        "week", new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today));
    presets.put("7", new Period(today.minusDays(6), today));
    presets.put("30", new Period(today.minusDays(29), today));
    presets.put("month", new Period(today.withDayOfMonth(1), today));
    return presets;
  }

  static List<Bar> outcomes(PaymentStats stats, Period period) {
    long max = 1;
    for (PaymentStatus s : PaymentStatus.values()) {
      max = Math.max(max, stats.count(s));
    }
    List<Bar> bars = new ArrayList<>();
    for (PaymentStatus s : PaymentStatus.values()) {
      bars.add(
          new Bar(
              s.wire(),
              s.wire(),
              stats.count(s),
              100 * stats.count(s) / max,
              Map.of(
                  "status",
                  s.wire(),
                  "from",
                  period.from().toString(),
                  "to",
                  period.to().toString())));
    }
    return bars;
  }

  static List<Bar> stores(PaymentStats stats, Period period) {
    long max = stats.byStore().stream().mapToLong(PaymentStats.StoreCount::total).max().orElse(1);
    return stats.byStore().stream()
        .map(
            s ->
                new Bar(
                    s.storeReference(),
                    s.storeReference(),
                    s.total(),
                    100 * s.total() / max,
                    Map.of(
                        "store",
                        s.storeReference(),
                        "from",
                        period.from().toString(),
                        "to",
                        period.to().toString())))
        .toList();
  }
}
