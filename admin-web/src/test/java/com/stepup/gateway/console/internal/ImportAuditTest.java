package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.settlements.ReconciliationAutoResolved;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the settlement import resolves by itself is audited, as a platform admin's resolution. */
class ImportAuditTest {

  @Test
  void anAutoResolvedItemIsRecordedWithTheImportAsItsActor() {
    List<List<String>> recorded = new ArrayList<>();
    ImportAudit audit = new ImportAudit();
    audit.audit =
        new ConsoleAudit() {
          @Override
          void recordAs(
              String username,
              String role,
              String merchantId,
              String action,
              String target,
              String detail) {
            recorded.add(List.of(username, role, merchantId, action, target, detail));
          }
        };

    audit.autoResolved(
        new ReconciliationAutoResolved("rec_1", "mer_1", "not_settled", "settled in payout po_7"));

    assertThat(recorded)
        .containsExactly(
            List.of(
                "import",
                "SYSTEM",
                "mer_1",
                "reconciliation.auto-resolve",
                "reconciliation/items/rec_1/resolve",
                "not_settled: settled in payout po_7"));
    assertThat(ConsoleTemplates.MESSAGES.getProperty("role.SYSTEM")).isNotBlank();
    assertThat(ConsoleTemplates.MESSAGES.getProperty("audit.action." + ImportAudit.ACTION))
        .isNotBlank();
  }
}
