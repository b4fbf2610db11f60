package com.stepup.gateway.disputes;

import java.time.Instant;

/**
 * Which disputes a list shows; null fields do not filter.
 *
 * @param byDeadline open disputes first, each by its deadline (soonest first, none last), then the
 *     newest; instead of newest first
 */
public record DisputeFilter(
    DisputeState state, String reason, String paymentId, Instant dueBefore, boolean byDeadline) {

  public static final DisputeFilter ALL = new DisputeFilter(null, null, null, null, false);
}
