package com.stepup.gateway.webhooks.internal;

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

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
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
    if (occurredAt != null && !now.isBefore(occurredAt)) {
      registry
          .histogram(
              Metadata.builder()
                  .withName("klarna.webhooks.lag_ms")
                  .withDescription("milliseconds from the event's occurred_at to acted on")
                  .build())
          .update(Duration.between(occurredAt, now).toMillis());
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
