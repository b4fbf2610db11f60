package com.stepup.gateway.disputes;

import java.util.Collection;
import java.util.Map;

/**
 * A narrow read port for settlements (issue 27): the disputes a settlement line names by Klarna's
 * dispute id (a REVERSAL's or DISPUTE_FEE's {@code reversal_reference}), with what settlements need
 * to match the line and nothing else.
 */
public interface DisputesByKlarnaId {

  /**
   * A dispute the gateway knows.
   *
   * @param outcome {@code WON}, {@code LOST} or null while undecided
   */
  record KnownDispute(
      String id,
      String merchantId,
      String paymentId,
      String captureId,
      String klarnaDisputeId,
      long amount,
      String currency,
      String state,
      String outcome) {}

  /** The disputes among {@code klarnaDisputeIds}, by Klarna's dispute id. */
  Map<String, KnownDispute> byKlarnaIds(Collection<String> klarnaDisputeIds);
}
