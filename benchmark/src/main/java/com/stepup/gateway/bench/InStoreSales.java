package com.stepup.gateway.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The whole in-store sale, the benchmark's main scenario: a till creates a QR payment and follows
 * it on its event stream, the shopper opens and approves it at the sandbox, and the till sees
 * {@code authorized} (Klarna's webhook, the inbox and the final authorization in between). Sales
 * run in a closed loop (each till starts its next sale when the last ends) or at a steady rate (an
 * open loop).
 */
final class InStoreSales {

  /** How one sale ended: authorized, a call failed, or not authorized within the patience. */
  enum Sale {
    AUTHORIZED,
    ERROR,
    LATE
  }

  /** The sales of a run that failed, and those not authorized in time. */
  record Misses(int errors, int late) {}

  private final GatewayClient client;
  private final List<String> made;

  /** Each payment created is added to {@code made} (the later reads pick from it). */
  InStoreSales(GatewayClient client, List<String> made) {
    this.client = client;
    this.made = made;
  }

  /** {@code count} terminals {@code prefix0}, {@code prefix1}, ... of the store. */
  static List<String> terminals(GatewayClient client, String storeId, String prefix, int count) {
    List<String> terminals = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      terminals.add(client.terminal(storeId, prefix + t));
    }
    return terminals;
  }

  /** A QR payment at the till for {@code amount}, with a reference of its own. */
  static String body(String terminal, long amount) {
    return PaymentBodies.inStore(amount)
        .reference("bench-" + UUID.randomUUID())
        .terminal(terminal)
        .json();
  }

  /** {@code count} sales in a closed loop, one till a terminal. */
  Misses closedLoop(List<String> terminals, int count, Stats create, Stats approval, Stats... sale)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    inParallel(
        terminals.size(),
        worker -> {
          while (next.getAndIncrement() < count) {
            count(
                one(terminals.get(worker), System.nanoTime(), create, approval, sale),
                errors,
                late);
          }
        });
    return new Misses(errors.get(), late.get());
  }

  /**
   * Sales started at a steady {@code rate} for {@code measure} whatever the answers (an open loop,
   * like a chain's tills at a peak), each on a free terminal of the pool and timed from when it was
   * due, so a server that falls behind shows it in the latencies. Answers the row under {@link
   * #pacedTable()}.
   */
  List<String> paced(List<String> terminals, double rate, Duration measure, ServerCpu cpu)
      throws Exception {
    LinkedBlockingQueue<String> free = new LinkedBlockingQueue<>(terminals);
    Stats create = new Stats("create");
    Stats approval = new Stats("approval");
    Stats sale = new Stats("sale");
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    int count = (int) Math.round(rate * measure.toSeconds());
    ExecutorService pool = Executors.newCachedThreadPool();
    var cpuBefore = cpu.used();
    long start = System.nanoTime();
    long period = (long) (1e9 / rate);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        all.add(
            pool.submit(
                () -> {
                  String terminal = free.take();
                  try {
                    count(one(terminal, due, create, approval, sale), errors, late);
                  } finally {
                    free.add(terminal);
                  }
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return List.of(
        String.format(Locale.ROOT, "%.0f", rate),
        String.valueOf(sale.count()),
        Stats.oneDecimal(sale.count() / wall),
        Stats.oneDecimal(sale.percentileMillis(0.50)),
        Stats.oneDecimal(sale.percentileMillis(0.95)),
        Stats.oneDecimal(sale.percentileMillis(0.99)),
        Stats.oneDecimal(sale.percentileMillis(1.0)),
        String.valueOf(errors.get() + late.get()),
        cpu.perSale(cpuBefore, sale.count()));
  }

  /** The table of {@link #paced} rows. */
  static MarkdownReport.Table pacedTable() {
    return MarkdownReport.Table.text()
        .numbers(
            "sales/s asked",
            "sales",
            "sales/s done",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "errors or late",
            "server CPU ms per sale");
  }

  /**
   * One sale on the terminal, timed from {@code t0} (its start as planned, which may be before it
   * could start): {@code create} to the gateway's answer, {@code approval} from the sandbox's
   * answer to the approval to {@code authorized} at the till, each of {@code sale} the whole.
   */
  Sale one(String terminal, long t0, Stats create, Stats approval, Stats... sale) {
    try {
      HttpResponse<String> created =
          client.create(
              body(terminal, 1000 + (int) (t0 & 0xfff) * 10), UUID.randomUUID().toString());
      long t1 = System.nanoTime();
      if (created.statusCode() != 201) {
        return Sale.ERROR;
      }
      create.add(t1 - t0);
      JsonObject payment = GatewayClient.json(created.body());
      String id = payment.getString("id");
      made.add(id);
      String pr = payment.getJsonObject("klarna").getString("payment_request_id");
      try (EventStream events = client.follow(id)) {
        if (client.shopper(pr, "open") != 200 || client.shopper(pr, "complete") != 200) {
          return Sale.ERROR;
        }
        long t2 = System.nanoTime();
        if (!events.awaitStatus("authorized")) {
          return Sale.LATE;
        }
        long t3 = System.nanoTime();
        approval.add(t3 - t2);
        for (Stats s : sale) {
          s.add(t3 - t0);
        }
        return Sale.AUTHORIZED;
      }
    } catch (RuntimeException e) {
      return Sale.ERROR;
    }
  }

  private static void count(Sale sale, AtomicInteger errors, AtomicInteger late) {
    switch (sale) {
      case ERROR -> errors.incrementAndGet();
      case LATE -> late.incrementAndGet();
      case AUTHORIZED -> {}
    }
  }

  /** Runs {@code work(w)} for each worker {@code w} on a thread of its own; waits for them all. */
  static void inParallel(int workers, IntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        done.add(pool.submit(() -> work.accept(worker)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
