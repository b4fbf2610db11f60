package com.stepup.gateway.webhooks.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The webhooks module's configuration. Read through the methods (a CDI proxy's fields are 0). */
@ApplicationScoped
class WebhookSettings {

  @Inject
  @ConfigProperty(name = "klarna.webhook.signing-keys")
  Optional<String> signingKeys;

  @Inject
  @ConfigProperty(name = "klarna.webhook.self-register", defaultValue = "false")
  boolean selfRegister;

  @Inject
  @ConfigProperty(name = "klarna.webhook.check-interval-seconds", defaultValue = "600")
  int checkIntervalSeconds;

  @Inject
  @ConfigProperty(name = "gateway.public-base-url")
  String publicBaseUrl;

  @Inject
  @ConfigProperty(name = "webhooks.inbox.retry-after-seconds", defaultValue = "10")
  int inboxRetryAfterSeconds;

  @Inject
  @ConfigProperty(name = "webhooks.delivery.interval-seconds", defaultValue = "2")
  int deliveryIntervalSeconds;

  @Inject
  @ConfigProperty(name = "webhooks.delivery.timeout-ms", defaultValue = "10000")
  int deliveryTimeoutMs;

  /** How long refused Klarna webhooks are kept (the counts in health shrink with them). */
  @Inject
  @ConfigProperty(name = "webhooks.retention.rejections-days", defaultValue = "7")
  int rejectionsRetentionDays;

  /** How long Klarna events that were acted on are kept. */
  @Inject
  @ConfigProperty(name = "webhooks.retention.events-days", defaultValue = "30")
  int eventsRetentionDays;

  Duration rejectionsRetention() {
    return Duration.ofDays(Math.max(1, rejectionsRetentionDays));
  }

  Duration eventsRetention() {
    return Duration.ofDays(Math.max(2, eventsRetentionDays));
  }

  /** May deliveries reach loopback, private and link-local addresses (and plain http)? */
  @Inject
  @ConfigProperty(name = "webhooks.delivery.allow-private-targets", defaultValue = "false")
  boolean allowPrivateTargets;

  /** Deliveries in flight at once, in all. */
  @Inject
  @ConfigProperty(name = "webhooks.delivery.concurrency", defaultValue = "8")
  int deliveryConcurrency;

  /** Deliveries in flight at once to one merchant, so a slow endpoint delays only its own. */
  @Inject
  @ConfigProperty(name = "webhooks.delivery.per-merchant", defaultValue = "2")
  int deliveriesPerMerchant;

  @Inject
  @ConfigProperty(
      name = "webhooks.delivery.retry-schedule",
      defaultValue = "5s,30s,2m,10m,1h,3h,6h,12h,24h")
  String retrySchedule;

  private volatile Map<String, String> keys;
  private volatile List<Duration> schedule;

  /**
   * {@code keyId=secret,...}; a secret may itself contain {@code =} (Base64 padding). Read once:
   * every webhook asks.
   */
  Map<String, String> configuredKeys() {
    if (keys == null) {
      keys = Map.copyOf(parseKeys(signingKeys.orElse("")));
    }
    return keys;
  }

  static Map<String, String> parseKeys(String text) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq > 0 && eq < entry.strip().length()) {
        String id = entry.substring(0, eq).strip();
        String secret = entry.substring(eq + 1).strip();
        if (!id.isEmpty() && !secret.isEmpty()) {
          keys.put(id, secret);
        }
      }
    }
    return keys;
  }

  boolean selfRegister() {
    return selfRegister;
  }

  /** How often a self-registered webhook is checked at Klarna (and registered again if gone). */
  Duration registrationCheckInterval() {
    return Duration.ofSeconds(Math.max(1, checkIntervalSeconds));
  }

  String klarnaWebhookUrl() {
    String base =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
    return base + "/webhooks/klarna";
  }

  Duration inboxRetryAfter() {
    return Duration.ofSeconds(Math.max(1, inboxRetryAfterSeconds));
  }

  Duration deliveryInterval() {
    return Duration.ofSeconds(Math.max(1, deliveryIntervalSeconds));
  }

  boolean allowPrivateTargets() {
    return allowPrivateTargets;
  }

  int deliveryConcurrency() {
    return Math.max(1, deliveryConcurrency);
  }

  int deliveriesPerMerchant() {
    return Math.max(1, deliveriesPerMerchant);
  }

  Duration deliveryTimeout() {
    return Duration.ofMillis(Math.max(100, deliveryTimeoutMs));
  }

  /** The waits before each retry; after the last one a notification has failed. */
  List<Duration> retrySchedule() {
    if (schedule == null) {
      schedule = parseSchedule(retrySchedule);
    }
    return schedule;
  }

  /** {@code 5s,30s,2m,1h,1d}: durations in s, m, h or d. */
  static List<Duration> parseSchedule(String text) {
    List<Duration> waits = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.length() < 2) {
        throw new IllegalArgumentException("webhooks.delivery.retry-schedule: bad wait " + part);
      }
      long n;
      try {
        n = Long.parseLong(p.substring(0, p.length() - 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("webhooks.delivery.retry-schedule: bad wait " + part);
      }
      waits.add(
          switch (p.charAt(p.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default ->
                throw new IllegalArgumentException(
                    "webhooks.delivery.retry-schedule: bad unit in " + part);
          });
    }
    return List.copyOf(waits);
  }
}
