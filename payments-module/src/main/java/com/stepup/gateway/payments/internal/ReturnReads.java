package com.stepup.gateway.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often {@code /return/{id}}, which anyone with the link can load, may make the gateway read
 * Klarna for one payment: once per {@code interval}, so reloading the page in a loop neither costs
 * Klarna's rate limit nor fills the timeline. Kept in memory; forgotten after a while.
 */
final class ReturnReads {

  static final Duration INTERVAL = Duration.ofSeconds(3);

  private final Duration interval;
  private final Map<String, Instant> last = new ConcurrentHashMap<>();

  ReturnReads(Duration interval) {
    this.interval = interval;
  }

  /** True (and noted) when the payment's last return read is at least {@code interval} ago. */
  boolean mayRead(String paymentId, Instant now) {
    boolean[] allowed = {false};
    last.compute(
        paymentId,
        (id, before) -> {
          if (before == null || !now.isBefore(before.plus(interval))) {
            allowed[0] = true;
            return now;
          }
          return before;
        });
    if (last.size() > 10_000) {
      last.values().removeIf(at -> at.plus(Duration.ofMinutes(10)).isBefore(now));
    }
    return allowed[0];
  }
}
