package com.stepup.gateway.stores;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per API key and minute (fixed windows on the minute), shared by a cluster: each instance
 * counts its own calls in memory and, every second, adds them to its row in the database and reads
 * every instance's sum ({@link Shared}). A call is let through while the key's use (the cluster's
 * sum as last read, plus this instance's calls since) is under its limit. Between two syncs the
 * instances cannot see each other's newest calls, so a cluster may let through up to about one
 * second of the other instances' traffic more than the limit: a limit to protect the gateway and
 * share it fairly, not an invoice.
 */
final class RateLimiter {

  static final long WINDOW_SECONDS = 60;

  /** What one call was told: whether it may go on, and the {@code RateLimit-*} numbers. */
  record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {}

  /** The cluster's shared counts. */
  interface Shared {
    /**
     * Adds this instance's {@code deltas} (key id to calls) for {@code window} and answers the
     * cluster's totals for every key in {@code keys}.
     */
    Map<String, Long> addAndRead(long window, Map<String, Long> deltas, Set<String> keys);
  }

  private static final class Counter {
    long window;
    long cluster; // the cluster's total as last read (this instance's synced calls included)
    long pending; // this instance's calls not yet added to the shared count
  }

  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** One call of {@code keyId}, whose limit is {@code limit} calls a minute. */
  Decision take(String keyId, long limit) {
    long second = clock.instant().getEpochSecond();
    long window = second / WINDOW_SECONDS;
    long reset = WINDOW_SECONDS - second % WINDOW_SECONDS;
    Counter c = counters.computeIfAbsent(keyId, k -> new Counter());
    synchronized (c) {
      if (c.window != window) {
        c.window = window;
        c.cluster = 0;
        c.pending = 0;
      }
      long used = c.cluster + c.pending;
      if (used >= limit) {
        return new Decision(false, limit, 0, reset);
      }
      c.pending++;
      return new Decision(true, limit, limit - used - 1, reset);
    }
  }

  /** Adds this instance's calls to the shared count and learns the other instances'. */
  void sync(Shared shared) {
    long window = clock.instant().getEpochSecond() / WINDOW_SECONDS;
    Map<String, Long> deltas = new HashMap<>();
    Set<String> keys = new HashSet<>();
    for (var e : counters.entrySet()) {
      Counter c = e.getValue();
      synchronized (c) {
        if (c.window == window) {
          keys.add(e.getKey());
          if (c.pending > 0) {
            deltas.put(e.getKey(), c.pending);
          }
        }
      }
    }
    counters.entrySet().removeIf(e -> e.getValue().window < window - 1);
    if (keys.isEmpty()) {
      return;
    }
    Map<String, Long> totals = shared.addAndRead(window, deltas, keys);
    for (String key : keys) {
      Counter c = counters.get(key);
      if (c == null) {
        continue;
      }
      synchronized (c) {
        if (c.window == window) {
          c.pending -= deltas.getOrDefault(key, 0L);
          c.cluster = Math.max(c.cluster, totals.getOrDefault(key, 0L));
        }
      }
    }
  }
}
