package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.webhooks.KlarnaWebhooks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's landing page: today's and this week's payments (UTC) by outcome, the step-up rate,
 * how many step-ups end authorized and how long that takes, payments by store, and (for platform
 * staff) the health of Klarna's webhooks. Charts are SVG drawn on the server.
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

  /** How far ahead an expiring authorization counts as "soon". */
  static final java.time.Duration SOON = java.time.Duration.ofDays(7);

  /** One bar of a chart: its label, value, and length in percent of the longest. */
  public record Bar(String key, String label, long value, long percent) {}

  @GET
  public String dashboard() {
    caller.describe();
    String scope = caller.merchantScope();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Instant dayStart = today.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant weekStart =
        today
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    Instant end = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    PaymentStats day = payments.stats(scope, dayStart, end);
    PaymentStats week = payments.stats(scope, weekStart, end);
    models.put("today", day);
    models.put("week", week);
    models.put("todayBars", outcomes(day));
    models.put("weekBars", outcomes(week));
    models.put("storeBars", stores(week));
    models.put("uncaptured", payments.uncaptured(scope, clock.instant().plus(SOON)));
    if (scope == null) {
      models.put("health", webhooks.health());
    }
    return "dashboard.html";
  }

  static List<Bar> outcomes(PaymentStats stats) {
    long max = 1;
    for (PaymentStatus s : PaymentStatus.values()) {
      max = Math.max(max, stats.count(s));
    }
    List<Bar> bars = new ArrayList<>();
    for (PaymentStatus s : PaymentStatus.values()) {
      bars.add(new Bar(s.wire(), s.wire(), stats.count(s), 100 * stats.count(s) / max));
    }
    return bars;
  }

  static List<Bar> stores(PaymentStats stats) {
    long max = stats.byStore().stream().mapToLong(PaymentStats.StoreCount::total).max().orElse(1);
    return stats.byStore().stream()
        .map(s -> new Bar(s.storeReference(), s.storeReference(), s.total(), 100 * s.total() / max))
        .toList();
  }
}
