package com.stepup.gateway.platform;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A latency as a Prometheus histogram in seconds: {@code <name>_bucket{le="…"}}, {@code
 * <name>_count} and {@code <name>_sum} on {@code /metrics}, each a gauge of MicroProfile Metrics.
 *
 * <p>Why not MicroProfile's own {@code Timer} or {@code Histogram}: Payara's exporter scales their
 * values inconsistently (a timer's {@code _sum} comes out a thousandth of the seconds while its
 * quantiles are seconds; a histogram with a unit has its mean and median scaled, its {@code _sum},
 * buckets and custom quantiles not), and a {@code Histogram} holds whole numbers only. Gauges are
 * printed as they are, so these series are seconds by construction and {@code histogram_quantile()}
 * reads them like any client library's histogram (ADR 0013).
 *
 * <p>A series (one set of tags) is registered when first recorded. Without a registry (plain unit
 * tests) it still counts, and registers nothing.
 */
public final class SecondsHistogram {

  private final MetricRegistry registry;
  private final String name;
  private final String description;
  private final double[] bounds;
  private final Map<List<Tag>, Series> series = new ConcurrentHashMap<>();

  /**
   * @param name the exported name, ending in {@code _seconds} (dots become underscores)
   * @param bounds the buckets' upper bounds in seconds, ascending ({@code +Inf} is added)
   */
  public SecondsHistogram(
      MetricRegistry registry, String name, String description, double... bounds) {
    if (!name.endsWith("_seconds")) {
      throw new IllegalArgumentException("a latency's name ends in _seconds: " + name);
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException("bounds must ascend: " + Arrays.toString(bounds));
      }
    }
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.bounds = bounds.clone();
  }

  /** One observation; a negative duration (clocks apart) is left out. */
  public void record(Duration took, Tag... tags) {
    if (took.isNegative()) {
      return;
    }
    series.computeIfAbsent(List.of(tags), this::register).add(took.toNanos() / 1e9);
  }

  /** The cumulative count per bucket ({@code +Inf} last), as {@code _bucket} exports it. */
  public long[] buckets(Tag... tags) {
    Series s = series.get(List.of(tags));
    long[] out = new long[bounds.length + 1];
    if (s != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = s.cumulative(i);
      }
    }
    return out;
  }

  /** The sum of the observations in seconds, as {@code _sum} exports it. */
  public double sum(Tag... tags) {
    Series s = series.get(List.of(tags));
    return s == null ? 0 : s.sum.sum();
  }

  private Series register(List<Tag> tags) {
    Series s = new Series(bounds.length + 1);
    if (registry == null) {
      return s;
    }
    Tag[] base = tags.toArray(Tag[]::new);
    for (int i = 0; i <= bounds.length; i++) {
      int bucket = i;
      String le = i == bounds.length ? "+Inf" : label(bounds[i]);
      registry.gauge(
          metadata("_bucket"),
          () -> s.cumulative(bucket),
          Stream.concat(Stream.of(base), Stream.of(new Tag("le", le))).toArray(Tag[]::new));
    }
    registry.gauge(metadata("_count"), () -> s.cumulative(bucketsAbove()), base);
    registry.gauge(metadata("_sum"), s.sum::sum, base);
    return s;
  }

  private int bucketsAbove() {
    return bounds.length; // the +Inf bucket's index: its cumulative count is the count
  }

  private Metadata metadata(String suffix) {
    return Metadata.builder().withName(name + suffix).withDescription(description).build();
  }

  private static String label(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

  private final class Series {
    final LongAdder[] in; // observations per bucket, not cumulative; the last is above every bound
    final DoubleAdder sum = new DoubleAdder();

    Series(int buckets) {
      in = new LongAdder[buckets];
      Arrays.setAll(in, i -> new LongAdder());
    }

    void add(double seconds) {
      int i = 0;
      while (i < bounds.length && seconds > bounds[i]) {
        i++;
      }
      in[i].increment();
      sum.add(seconds);
    }

    long cumulative(int bucket) {
      long total = 0;
      for (int i = 0; i <= bucket; i++) {
        total += in[i].sum();
      }
      return total;
    }
  }
}
