package com.stepup.gateway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A closed loop like wrk's: {@code workers} clients each sending the next request as soon as the
 * last is answered, for a warm-up that is not counted and then a measured time. A scenario that
 * runs out of things to act on (captures of the payments made before) ends early.
 */
final class Rates {

  private Rates() {}

  /** One scenario's figures; {@code share} is its requests per second over the floor's. */
  record Result(String name, int count, int errors, double seconds, double p50, double p99) {
    double perSecond() {
      return count / seconds;
    }

    /** Its share of the floor's requests per second, in per cent. */
    double shareOf(Result floor) {
      return 100 * perSecond() / floor.perSecond();
    }

    /**
     * The row under {@link Rates#table()}: its share of the run's floor, and of the floor measured
     * just {@code beside} it (none for the floor's own row: "–").
     */
    List<String> cells(Result floor, Result beside) {
      return List.of(
          name,
          count + (errors == 0 ? "" : " (+" + errors + " errors)"),
          String.format(Locale.ROOT, "%.0f", perSecond()),
          Stats.oneDecimal(p50),
          Stats.oneDecimal(p99),
          Stats.oneDecimal(shareOf(floor)) + " %",
          beside == null ? "–" : Stats.oneDecimal(shareOf(beside)) + " %");
    }
  }

  /** The table of a run's paths, each measured against the floor. */
  static MarkdownReport.Table table() {
    return MarkdownReport.Table.text("path")
        .numbers(
            "count",
            "req/s",
            "p50 ms",
            "p99 ms",
            "share of the floor",
            "share of the floor beside");
  }

  /** {@code op.test(i)} sends request {@code i} and answers whether it succeeded. */
  static Result run(String name, int workers, Duration warmUp, Duration measure, IntPredicate op)
      throws Exception {
    Stats stats = new Stats(name);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + measure.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      Future<?>[] done = new Future<?>[workers];
      for (int w = 0; w < workers; w++) {
        done[w] =
            pool.submit(
                () -> {
                  while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                      return;
                    }
                    boolean ok;
                    try {
                      ok = op.test(next.getAndIncrement());
                    } catch (RuntimeException e) {
                      ok = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= end) {
                      if (ok) {
                        stats.add(t1 - t0);
                      } else {
                        errors.incrementAndGet();
                      }
                    }
                  }
                });
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (end - measureFrom) / 1e9;
    return new Result(
        name,
        stats.count(),
        errors.get(),
        seconds,
        stats.percentileMillis(0.50),
        stats.percentileMillis(0.99));
  }
}
