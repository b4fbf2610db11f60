package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.settlements.KlarnaSettlementSignals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Klarna's {@code settlement.report.created} starts an import on a thread of its own. Reports that
 * arrive while one waits to start are one request; one that arrives while an import runs makes one
 * more run after it, so a payout made during an import is not left for the daily run.
 */
@ApplicationScoped
class SettlementReports implements KlarnaSettlementSignals {

  private static final Logger LOG = Logger.getLogger(SettlementReports.class.getName());
  static final String JOB = "settlement import";

  @Inject BackgroundJobs jobs;
  @Inject SettlementImport importer;

  private final AtomicBoolean waiting = new AtomicBoolean();
  Executor executor;

  @Override
  public void onReportCreated(String source) {
    if (!waiting.compareAndSet(false, true)) {
      return; // an import is already asked for and has not started
    }
    try {
      executor()
          .execute(
              () -> {
                waiting.set(false);
                jobs.run(JOB, importer::run);
              });
      LOG.fine(() -> "Settlement report from " + source + ": import asked for");
    } catch (RejectedExecutionException e) {
      waiting.set(false); // shutting down: the daily run is the fallback
    }
  }

  private synchronized Executor executor() {
    if (executor == null) {
      executor = jobs.executor("settlement import on report");
    }
    return executor;
  }
}
