package com.stepup.gateway.bench;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./cluster.sh}: two gateway instances behind a load balancer ({@code --base}). Whole
 * in-store sales through the balancer, then straight to instance A with B idle, then how fast a
 * change made on B reaches an event stream held by A (PostgreSQL NOTIFY between the two).
 */
final class TwoInstances {

  /** What a run measured, all the report says. */
  record Figures(
      Instant at,
      int cores,
      Settings settings,
      InStoreSales.Misses throughBalancer,
      InStoreSales.Misses oneInstance,
      List<List<String>> rows) {}

  private final Settings settings;

  TwoInstances(Settings settings) {
    this.settings = settings;
  }

  String run() throws Exception {
    GatewayClient balancer = settings.client();
    GatewayClient a = balancer.at(settings.instanceA());
    GatewayClient b = balancer.at(settings.instanceB());
    List<String> made = Collections.synchronizedList(new ArrayList<>());
    String storeId = balancer.demoStore();
    List<String> tills = InStoreSales.terminals(balancer, storeId, "bench-", settings.workers());
    int warmUp = Math.max(settings.workers() * 3, 20);

    InStoreSales viaBalancer = new InStoreSales(balancer, made);
    viaBalancer.closedLoop(tills, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats two = new Stats("whole in-store sale, two instances behind HAProxy");
    long t0 = System.nanoTime();
    InStoreSales.Misses missesTwo =
        viaBalancer.closedLoop(
            tills, settings.sales(), new Stats("create"), new Stats("approve"), two);
    double twoSeconds = (System.nanoTime() - t0) / 1e9;

    InStoreSales direct = new InStoreSales(a, made);
    direct.closedLoop(tills, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats single = new Stats("whole in-store sale, one instance (the other idle)");
    long t1 = System.nanoTime();
    InStoreSales.Misses missesOne =
        direct.closedLoop(
            tills, settings.sales(), new Stats("create"), new Stats("approve"), single);
    double oneSeconds = (System.nanoTime() - t1) / 1e9;

    Stats crossing = crossing(a, b, Math.max(50, settings.sales() / 2));
    return report(
            new Figures(
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                settings,
                missesTwo,
                missesOne,
                List.of(two.cells(twoSeconds), single.cells(oneSeconds), crossing.cells(1))))
        .toString();
  }

  /** Payments pending on A, each followed on A's stream and canceled through B. */
  private static Stats crossing(GatewayClient a, GatewayClient b, int samples) throws Exception {
    Stats crossing = new Stats("B answers a cancel → A's stream has it");
    for (int i = 0; i < samples; i++) {
      HttpResponse<String> created =
          a.create(OneServer.onlineStepUp(i), UUID.randomUUID().toString());
      if (created.statusCode() != 201) {
        crossing.error();
        continue;
      }
      String id = GatewayClient.json(created.body()).getString("id");
      try (EventStream events = a.follow(id)) {
        var waiting =
            CompletableFuture.supplyAsync(
                () -> events.awaitStatus("canceled") ? System.nanoTime() : -1L);
        Thread.sleep(20); // the stream is open and has sent the payment as it is
        HttpResponse<String> cancel =
            b.partner(
                "POST", "/api/v1/payments/" + id + "/cancel", "{}", UUID.randomUUID().toString());
        long answered = System.nanoTime();
        long seen = waiting.get(30, TimeUnit.SECONDS);
        if (cancel.statusCode() != 200 || seen < 0) {
          crossing.error();
        } else {
          crossing.add(Math.max(0, seen - answered));
        }
      }
    }
    return crossing;
  }

  static MarkdownReport report(Figures f) {
    Settings s = f.settings();
    MarkdownReport.Table table = Stats.table();
    f.rows().forEach(table::row);
    return new MarkdownReport("Two gateway instances behind HAProxy")
        .paragraph(
            "Written by `./cluster.sh` (",
            BenchMain.class.getName(),
            ") on ",
            OneServer.at(f.at()),
            ".")
        .bullets(
            "machine: "
                + f.cores()
                + " cores; two gateway instances (Payara Micro each), the Klarna"
                + " sandbox on a third, HAProxy in front, PostgreSQL shared; all on the same cores",
            MarkdownReport.text(
                "%d tills; %d sales per run (errors: %d and %d; not authorized within 30 s: %d and"
                    + " %d)",
                s.workers(),
                s.sales(),
                f.throughBalancer().errors(),
                f.oneInstance().errors(),
                f.throughBalancer().late(),
                f.oneInstance().late()))
        .table(table)
        .paragraph(
            "\"B answers a cancel → A's stream has it\": a payment created on A and followed on A's"
                + " `GET /api/v1/payments/{id}/events`, canceled through B; from B's answer to the"
                + " event on A (0 when it came first): PostgreSQL NOTIFY from B's commit to A's"
                + " stream (",
            s.base(),
            " is the balancer). Its per-second column means nothing.");
  }
}
