package com.stepup.gateway.settlements;

/**
 * A reconciliation item the import resolved by itself (a later payout settled what was missing),
 * fired in the transaction that resolves it, so that it is audited as a manual resolution is: the
 * console's audit log observes it.
 */
public record ReconciliationAutoResolved(
    String itemId, String merchantId, String kind, String note) {}
