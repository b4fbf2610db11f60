package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.SecondsHistogram;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Klarna's webhooks in and the partner's notifications out, on {@code /metrics}: what was received
 * and how, how late it was acted on, what waits, and what was delivered.
 */
@ApplicationScoped
class WebhookMetrics {

  @Inject MetricRegistry registry;
  @Inject KlarnaInbox inbox;
  @Inject NotificationRepository notifications;

  private SecondsHistogram lag;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    lag =
        new SecondsHistogram(
            registry,
            "klarna.webhooks.lag_seconds",
            "seconds from the event's occurred_at to acted on",
            0.1,
            0.25,
            0.5,
            1,
            2.5,
            5,
            10,
            30,
            60,
            300);
    registry.gauge(
        Metadata.builder()
            .withName("klarna.webhooks.waiting")
            .withDescription("Klarna events stored and not yet acted on")
            .build(),
        inbox::waiting);
    registry.gauge(
        Metadata.builder()
            .withName("partner.notifications.backlog")
            .withDescription("partner notifications not yet delivered and still to be tried")
            .build(),
        notifications::backlog);
  }

  /** A Klarna webhook's fate: accepted, duplicate, ignored or rejected (with why). */
  void received(String result) {
    registry.counter("klarna.webhooks", new Tag("result", result)).inc();
  }

  /** From Klarna's {@code occurred_at} to the gateway having acted on the event. */
  void actedOn(Instant occurredAt, Instant now) {
    if (lag != null && occurredAt != null && !now.isBefore(occurredAt)) {
      lag.record(Duration.between(occurredAt, now));
    }
  }

  /** One delivery attempt to a partner: delivered, or failed (then retried or given up). */
  void delivery(boolean delivered, boolean givenUp) {
    registry
        .counter(
            "partner.notifications",
            new Tag("result", delivered ? "delivered" : givenUp ? "failed" : "retrying"))
        .inc();
  }
}
