package com.stepup.gateway.payments.internal;

import com.stepup.gateway.platform.SecondsHistogram;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The payments module's application metrics on {@code /metrics} (README "Metrics" says what a
 * healthy value looks like). Without a registry (plain unit tests) it measures nothing.
 */
@ApplicationScoped
class PaymentMetrics {

  @Inject MetricRegistry registry;
  @Inject PaymentQueries queries;

  private SecondsHistogram approvalToAuthorized;

  /** The gauges, read from the database when scraped. */
  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    if (registry == null) {
      return;
    }
    approvalToAuthorized =
        new SecondsHistogram(
            registry,
            "payments.approval_to_authorized_seconds",
            "seconds from the shopper's approval to authorized",
            0.1,
            0.25,
            0.5,
            1,
            2,
            5,
            10,
            30,
            60);
    registry.gauge(
        Metadata.builder()
            .withName("payments.qr.open")
            .withDescription("in-store payments whose QR code is showing (pending, not approved)")
            .build(),
        queries::openQrCodes);
    registry.gauge(
        Metadata.builder()
            .withName("payments.final_authorization.due_soon")
            .withDescription(
                "approved payments not yet authorized whose Klarna token runs out within 10 min")
            .build(),
        () -> queries.finalAuthorizationsDueWithin(Duration.ofMinutes(10)));
  }

  /** A payment was created: its method and the status the answer carried. */
  void created(String method, String outcome) {
    if (registry != null) {
      registry
          .counter("payments.created", new Tag("method", method), new Tag("outcome", outcome))
          .inc();
    }
  }

  /** From the shopper's approval (Klarna COMPLETED) to {@code authorized}. */
  void approvalToAuthorized(Duration took) {
    if (approvalToAuthorized != null) {
      approvalToAuthorized.record(took);
    }
  }

  /** QR codes showing per terminal, refreshed by the janitor: a terminal's series stays, at 0. */
  private final Map<String, AtomicLong> openByTerminal = new ConcurrentHashMap<>();

  void refreshOpenQrCodes() {
    if (registry == null) {
      return;
    }
    Map<String, Long> now = queries.openQrCodesByTerminal();
    openByTerminal.forEach((terminal, open) -> open.set(now.getOrDefault(terminal, 0L)));
    now.forEach(
        (terminal, count) ->
            openByTerminal
                .computeIfAbsent(
                    terminal,
                    t -> {
                      var open = new AtomicLong();
                      registry.gauge(
                          Metadata.builder()
                              .withName("payments.qr.open.terminal")
                              .withDescription("QR codes showing on the terminal (by terminal id)")
                              .build(),
                          open::get,
                          new Tag("terminal", t));
                      return open;
                    })
                .set(count));
  }

  /** One janitor pass and how many payments or operations it moved on. */
  void janitorPass(int done) {
    if (registry != null) {
      registry.counter("payments.janitor.runs").inc();
      registry.counter("payments.janitor.fixed").inc(done);
    }
  }
}
