package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The disputes' clocks, on their own threads: every minute the evidence-due-soon notices (48 h
 * before the deadline, once) and a fresh read from Klarna of every dispute whose deadline has
 * passed (Klarna closes it; the gateway learns how even if the webhook is lost), backing off while
 * Klarna still shows it waiting ({@link Dispute#recheckAfter}: 1 minute, doubling to 6 hours, daily
 * a week after the deadline; a closed dispute is never read again); every {@code
 * disputes.reconcile-interval-hours} (24) a pass over Klarna's list of disputes updated since the
 * pass before.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DisputeJobs {

  private static final Logger LOG = Logger.getLogger(DisputeJobs.class.getName());

  @Inject BackgroundJobs jobs;
  @Inject DisputeRepository repository;
  @Inject DisputeChanges changes;
  @Inject DisputeLearning learning;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "disputes.check-interval-seconds", defaultValue = "60")
  long checkSeconds;

  @Inject
  @ConfigProperty(name = "disputes.reconcile-interval-hours", defaultValue = "24")
  long reconcileHours;

  private volatile Instant lastReconciled;

  @PostConstruct
  void start() {
    Duration check = Duration.ofSeconds(Math.max(1, checkSeconds));
    jobs.every("dispute deadlines", check, check, this::deadlines);
    Duration reconcile = Duration.ofHours(Math.max(1, reconcileHours));
    jobs.every("dispute reconciliation", Duration.ofMinutes(2), reconcile, this::reconcile);
  }

  void deadlines() {
    Instant now = clock.instant();
    for (String id : repository.dueSoon(now.plus(Dispute.DUE_SOON), 200)) {
      try {
        changes.noticeIfDueSoon(id);
      } catch (RuntimeException e) {
        LOG.warning(() -> "Dispute " + id + ": the due-soon notice failed: " + e);
      }
    }
    for (DisputeRepository.Overdue d : repository.overdue(now, 50)) {
      try {
        learning.onDispute(d.klarnaDisputeId(), "deadline");
      } catch (RuntimeException e) {
        // Klarna down or refusing: the back-off below spares it, and the next pass asks again
        LOG.warning(() -> "Dispute " + d.id() + ": reading it after its deadline failed: " + e);
      }
      try {
        changes.deadlineChecked(d.id());
      } catch (RuntimeException e) {
        LOG.warning(() -> "Dispute " + d.id() + ": its next deadline check not set: " + e);
      }
    }
  }

  void reconcile() {
    reconcileNow();
  }

  /** The pass over Klarna's list, now ({@code POST /api/v1/admin/disputes/reconcile} too). */
  public DisputeLearning.Pass reconcileNow() {
    Instant started = clock.instant();
    Instant since = reconcileSince(lastReconciled, started);
    DisputeLearning.Pass pass = learning.reconcile(since.minus(Duration.ofHours(1)));
    if (pass.failed() == 0) {
      lastReconciled = started; // else the next pass reads the same span again
    }
    LOG.info(
        () ->
            "Dispute reconciliation read "
                + pass.read()
                + " disputes from Klarna"
                + (pass.failed() == 0 ? "" : ", " + pass.failed() + " could not be learned"));
    return pass;
  }

  /**
   * The longest span a pass reads again while one dispute keeps failing: it cannot grow forever.
   */
  static final Duration LONGEST_SPAN = Duration.ofDays(7);

  /**
   * Where a reconciliation pass starts: after the last pass that learned everything (2 days back at
   * first), but never further back than {@link #LONGEST_SPAN}, so a dispute Klarna always refuses
   * to show does not make every later pass read a longer list.
   */
  static Instant reconcileSince(Instant lastReconciled, Instant now) {
    Instant since = lastReconciled == null ? now.minus(Duration.ofDays(2)) : lastReconciled;
    Instant oldest = now.minus(LONGEST_SPAN);
    return since.isBefore(oldest) ? oldest : since;
  }
}
