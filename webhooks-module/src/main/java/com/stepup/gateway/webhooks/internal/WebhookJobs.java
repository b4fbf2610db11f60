package com.stepup.gateway.webhooks.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The module's background work, started once the schema is there: the inbox sweep, the notification
 * sweep, and (when switched on) registering the gateway's webhook at Klarna, tried again every 30 s
 * until Klarna takes it (in the demo the sandbox starts after the gateway).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookJobs {

  private static final Logger LOG = Logger.getLogger(WebhookJobs.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject InboxWorker inbox;
  @Inject Deliverer deliverer;
  @Inject Registration registration;
  @Inject WebhookSettings settings;
  @Inject SigningKeys signingKeys;

  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private volatile ScheduledFuture<?> registering;

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
    long inboxEvery = Math.max(1000, settings.inboxRetryAfter().toMillis() / 2);
    long deliveryEvery = settings.deliveryInterval().toMillis();
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            () -> guarded("inbox sweep", inbox::sweep),
            inboxEvery,
            inboxEvery,
            TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            () -> guarded("notification sweep", deliverer::sweep),
            deliveryEvery,
            deliveryEvery,
            TimeUnit.MILLISECONDS));
    if (settings.selfRegister()) {
      registering = scheduler.schedule(this::register, 2, TimeUnit.SECONDS);
    }
  }

  /** Registers, or checks that Klarna still has the webhook; again later either way. */
  private void register() {
    long next = settings.registrationCheckInterval().toSeconds();
    try {
      registration.registerIfNeeded();
    } catch (RuntimeException e) {
      next = Math.min(next, 30);
      LOG.warning("Klarna webhook registration failed, trying again in " + next + " s: " + e);
    }
    registering = scheduler.schedule(this::register, next, TimeUnit.SECONDS);
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
    tasks.forEach(t -> t.cancel(false));
    if (registering != null) {
      registering.cancel(false);
    }
  }
}
