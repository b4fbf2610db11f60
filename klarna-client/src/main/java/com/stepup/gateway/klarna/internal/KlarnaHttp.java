package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.platform.SecondsHistogram;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The one way to Klarna: base URL and key from config, a bounded pool of kept-alive connections
 * ({@link KlarnaConnections}), time-outs on every call, Klarna's errors turned into {@link
 * KlarnaException}, and one log line per call (never the key or tokens).
 */
@ApplicationScoped
class KlarnaHttp {

  private static final Logger LOG = Logger.getLogger(KlarnaHttp.class.getName());

  @Inject
  @ConfigProperty(name = "klarna.base-url")
  String baseUrl;

  @Inject
  @ConfigProperty(name = "klarna.api-key", defaultValue = "")
  String apiKey;

  @Inject
  @ConfigProperty(name = "klarna.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "klarna.read-timeout-ms", defaultValue = "10000")
  long readTimeoutMs;

  @Inject
  @ConfigProperty(name = "klarna.retry.attempts", defaultValue = "3")
  int attempts;

  @Inject
  @ConfigProperty(name = "klarna.retry.backoff-ms", defaultValue = "250")
  long backoffMs;

  /** Klarna calls by operation and result (a timer: count and latency), and retries. */
  @Inject MetricRegistry metrics;

  /** The client certificate and trusted CAs every Klarna call uses (mutual TLS). */
  @Inject KlarnaTlsConfig tls;

  /**
   * The most connections to Klarna open at once (the pool's bound); a call that finds all in use
   * waits up to {@code klarna.connect-timeout-ms} for one, and then fails unsent.
   */
  @Inject
  @ConfigProperty(name = "klarna.max-connections", defaultValue = "20")
  int maxConnections;

  /** How long an idle connection is kept for the next call, unless Klarna says a shorter time. */
  @Inject
  @ConfigProperty(name = "klarna.keep-alive-ms", defaultValue = "30000")
  long keepAliveMs;

  private KlarnaConnections connections;

  private KlarnaApi api;

  /** Klarna's quota, honoured after a 429 and shared fairly between merchants. */
  KlarnaQuota quota = new KlarnaQuota(Clock.systemUTC());

  /** Tells the other instances of a Klarna 429, and hears of theirs (the pause is everyone's). */
  @Inject com.stepup.gateway.platform.ClusterSignals signals;

  static final String QUOTA_TOPIC = "klarna-quota";

  /** Another instance's 429: pause until the moment it names (epoch milliseconds). */
  void heard(String message) {
    try {
      quota.refusedElsewhere(java.time.Instant.ofEpochMilli(Long.parseLong(message)));
    } catch (NumberFormatException notOurs) {
      // a malformed signal is no pause
    }
  }

  /** The longest a retry waits for a {@code Retry-After} in line; longer: ask again later. */
  static final Duration LONGEST_WAIT_IN_LINE = Duration.ofSeconds(2);

  /** Over a given API (a unit test's fake): one attempt per call, no metrics. */
  static KlarnaHttp over(KlarnaApi api) {
    KlarnaHttp http = new KlarnaHttp();
    http.api = api;
    http.attempts = 1;
    return http;
  }

  @PostConstruct
  void connect() {
    signals.subscribe(QUOTA_TOPIC, this::heard);
    connections =
        new KlarnaConnections(
            new KlarnaConnections.Settings(
                baseUrl,
                apiKey,
                new KlarnaIntegrationMetadata().value(),
                // an unusable context never sends: the guard below refuses every call
                tls.tls().sslContext().orElse(null),
                Duration.ofMillis(connectTimeoutMs),
                Duration.ofMillis(readTimeoutMs),
                maxConnections,
                Duration.ofMillis(keepAliveMs)));
    // an unusable certificate fails each call with its reason; TLS failures say what to fix
    api = KlarnaTlsFailures.guard(new KlarnaEndpoints(connections), tls.tls());
    if (metrics != null) {
      metrics.gauge(
          "klarna.connections",
          connections,
          c -> c.stats().getLeased(),
          new Tag("state", "in_use"));
      metrics.gauge(
          "klarna.connections",
          connections,
          c -> c.stats().getAvailable(),
          new Tag("state", "idle"));
      metrics.gauge(
          "klarna.connections",
          connections,
          c -> c.stats().getPending(),
          new Tag("state", "waited_for"));
    }
  }

  @PreDestroy
  void disconnect() {
    if (connections != null) {
      connections.close();
    }
  }

  /** Runs one call; {@code what} names it in the log. */
  public <T> T call(String what, Function<KlarnaApi, T> call) {
    return call(null, what, what, call);
  }

  /** Runs one call on behalf of {@code partnerAccountId} (its fair share of Klarna's quota). */
  public <T> T call(String partnerAccountId, String what, Function<KlarnaApi, T> call) {
    return call(partnerAccountId, what, what, call);
  }

  private <T> T call(String partner, String operation, String what, Function<KlarnaApi, T> call) {
    var wait = quota.admit(partner);
    if (wait.isPresent()) {
      KlarnaException unsent = KlarnaException.notSentQuota(wait.get());
      LOG.log(Level.INFO, "Klarna {0}: {1}", new Object[] {what, unsent.describe()});
      measure(operation, "not_sent_quota", System.nanoTime());
      throw unsent;
    }
    long started = System.nanoTime();
    try {
      T result = call.apply(api);
      LOG.fine(() -> "Klarna " + what + ": OK in " + millis(started) + " ms");
      measure(operation, "ok", started);
      return result;
    } catch (KlarnaException e) {
      if (e.status() == 429) {
        var until = quota.refused(e.retryAfter().orElse(null));
        if (signals != null) {
          signals.publish(QUOTA_TOPIC, String.valueOf(until.toEpochMilli()));
        }
      }
      LOG.log(
          e.retryable() ? Level.WARNING : Level.INFO,
          "Klarna {0}: {1} in {2} ms",
          new Object[] {what, e.describe(), millis(started)});
      measure(operation, String.valueOf(e.status()), started);
      throw e;
    } catch (UncheckedIOException e) {
      KlarnaException unreachable = KlarnaException.unreachable(rootCause(e));
      LOG.log(
          Level.WARNING,
          "Klarna {0}: {1} in {2} ms",
          new Object[] {what, unreachable.describe(), millis(started)});
      measure(operation, "no_answer", started);
      throw unreachable;
    }
  }

  /**
   * One call: counted by operation and result ({@code ok}, the HTTP status, or {@code no_answer}),
   * and its latency in milliseconds by operation. (Histograms without a unit: Payara's exporter
   * scales a timer's or a unit's values inconsistently.)
   */
  private void measure(String operation, String result, long started) {
    if (metrics != null) {
      Tag op = new Tag("operation", operation.replace(' ', '_'));
      metrics.counter("klarna.calls", op, new Tag("result", result)).inc();
      callDuration().record(Duration.ofNanos(System.nanoTime() - started), op);
    }
  }

  /**
   * Runs a call that is safe to repeat (a GET, a DELETE, or a POST with the same {@code
   * Klarna-Idempotency-Key}) and repeats it on no answer, 429 or 5xx, waiting {@code
   * klarna.retry.backoff-ms}, then twice as long, up to {@code klarna.retry.attempts} calls in all.
   */
  public <T> T callWithRetries(String what, Function<KlarnaApi, T> call) {
    return callWithRetries(null, what, call);
  }

  /**
   * As {@link #callWithRetries(String, Function)}, on behalf of {@code partnerAccountId}. After a
   * 429 the next attempt waits Klarna's {@code Retry-After} instead of the backoff when that is
   * short ({@link #LONGEST_WAIT_IN_LINE}); a longer wait ends the attempts, and the caller asks
   * again later (the janitor, with the same key).
   */
  public <T> T callWithRetries(String partnerAccountId, String what, Function<KlarnaApi, T> call) {
    long wait = backoffMs;
    for (int attempt = 1; ; attempt++) {
      long sleep = wait;
      try {
        return call(
            partnerAccountId,
            what,
            attempt == 1 ? what : what + " (attempt " + attempt + ")",
            call);
      } catch (KlarnaException e) {
        if (!e.retryable() || attempt >= attempts) {
          throw e;
        }
        if (e.status() == 429 && e.retryAfter().isPresent()) {
          if (e.retryAfter().get().compareTo(LONGEST_WAIT_IN_LINE) > 0) {
            throw e;
          }
          sleep = Math.max(wait, e.retryAfter().get().toMillis());
        }
      }
      if (metrics != null) {
        metrics.counter("klarna.retries", new Tag("operation", what.replace(' ', '_'))).inc();
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KlarnaException.unreachable(e);
      }
      wait *= 2;
    }
  }

  private volatile SecondsHistogram callDuration;

  private SecondsHistogram callDuration() {
    SecondsHistogram h = callDuration;
    if (h == null) {
      synchronized (this) {
        if (callDuration == null) {
          callDuration =
              new SecondsHistogram(
                  metrics,
                  "klarna.call_duration_seconds",
                  "seconds per Klarna call, by operation",
                  0.025,
                  0.05,
                  0.1,
                  0.25,
                  0.5,
                  1,
                  2.5,
                  5,
                  10,
                  30);
        }
        h = callDuration;
      }
    }
    return h;
  }

  private static long millis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
