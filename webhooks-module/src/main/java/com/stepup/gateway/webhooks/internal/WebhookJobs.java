package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The module's background work, started once the schema is there: the inbox sweep, the notification
 * sweep, and (when switched on) registering the gateway's webhook at Klarna, tried again after 2,
 * 4, 8, 16, then every 30 s until Klarna takes it (a sandbox still starting beside the gateway is
 * there within seconds: issue 28, the demo's first payments waited 30 s for the janitor).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookJobs {

  private static final Logger LOG = Logger.getLogger(WebhookJobs.class.getName());

  @Inject BackgroundJobs jobs;
  @Inject InboxWorker inbox;
  @Inject KlarnaInbox inboxStore;
  @Inject Deliverer deliverer;
  @Inject Registration registration;
  @Inject WebhookSettings settings;
  @Inject SigningKeys signingKeys;
  @Inject Rejections rejections;

  private ScheduledExecutorService registrations;
  private volatile ScheduledFuture<?> registering;
  private int failedRegistrations;

  @PostConstruct
  void start() {
    guarded(
        "sealing Klarna signing keys",
        () -> {
          int changed = signingKeys.reseal();
          if (changed > 0) {
            LOG.info(() -> "Sealed " + changed + " Klarna signing keys with the current key");
          }
        });
    Duration inboxEvery =
        Duration.ofMillis(Math.max(1000, settings.inboxRetryAfter().toMillis() / 2));
    Duration deliveryEvery = settings.deliveryInterval();
    jobs.every("klarna inbox sweep", inboxEvery, inboxEvery, inbox::sweep);
    jobs.every("notification sweep", deliveryEvery, deliveryEvery, deliverer::sweep);
    jobs.every(
        "klarna webhook refusals", Duration.ofSeconds(5), Duration.ofSeconds(5), rejections::flush);
    jobs.every(
        "webhook retention",
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        () -> inboxStore.prune(settings.rejectionsRetention(), settings.eventsRetention()));
    if (settings.selfRegister()) {
      registrations = jobs.executor("klarna webhook registration");
      registering = registrations.schedule(this::register, 2, TimeUnit.SECONDS);
    }
  }

  /** Registers, or checks that Klarna still has the webhook; again later either way. */
  private void register() {
    long next = settings.registrationCheckInterval().toSeconds();
    try {
      registration.registerIfNeeded();
      failedRegistrations = 0;
    } catch (RuntimeException e) {
      next = Math.min(next, retryAfterSeconds(++failedRegistrations));
      LOG.warning("Klarna webhook registration failed, trying again in " + next + " s: " + e);
    }
    registering = registrations.schedule(this::register, next, TimeUnit.SECONDS);
  }

  /**
   * The wait after the {@code failures}-th failed registration in a row: 2, 4, 8, 16, then 30 s.
   */
  static long retryAfterSeconds(int failures) {
    return failures >= 5 ? 30 : 1L << Math.max(1, failures);
  }

  private static void guarded(String what, Runnable job) {
    try {
      job.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, what + " failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (registering != null) {
      registering.cancel(false);
    }
  }
}
