package com.stepup.gateway.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latencies of one scenario (thread-safe), and its row in a report's table. */
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

  /**
   * The row under {@link #table()}: name, count (and errors), count per second of {@code
   * wallSeconds}, p50, p95, p99 and max in milliseconds.
   */
  synchronized List<String> cells(double wallSeconds) {
    return List.of(
        name,
        count + (errors == 0 ? "" : " (+" + errors + " errors)"),
        oneDecimal(count / wallSeconds),
        oneDecimal(percentileMillis(0.50)),
        oneDecimal(percentileMillis(0.95)),
        oneDecimal(percentileMillis(0.99)),
        oneDecimal(percentileMillis(1.0)));
  }

  /** A table for rows of {@link #cells}, its first column named {@code what}. */
  static MarkdownReport.Table table() {
    return MarkdownReport.Table.text("what")
        .numbers("count", "per second", "p50 ms", "p95 ms", "p99 ms", "max ms");
  }

  static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
