package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.settlements.ImportResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Klarna's {@code settlement.report.created} starts an import, one for reports arriving together.
 */
class SettlementReportsTest {

  int imports;
  final List<Runnable> queued = new ArrayList<>();

  SettlementReports reports() {
    SettlementReports r = new SettlementReports();
    r.jobs = new BackgroundJobs();
    r.importer =
        new SettlementImport() {
          @Override
          synchronized ImportResult run() {
            imports++;
            return new ImportResult(true, 1, 1, 0, 0);
          }
        };
    r.executor = queued::add;
    return r;
  }

  @Test
  void reportsWaitingTogetherMakeOneImportAndOneArrivingDuringItMakesAnother() {
    SettlementReports reports = reports();
    reports.onReportCreated("webhook");
    reports.onReportCreated("webhook");
    reports.onReportCreated("webhook");
    assertThat(queued).hasSize(1);
    assertThat(imports).as("not on the caller's thread").isZero();

    queued.remove(0).run();
    assertThat(imports).isEqualTo(1);

    reports.onReportCreated("webhook"); // a payout made since that import started
    assertThat(queued).hasSize(1);
    queued.remove(0).run();
    assertThat(imports).isEqualTo(2);
  }
}
