package com.stepup.gateway.klarna.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Ready also means the client certificate for Klarna can be used: an unreadable store, a wrong
 * password or a key store without a private key is {@code DOWN} with the reason, so the gateway
 * starts (and says why) instead of failing every payment in silence. A certificate that runs out
 * within 30 days is a warning, in the log and here, and its end is the gauge {@code
 * klarna.tls.client_certificate_expiry_seconds} (Unix time), for an alert well before.
 */
@Readiness
@ApplicationScoped
class KlarnaTlsReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(KlarnaTlsReadiness.class.getName());

  private final KlarnaTlsConfig config;
  private final Clock clock;
  private final MetricRegistry metrics;
  private final AtomicBoolean warned = new AtomicBoolean();

  @Inject
  KlarnaTlsReadiness(KlarnaTlsConfig config, Clock clock, MetricRegistry metrics) {
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** For the CDI proxy. */
  protected KlarnaTlsReadiness() {
    this(null, null, null);
  }

  /** At start: one log line on what Klarna calls will present, and the expiry gauge. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    KlarnaTls tls = config.tls();
    if (tls.problem().isPresent()) {
      LOG.severe(
          "Klarna mutual TLS is not usable, every Klarna call fails until it is fixed"
              + " (/health/ready is DOWN): "
              + tls.problem().get());
    } else if (tls.clientCertificate().isPresent()) {
      LOG.info(
          () ->
              "Klarna calls present the client certificate "
                  + tls.subject()
                  + ", valid until "
                  + tls.expiresAt().orElseThrow());
      warnOfExpiry(tls);
      if (metrics != null) {
        metrics.gauge(
            Metadata.builder()
                .withName("klarna.tls.client_certificate_expiry_seconds")
                .withDescription(
                    "when the client certificate presented to Klarna runs out (Unix time, s)")
                .build(),
            () -> tls.expiresAt().orElseThrow().getEpochSecond());
      }
    }
  }

  @Override
  public HealthCheckResponse call() {
    KlarnaTls tls = config.tls();
    KlarnaTls.Readiness readiness = tls.readiness(clock.instant());
    warnOfExpiry(tls);
    return new HealthCheckResponse(
        "klarna-tls",
        readiness.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(new LinkedHashMap<String, Object>(readiness.data())));
  }

  /** Once per run, when the certificate is found to run out within 30 days. */
  private void warnOfExpiry(KlarnaTls tls) {
    tls.expiryWarning(clock.instant())
        .filter(w -> warned.compareAndSet(false, true))
        .ifPresent(w -> LOG.warning("Klarna mutual TLS: " + w));
  }
}
