package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.Payments;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks after payments nobody else moves: resumes authorizes Klarna never answered, reads Payment
 * Requests whose webhook is late (which also notices expiry), retries unfinished final
 * authorizations and cancels. Every payment carries the time it is next due; this takes the due
 * ones in order, so a restart simply continues.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaymentJanitor {

  private static final Logger LOG = Logger.getLogger(PaymentJanitor.class.getName());
  private static final int BATCH = 50;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject PaymentRepository repository;
  @Inject Payments payments;
  @Inject PaymentSettings settings;

  private ScheduledFuture<?> task;

  @PostConstruct
  void start() {
    long every = settings.janitorInterval().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** One pass over the due payments; public for operators and tests that cannot wait. */
  public int sweep() {
    int done = 0;
    try {
      for (String id : repository.due(BATCH)) {
        try {
          payments.check(id);
          done++;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Janitor could not check payment " + id, e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Janitor pass failed", e);
    }
    return done;
  }
}
