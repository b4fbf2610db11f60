package com.stepup.gateway.payments.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks after payments nobody else moves: resumes authorizes Klarna never answered, reads Payment
 * Requests whose webhook is late (which also notices expiry), retries unfinished final
 * authorizations and cancels, sends again captures, refunds and releases whose answer never came,
 * and reads transactions whose authorization should have expired (and again 7 days later, when
 * Klarna closes an expired one). Every payment carries the time it is next due; this takes the due
 * ones in order, so a restart simply continues.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaymentJanitor {

  private static final Logger LOG = Logger.getLogger(PaymentJanitor.class.getName());
  private static final int BATCH = 50;

  @Inject BackgroundJobs jobs;
  @Inject PaymentQueries queries;
  @Inject JanitorCheck check;
  @Inject FinalAuthorization finalization;
  @Inject AfterAuthorization after;
  @Inject PaymentRepository repository;
  @Inject Clock clock;
  @Inject PaymentMetrics metrics;
  @Inject PaymentSettings settings;

  @PostConstruct
  void start() {
    Duration every = settings.janitorInterval();
    jobs.every("payments janitor", every, every, this::sweep);
  }

  /**
   * One pass over the due payments, within {@code payments.janitor.pass-budget-seconds}: what is
   * left when the budget is spent waits for the next pass (oldest first, so nothing starves);
   * public for operators and tests that cannot wait.
   */
  public int sweep() {
    int done = 0;
    long budgetEnds = System.nanoTime() + settings.janitorPassBudget().toNanos();
    try {
      for (String id : queries.due(BATCH)) {
        if (System.nanoTime() > budgetEnds) {
          LOG.info(() -> "Janitor pass out of time; the rest is due next pass");
          break;
        }
        try {
          check.check(id);
          done++;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Janitor could not check payment " + id, e);
        }
      }
      for (String id : queries.lateVoidsDue(BATCH)) {
        try {
          finalization.voidLate(id);
          done++;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Janitor could not void the late transaction of " + id, e);
        }
      }
      for (String id : repository.operationsDue(clock.instant(), BATCH)) {
        try {
          after.resend(id);
          done++;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Janitor could not send operation " + id + " again", e);
        }
      }
      for (String id : queries.authorizationsOverdue(BATCH)) {
        try {
          after.readOverdue(id);
          done++;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Janitor could not read the transaction of " + id, e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Janitor pass failed", e);
    }
    metrics.janitorPass(done);
    try {
      metrics.refreshOpenQrCodes();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Open QR codes not counted this pass", e);
    }
    return done;
  }
}
