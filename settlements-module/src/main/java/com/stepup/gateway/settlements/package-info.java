/**
 * Settlements and reconciliation: Klarna's payouts imported (each once, resumably), every line
 * matched to the capture or refund it settles, and what does not match (a capture never settled, a
 * line the gateway does not know, an amount that differs, a line settled twice, a fee above the
 * agreed plan) opened as a reconciliation item, resolved by a platform admin with a note or by a
 * later payout. This package is the module's API ({@code Settlements}, views); {@code internal}
 * holds the import, the matching rules, the stores and the partner API. It may use the platform,
 * the Klarna client ({@code KlarnaSettlements}), the stores module's {@code Merchants}, {@code
 * StoreDirectory} and {@code Stores}, the payments module's read port {@code MoneyByKlarnaId} and
 * {@code Payments} (the end-of-day report's sales), and the disputes module's read port {@code
 * DisputesByKlarnaId}; it serves the payments module's {@code PaymentSettlements} (a payment's
 * {@code settlement}) and the webhooks module's {@code KlarnaSettlementSignals} (Klarna's {@code
 * settlement.report.created} starts an import), and tells whoever observes it of each item it
 * resolves by itself ({@code ReconciliationAutoResolved}: the console's audit log).
 */
package com.stepup.gateway.settlements;
