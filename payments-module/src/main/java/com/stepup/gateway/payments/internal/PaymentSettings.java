package com.stepup.gateway.payments.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The payments module's settings, typed and defaulted in one place. */
@ApplicationScoped
class PaymentSettings {

  @Inject
  @ConfigProperty(name = "gateway.public-base-url")
  String publicBaseUrl;

  /**
   * How often the event streams read every followed payment: for changes another instance made when
   * no cluster signal told of them, and to close streams whose client left. With PostgreSQL's
   * signals (ADR 0015) a change reaches a stream at once, and this is only the safety net.
   */
  @Inject
  @ConfigProperty(name = "payments.stream.sweep-ms", defaultValue = "0")
  long streamSweepMs;

  /** The sweep: as configured, else 5 s where signals cross instances and 1 s where they do not. */
  Duration streamSweep(boolean signalsCrossInstances) {
    return Duration.ofMillis(
        streamSweepMs > 0 ? streamSweepMs : signalsCrossInstances ? 5000 : 1000);
  }

  /** Event streams open at once, per API key, per payment and in all (ADR 0025). */
  @Inject
  @ConfigProperty(name = "payments.stream.max-per-key", defaultValue = "500")
  int streamsPerKey;

  @Inject
  @ConfigProperty(name = "payments.stream.max-per-payment", defaultValue = "5")
  int streamsPerPayment;

  @Inject
  @ConfigProperty(name = "payments.stream.max-total", defaultValue = "1000")
  int streamsTotal;

  /** How often an open event stream gets a comment, so a vanished client is found. */
  @Inject
  @ConfigProperty(name = "payments.stream.heartbeat-seconds", defaultValue = "15")
  long streamHeartbeatSeconds;

  StreamCaps.Limits streamLimits() {
    return new StreamCaps.Limits(
        Math.max(1, streamsPerKey), Math.max(1, streamsPerPayment), Math.max(1, streamsTotal));
  }

  Duration streamHeartbeat() {
    return Duration.ofSeconds(Math.max(1, streamHeartbeatSeconds));
  }

  /** How often the janitor looks for due work. */
  @Inject
  @ConfigProperty(name = "payments.janitor.interval-seconds", defaultValue = "10")
  long janitorIntervalSeconds;

  /** How long one janitor pass may take before it leaves the rest to the next pass. */
  @Inject
  @ConfigProperty(name = "payments.janitor.pass-budget-seconds", defaultValue = "20")
  long janitorPassBudgetSeconds;

  /** How long a Payment Request may go without news before the janitor reads it from Klarna. */
  @Inject
  @ConfigProperty(name = "payments.janitor.read-after-seconds", defaultValue = "60")
  long readAfterSeconds;

  /** The longest the janitor waits between reads of a Payment Request that has no news. */
  @Inject
  @ConfigProperty(name = "payments.janitor.read-max-seconds", defaultValue = "600")
  long readMaxSeconds;

  /** How long after an unanswered initial authorize the janitor sends it again (same key). */
  @Inject
  @ConfigProperty(name = "payments.janitor.authorize-retry-seconds", defaultValue = "30")
  long authorizeRetrySeconds;

  /** How long a final authorization may run before another worker may take it over. */
  @Inject
  @ConfigProperty(name = "payments.final-authorization.claim-timeout-seconds", defaultValue = "60")
  long claimTimeoutSeconds;

  /** How long the return redirect waits for a final authorization another worker is making. */
  @Inject
  @ConfigProperty(name = "payments.return.wait-ms", defaultValue = "8000")
  long returnWaitMs;

  /** Give up resuming an initial authorize Klarna never answered after this long. */
  @Inject
  @ConfigProperty(name = "payments.authorize.give-up-hours", defaultValue = "23")
  long authorizeGiveUpHours;

  // read through methods: a field read on the CDI proxy would see the proxy's own zero

  Duration janitorInterval() {
    return Duration.ofSeconds(Math.max(1, janitorIntervalSeconds));
  }

  Duration janitorPassBudget() {
    return Duration.ofSeconds(Math.max(1, janitorPassBudgetSeconds));
  }

  Duration returnWait() {
    return Duration.ofMillis(returnWaitMs);
  }

  Duration authorizeGiveUp() {
    return Duration.ofHours(authorizeGiveUpHours);
  }

  Duration readAfter() {
    return Duration.ofSeconds(readAfterSeconds);
  }

  ReadSchedule readSchedule() {
    return new ReadSchedule(
        readAfter(), Duration.ofSeconds(Math.max(readAfterSeconds, readMaxSeconds)));
  }

  Duration authorizeRetry() {
    return Duration.ofSeconds(authorizeRetrySeconds);
  }

  Duration claimTimeout() {
    return Duration.ofSeconds(claimTimeoutSeconds);
  }

  /** The timings payments decide by, as one value. */
  PaymentPolicy policy() {
    return new PaymentPolicy(authorizeRetry(), authorizeGiveUp(), claimTimeout(), readSchedule());
  }

  String baseUrl() {
    return publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }
}
