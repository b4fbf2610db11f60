package com.stepup.gateway.settlements;

/**
 * What Klarna tells the settlements module, from outside it (the webhooks module's inbox): a narrow
 * port, like the disputes module's {@code KlarnaDisputeSignals}.
 */
public interface KlarnaSettlementSignals {

  /**
   * Klarna's {@code settlement.report.created}: a settlement run made a payout. Its payload is not
   * public, so nothing is read from it: the import runs soon, off the caller's thread (reports
   * arriving meanwhile make one more run, not one each). The import is idempotent; the daily run
   * stays the fallback for a report never sent.
   */
  void onReportCreated(String source);
}
