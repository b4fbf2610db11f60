package com.stepup.gateway.settlements;

import java.time.Instant;
import java.util.List;

/**
 * Something that does not match between what the gateway holds and what Klarna settled.
 *
 * @param kind {@code not_settled}, {@code unknown_line}, {@code amount_differs}, {@code
 *     settled_twice}, {@code fee_above_plan} or {@code refund_before_capture}
 * @param state {@code open} or {@code resolved}
 * @param expected what the gateway holds (minor units), if it holds anything
 * @param settled what Klarna settled, if it settled anything
 */
public record ReconciliationItemView(
    String id,
    String merchantId,
    String kind,
    String state,
    String paymentId,
    String payoutId,
    String captureId,
    String refundId,
    String currency,
    Long expected,
    Long settled,
    String note,
    String resolvedBy,
    Instant createdAt,
    Instant resolvedAt,
    String disputeId) {

  public static final List<String> KINDS =
      List.of(
          "not_settled",
          "unknown_line",
          "amount_differs",
          "settled_twice",
          "fee_above_plan",
          "refund_before_capture");

  public static final List<String> STATES = List.of("open", "resolved");
}
