package com.stepup.gateway.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one scenario (thread-safe), and its row in the report. */
final class Stats {

  private final String name;
  private long[] nanos = new long[1024];
  private int count;
  private int errors;

  Stats(String name) {
    this.name = name;
  }

  synchronized void add(long elapsedNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = elapsedNanos;
  }

  synchronized void error() {
    errors++;
  }

  synchronized int count() {
    return count;
  }

  /** The value at quantile {@code q} (nearest rank), in milliseconds. */
  synchronized double percentileMillis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
  }

  synchronized String row(double wallSeconds) {
    return String.format(
        Locale.ROOT,
        "| %s | %d%s | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
        name,
        count,
        errors == 0 ? "" : " (+" + errors + " errors)",
        count / wallSeconds,
        percentileMillis(0.50),
        percentileMillis(0.95),
        percentileMillis(0.99),
        percentileMillis(1.0));
  }
}
