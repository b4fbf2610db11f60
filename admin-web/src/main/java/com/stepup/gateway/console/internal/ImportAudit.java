package com.stepup.gateway.console.internal;

import com.stepup.gateway.settlements.ReconciliationAutoResolved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Audits what the settlement import resolves by itself, as a platform admin's resolution is (issue
 * 27: "every resolution is audited"): the actor is {@value #ACTOR} with role {@value #ROLE}, the
 * target the item's resolve path, as {@link AdminApiAudit} names a manual one. Recorded in the
 * import's transaction, so an item is never resolved without its entry.
 */
@ApplicationScoped
class ImportAudit {

  static final String ACTOR = "import";
  static final String ROLE = "SYSTEM";
  static final String ACTION = "reconciliation.auto-resolve";

  @Inject ConsoleAudit audit;

  void autoResolved(@Observes ReconciliationAutoResolved resolved) {
    audit.recordAs(
        ACTOR,
        ROLE,
        resolved.merchantId(),
        ACTION,
        "reconciliation/items/" + resolved.itemId() + "/resolve",
        resolved.kind() + ": " + resolved.note());
  }
}
