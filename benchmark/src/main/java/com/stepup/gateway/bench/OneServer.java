package com.stepup.gateway.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * {@code ./bench.sh}: the gateway, the sandbox and the floor on one server. First the whole
 * in-store sale in a closed loop (which also warms every path), then each partner path and Klarna's
 * webhooks in a closed loop against the floor (a no-op GET measured first and again last, the
 * higher the 100 %), then in-store sales at steady rates. Nothing asserts a time: a failed request
 * or a sale not authorized within 30 s is counted and the run goes on.
 */
final class OneServer {

  /** Where the report was written: what a reader needs to compare two reports. */
  record Machine(int cores, String os, String java) {
    static Machine here() {
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"),
          System.getProperty("java.version"));
    }
  }

  /** What a run measured, all the report says. */
  record Figures(
      Instant at,
      Machine machine,
      Settings settings,
      Rates.Result firstFloor,
      Rates.Result lastFloor,
      List<Rates.Result> paths,
      List<Rates.Result> floorsBeside,
      int warmUpSales,
      InStoreSales.Misses misses,
      String saleCpuMillis,
      List<List<String>> saleRows,
      List<List<String>> pacedRows,
      long peakRssMib) {}

  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

  private final Settings settings;
  private final GatewayClient client;
  private final List<String> made = Collections.synchronizedList(new ArrayList<>());
  private final InStoreSales sales;

  /** The short floor measured just before each path, in the paths' order. */
  private final List<Rates.Result> besides = new ArrayList<>();

  OneServer(Settings settings) {
    this.settings = settings;
    this.client = settings.client();
    this.sales = new InStoreSales(client, made);
  }

  String run() throws Exception {
    AtomicLong peakRssKib = new AtomicLong();
    ScheduledExecutorService sampler = sampleServerMemory(peakRssKib);
    String storeId = client.demoStore();
    List<String> tills = InStoreSales.terminals(client, storeId, "bench-", settings.workers());
    int warmUp = Math.max(settings.workers() * 3, 20);
    sales.closedLoop(tills, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats create = new Stats("create QR payment (`POST /api/v1/payments`)");
    Stats approval = new Stats("shopper approves → till sees `authorized`");
    Stats sale = new Stats("whole in-store sale (create, approve, authorized)");
    ServerCpu cpu = new ServerCpu(settings.serverPid());
    var cpuBefore = cpu.used();
    long started = System.nanoTime();
    InStoreSales.Misses misses = sales.closedLoop(tills, settings.sales(), create, approval, sale);
    double salesSeconds = (System.nanoTime() - started) / 1e9;
    String saleCpu = cpu.perSale(cpuBefore, sale.count());

    Rates.Result firstFloor = rate("no-op GET, the floor (`GET /floor/noop`)", i -> client.floor());
    List<Rates.Result> paths = paths(tills);
    Rates.Result lastFloor = rate(firstFloor.name(), i -> client.floor());

    List<List<String>> paced = new ArrayList<>();
    if (settings.pacedRates().length > 0) {
      // a pool of terminals large enough for the highest rate
      int poolSize = (int) Math.ceil(Arrays.stream(settings.pacedRates()).max().orElse(0) * 2);
      List<String> pool = InStoreSales.terminals(client, storeId, "paced-", poolSize);
      for (double rate : settings.pacedRates()) {
        paced.add(sales.paced(pool, rate, settings.measure(), cpu));
      }
    }
    if (sampler != null) {
      sampler.shutdownNow();
    }
    return report(
            new Figures(
                Instant.now(),
                Machine.here(),
                settings,
                firstFloor,
                lastFloor,
                paths,
                List.copyOf(besides),
                warmUp,
                misses,
                saleCpu,
                List.of(
                    create.cells(salesSeconds),
                    approval.cells(salesSeconds),
                    sale.cells(salesSeconds)),
                paced,
                peakRssKib.get() / 1024))
        .toString();
  }

  /** Every partner path and Klarna's webhooks, in a closed loop each. */
  private List<Rates.Result> paths(List<String> tills) throws Exception {
    List<Rates.Result> rows = new ArrayList<>();
    // online payments approved at once (manual capture): also the supply of captures and reads
    List<String> approved = Collections.synchronizedList(new ArrayList<>());
    rows.add(
        path(
            "create, approved at once (`POST /api/v1/payments`)",
            i -> {
              HttpResponse<String> r = client.create(approvedAtOnce(), key());
              if (r.statusCode() != 201) {
                return false;
              }
              JsonObject p = GatewayClient.json(r.body());
              made.add(p.getString("id"));
              approved.add(p.getString("id"));
              return p.getString("status").equals("authorized");
            }));
    List<String> ids = List.copyOf(made);
    rows.add(
        path(
            "read (`GET /api/v1/payments/{id}`)",
            i ->
                ok(
                    client.partner(
                        "GET", "/api/v1/payments/" + ids.get(i % ids.size()), null, null),
                    200)));
    rows.add(
        path(
            "list, 20 a page (`GET /api/v1/payments?size=20`)",
            i ->
                ok(
                    client.partner("GET", "/api/v1/payments?size=20&page=" + (i % 5), null, null),
                    200)));
    List<String> cursorPages = cursorPages(5);
    rows.add(
        path(
            "list, keyset, 20 a page (`GET /api/v1/payments/cursor?size=20`)",
            i ->
                ok(
                    client.partner("GET", cursorPages.get(i % cursorPages.size()), null, null),
                    200)));
    List<String> requests = Collections.synchronizedList(new ArrayList<>());
    rows.add(
        path(
            "create, step-up in store: QR (`POST /api/v1/payments`)",
            i ->
                pending(
                    client.create(
                        InStoreSales.body(tills.get(i % tills.size()), 1000 + i % 9000 * 10),
                        key()),
                    requests)));
    rows.add(
        path(
            "create, step-up online: HANDOVER (`POST /api/v1/payments`)",
            i -> pending(client.create(onlineStepUp(i), key()), requests)));
    // captures of 1.00 and refunds of 0.10 over the approved payments in turn: each payment takes
    // several (Klarna allows 200 of each), so the supply outlasts the measured time
    List<String> money = List.copyOf(approved);
    rows.add(
        path(
            "capture, part (`POST /api/v1/payments/{id}/captures`)",
            i ->
                ok(
                    client.partner(
                        "POST", paymentPath(money, i) + "/captures", "{\"amount\":100}", key()),
                    201)));
    rows.add(
        path(
            "refund, part (`POST /api/v1/payments/{id}/refunds`)",
            i ->
                ok(
                    client.partner(
                        "POST",
                        paymentPath(money, i) + "/refunds",
                        "{\"amount\":10,\"reason\":\"bench\"}",
                        key()),
                    201)));
    if (settings.signsWebhooks() && !requests.isEmpty()) {
      List<String> prs = List.copyOf(requests);
      Instant old = Instant.now().minusSeconds(3600);
      rows.add(
          path(
              "Klarna webhook, distinct events (`POST /webhooks/klarna`)",
              i ->
                  client.webhook(KlarnaWebhook.inProgress(key(), prs.get(i % prs.size()), old))
                      == 200));
      String same = KlarnaWebhook.inProgress(key(), prs.get(0), old);
      rows.add(
          path(
              "Klarna webhook, the same event again (`POST /webhooks/klarna`)",
              i -> client.webhook(same) == 200));
    }
    return rows;
  }

  /** The floor's length just before each path: enough for a figure, short beside the path's. */
  static final Duration BESIDE_WARM_UP = Duration.ofSeconds(1);

  static final Duration BESIDE_MEASURE = Duration.ofSeconds(3);

  /**
   * A path, after a short floor measured just before it: this machine's speed moves by half or more
   * within minutes, so a share of the floor beside a path follows it where the run's floor cannot.
   */
  private Rates.Result path(String name, IntPredicate op) throws Exception {
    besides.add(
        Rates.run(
            "floor beside",
            settings.workers(),
            BESIDE_WARM_UP,
            BESIDE_MEASURE,
            i -> client.floor()));
    return rate(name, op);
  }

  private Rates.Result rate(String name, IntPredicate op) throws Exception {
    return Rates.run(name, settings.workers(), settings.warmUp(), settings.measure(), op);
  }

  static MarkdownReport report(Figures f) {
    Settings s = f.settings();
    Rates.Result floor =
        f.lastFloor().perSecond() > f.firstFloor().perSecond() ? f.lastFloor() : f.firstFloor();
    MarkdownReport.Table paths = Rates.table().row(floor.cells(floor, null));
    for (int i = 0; i < f.paths().size(); i++) {
      paths.row(
          f.paths()
              .get(i)
              .cells(floor, i < f.floorsBeside().size() ? f.floorsBeside().get(i) : null));
    }
    MarkdownReport.Table sales = Stats.table();
    f.saleRows().forEach(sales::row);
    MarkdownReport md =
        new MarkdownReport("Benchmark results")
            .paragraph(
                "Written by `./bench.sh` (", BenchMain.class.getName(), ") on ", at(f.at()), ".")
            .bullets(
                MarkdownReport.text(
                    "machine: %d cores, %s, Java %s; gateway, Klarna sandbox and the floor on one"
                        + " Payara Micro, the driver beside them",
                    f.machine().cores(), f.machine().os(), f.machine().java()),
                "database: " + s.database(),
                MarkdownReport.text(
                    "%d clients in a closed loop (each sends its next request when the last is"
                        + " answered), %d s of warm-up not counted, then %d s measured, per"
                        + " scenario; the floor is measured first and again after the others, and"
                        + " the higher of the two is the 100 %% (%.0f and %.0f req/s); each path"
                        + " is also given as a share of a short floor (%d s of warm-up, %d s"
                        + " measured) run just before it, which follows the machine's speed as"
                        + " it moves during the run (%s req/s)",
                    s.workers(),
                    s.warmUp().toSeconds(),
                    s.measure().toSeconds(),
                    f.firstFloor().perSecond(),
                    f.lastFloor().perSecond(),
                    BESIDE_WARM_UP.toSeconds(),
                    BESIDE_MEASURE.toSeconds(),
                    besideRange(f.floorsBeside())))
            .table(paths)
            .paragraph(
                MarkdownReport.text(
                    "The whole in-store sale, %d sales over %d tills (%d errors, %d not authorized"
                        + " within 30 s; a warm-up of %d not counted; the server's CPU per sale:"
                        + " %s ms):",
                    s.sales(),
                    s.workers(),
                    f.misses().errors(),
                    f.misses().late(),
                    f.warmUpSales(),
                    f.saleCpuMillis()))
            .table(sales);
    if (!f.pacedRows().isEmpty()) {
      MarkdownReport.Table paced = InStoreSales.pacedTable();
      f.pacedRows().forEach(paced::row);
      md.paragraph(
              "Whole in-store sales started at a steady rate (an open loop: a new sale is due every"
                  + " 1/rate s whether or not the last ones are done, each on a free terminal of a"
                  + " pool, and timed from when it was due), ",
              s.measure().toSeconds() + " s each:")
          .table(paced);
    }
    return md.paragraph(
            "The server: ",
            s.bootSeconds().isEmpty()
                ? ""
                : "ready " + s.bootSeconds() + " s after it was started; ",
            f.peakRssMib() == 0
                ? "its memory was not sampled"
                : "resident memory at most " + f.peakRssMib() + " MiB while measured",
            s.serverOptions().isEmpty() ? "" : " (`" + s.serverOptions() + "`)",
            ".")
        .paragraph(
            "\"per second\" is the count over the scenario's wall time with all tills busy;"
                + " for an in-store sale it is completed sales per second. The server's CPU per"
                + " sale is the user and system time of its one process (the gateway and the Klarna"
                + " sandbox together, from `/proc`) over the scenario, divided by its sales. Each"
                + " till follows its"
                + " payment on `GET /api/v1/payments/{id}/events` (server-sent events), opened right"
                + " after the create. \"shopper approves → till sees `authorized`\" runs from the"
                + " sandbox's answer to the approval to the `authorized` event at the till: Klarna's"
                + " webhook, its signature check and inbox, the final authorization at Klarna, and"
                + " the push to the stream. The lists read their first five pages in turn: the page"
                + " mode by `page=0` to `4`, each page with its count (`total`), the keyset mode by"
                + " the cursors a walk over the same pages gave, with no count."
                + " Captures take 1.00 and refunds give back 0.10 of the"
                + " approved-at-once payments in turn; a new in-store payment on a till supersedes"
                + " (cancels at Klarna) the one the till left; the webhooks are signed"
                + " `payment.request.state-change.in-progress` events older than the payments'"
                + " state (accepted, kept, deduplicated by event id, and changing nothing).");
  }

  /** The lowest and highest of the floors beside the paths ("–" when none was measured). */
  static String besideRange(List<Rates.Result> besides) {
    var speeds = besides.stream().mapToDouble(Rates.Result::perSecond).summaryStatistics();
    return speeds.getCount() == 0
        ? "–"
        : String.format(Locale.ROOT, "%.0f to %.0f", speeds.getMin(), speeds.getMax());
  }

  static String at(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Samples the server's resident memory every 250 ms into {@code peakKib}; null without a pid. */
  private ScheduledExecutorService sampleServerMemory(AtomicLong peakKib) {
    if (settings.serverPid() <= 0) {
      return null;
    }
    Path status = Path.of("/proc/" + settings.serverPid() + "/status");
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-memory");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            for (String line : Files.readAllLines(status)) {
              if (line.startsWith("VmRSS:")) {
                peakKib.accumulateAndGet(Long.parseLong(line.replaceAll("[^0-9]", "")), Math::max);
              }
            }
          } catch (IOException | RuntimeException e) {
            // the server is gone or the line unreadable: the report says what was seen
          }
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
    return timer;
  }

  /** An online payment Klarna asks the shopper to approve (its amount does not end in 02). */
  static String onlineStepUp(int i) {
    return PaymentBodies.online(4500 + (i % 50) * 100 + 10)
        .reference("bench-" + UUID.randomUUID())
        .store("store-001")
        .json();
  }

  /** An amount ending in 02: the sandbox approves it without a step-up. */
  private static String approvedAtOnce() {
    return PaymentBodies.online(4502)
        .reference("bench-" + UUID.randomUUID())
        .store("store-001")
        .json();
  }

  /**
   * The first {@code pages} pages of the keyset list, 20 a page, as the paths that read them: the
   * first, then each with the cursor the one before gave (fewer when the list is shorter).
   */
  private List<String> cursorPages(int pages) {
    String first = "/api/v1/payments/cursor?size=20";
    List<String> paths = new ArrayList<>(List.of(first));
    while (paths.size() < pages) {
      HttpResponse<String> r = client.partner("GET", paths.get(paths.size() - 1), null, null);
      JsonObject page = r.statusCode() == 200 ? GatewayClient.json(r.body()) : null;
      if (page == null || page.isNull("next")) {
        break;
      }
      paths.add(
          first + "&after=" + URLEncoder.encode(page.getString("next"), StandardCharsets.UTF_8));
    }
    return List.copyOf(paths);
  }

  private static String paymentPath(List<String> ids, int i) {
    return "/api/v1/payments/" + ids.get(i % ids.size());
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static boolean ok(HttpResponse<String> r, int status) {
    return r.statusCode() == status;
  }

  /** A step-up create answered {@code pending}; its Klarna request joins {@code requests}. */
  private static boolean pending(HttpResponse<String> r, List<String> requests) {
    JsonObject p = r.statusCode() == 201 ? GatewayClient.json(r.body()) : null;
    if (p == null || !p.getString("status").equals("pending")) {
      if (TOLD.add(r.uri().getPath() + r.statusCode())) {
        System.err.println("unexpected answer " + r.statusCode() + ": " + r.body());
      }
      return false;
    }
    JsonObject klarna = p.getJsonObject("klarna");
    if (klarna != null
        && klarna.containsKey("payment_request_id")
        && !klarna.isNull("payment_request_id")) {
      requests.add(klarna.getString("payment_request_id"));
    }
    return true;
  }
}
