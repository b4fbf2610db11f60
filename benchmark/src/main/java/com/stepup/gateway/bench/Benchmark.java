package com.stepup.gateway.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load driver of {@code ./bench.sh}: drives a running gateway and its Klarna sandbox over real
 * HTTP the way tills and web shops do, and writes what it measured as a Markdown report.
 *
 * <p>Scenarios, each after a warm-up that is not counted:
 *
 * <ul>
 *   <li><b>in-store sale</b>: every worker is a till with its own terminal. Create a QR payment,
 *       the shopper opens and approves it in the sandbox, then the till polls until {@code
 *       authorized} (Klarna's webhook, the inbox and the final authorization in between);
 *   <li><b>approved at once</b>: online payments Klarna approves without a step-up;
 *   <li><b>read</b> and <b>list</b>: the partner's reads.
 * </ul>
 *
 * <p>Nothing here asserts a time: a request that fails, or a sale not authorized within 30 s, is
 * counted as an error and the run goes on.
 */
public final class Benchmark {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Settings settings;
  private final List<String> paymentIds = java.util.Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
          });

  private Benchmark(Settings settings) {
    this.settings = settings;
  }

  record Settings(
      String base,
      String sandboxBase,
      String partnerKey,
      String sandboxKey,
      int sales,
      int workers,
      int reads,
      String database,
      Path out,
      String webhookKeyId,
      String webhookSecret,
      Duration warmUp,
      Duration measure,
      double[] pacedRates,
      long serverPid,
      String bootSeconds,
      String serverOptions) {

    static Settings from(Map<String, String> args) {
      return new Settings(
          args.getOrDefault("base", "http://localhost:8181"),
          args.getOrDefault("sandbox-base", "http://localhost:8181/klarna-sandbox"),
          require(args, "partner-key"),
          require(args, "sandbox-key"),
          Integer.parseInt(args.getOrDefault("sales", "400")),
          Integer.parseInt(args.getOrDefault("workers", "8")),
          Integer.parseInt(args.getOrDefault("reads", "2000")),
          args.getOrDefault("database", "H2 (file)"),
          Path.of(args.getOrDefault("out", "docs/benchmark/results.md")),
          args.getOrDefault("webhook-key-id", ""),
          args.getOrDefault("webhook-secret", ""),
          Duration.ofSeconds(Long.parseLong(args.getOrDefault("warm-up-seconds", "3"))),
          Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "10"))),
          java.util.Arrays.stream(args.getOrDefault("paced-rates", "").split(","))
              .filter(r -> !r.isBlank())
              .mapToDouble(Double::parseDouble)
              .toArray(),
          Long.parseLong(args.getOrDefault("server-pid", "0")),
          args.getOrDefault("boot-seconds", ""),
          args.getOrDefault("server-options", ""));
    }

    private static String require(Map<String, String> args, String name) {
      String value = args.get(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return value;
    }
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new java.util.HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    Benchmark bench = new Benchmark(Settings.from(args));
    String report =
        switch (args.getOrDefault("mode", "bench")) {
          case "cluster" -> bench.cluster(args.get("instance-a"), args.get("instance-b"));
          case "kill" -> bench.kill(args.get("kill-log"));
          default -> bench.run();
        };
    System.out.println(report);
    Files.createDirectories(bench.settings.out().toAbsolutePath().getParent());
    Files.writeString(bench.settings.out(), report, StandardCharsets.UTF_8);
    System.out.println("Written to " + bench.settings.out());
  }

  String run() throws Exception {
    sampleServerMemory();
    String storeId = demoStore();
    List<String> terminals = new ArrayList<>();
    for (int w = 0; w < settings.workers(); w++) {
      terminals.add(terminal(storeId, "bench-" + w));
    }
    int workers = settings.workers();
    Duration warm = settings.warmUp();
    Duration measure = settings.measure();
    List<Rates.Result> rows = new ArrayList<>();

    // the floor: a no-op GET on the same server, measured the same way as everything else, first
    // and again last; the higher counts (the first may find the server less warm)
    java.util.function.Supplier<Rates.Result> floorRun =
        () -> {
          try {
            return Rates.run(
                "no-op GET, the floor (`GET /floor/noop`)",
                workers,
                warm,
                measure,
                i -> send(get(settings.base() + "/floor/noop")).statusCode() == 200);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    // first the whole in-store sales, which also warm every path the scenarios below take
    int warmUp = Math.max(workers * 3, 20);
    sales(terminals, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats create = new Stats("create QR payment (`POST /api/v1/payments`)");
    Stats approval = new Stats("shopper approves → till sees `authorized`");
    Stats sale = new Stats("whole in-store sale (create, approve, authorized)");
    long started = System.nanoTime();
    int[] errors = sales(terminals, settings.sales(), create, approval, sale);
    double salesSeconds = (System.nanoTime() - started) / 1e9;

    Rates.Result firstFloor = floorRun.get();
    rows.add(firstFloor);

    // online payments approved at once (manual capture): also the supply of captures and reads
    List<String> authorized = java.util.Collections.synchronizedList(new ArrayList<>());
    rows.add(
        Rates.run(
            "create, approved at once (`POST /api/v1/payments`)",
            workers,
            warm,
            measure,
            i -> {
              HttpResponse<String> r =
                  partner("POST", "/api/v1/payments", online(), UUID.randomUUID().toString());
              if (r.statusCode() != 201) {
                return false;
              }
              JsonObject p = json(r.body());
              paymentIds.add(p.getString("id"));
              authorized.add(p.getString("id"));
              return p.getString("status").equals("authorized");
            }));
    List<String> ids = List.copyOf(paymentIds);
    rows.add(
        Rates.run(
            "read (`GET /api/v1/payments/{id}`)",
            workers,
            warm,
            measure,
            i ->
                partner("GET", "/api/v1/payments/" + ids.get(i % ids.size()), null, null)
                        .statusCode()
                    == 200));
    rows.add(
        Rates.run(
            "list, 20 a page (`GET /api/v1/payments?size=20`)",
            workers,
            warm,
            measure,
            i ->
                partner("GET", "/api/v1/payments?size=20&page=" + (i % 5), null, null).statusCode()
                    == 200));
    List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    rows.add(
        Rates.run(
            "create, step-up in store: QR (`POST /api/v1/payments`)",
            workers,
            warm,
            measure,
            i ->
                created(
                    partner(
                        "POST",
                        "/api/v1/payments",
                        inStore(terminals.get(i % terminals.size()), 1000 + i % 9000 * 10),
                        UUID.randomUUID().toString()),
                    requests)));
    rows.add(
        Rates.run(
            "create, step-up online: HANDOVER (`POST /api/v1/payments`)",
            workers,
            warm,
            measure,
            i ->
                created(
                    partner(
                        "POST", "/api/v1/payments", onlineStepUp(i), UUID.randomUUID().toString()),
                    requests)));
    // captures of 1.00 and refunds of 0.10 over the approved payments in turn: each payment takes
    // several (Klarna allows 200 of each), so the supply outlasts the measured time
    List<String> approved = List.copyOf(authorized);
    rows.add(
        Rates.run(
            "capture, part (`POST /api/v1/payments/{id}/captures`)",
            workers,
            warm,
            measure,
            i ->
                partner(
                            "POST",
                            "/api/v1/payments/" + approved.get(i % approved.size()) + "/captures",
                            "{\"amount\":100}",
                            UUID.randomUUID().toString())
                        .statusCode()
                    == 201));
    rows.add(
        Rates.run(
            "refund, part (`POST /api/v1/payments/{id}/refunds`)",
            workers,
            warm,
            measure,
            i ->
                partner(
                            "POST",
                            "/api/v1/payments/" + approved.get(i % approved.size()) + "/refunds",
                            "{\"amount\":10,\"reason\":\"bench\"}",
                            UUID.randomUUID().toString())
                        .statusCode()
                    == 201));
    if (!settings.webhookSecret().isEmpty() && !requests.isEmpty()) {
      List<String> prs = List.copyOf(requests);
      Instant old = Instant.now().minusSeconds(3600);
      rows.add(
          Rates.run(
              "Klarna webhook, distinct events (`POST /webhooks/klarna`)",
              workers,
              warm,
              measure,
              i ->
                  webhook(envelope(UUID.randomUUID().toString(), prs.get(i % prs.size()), old))
                      == 200));
      String same = envelope(UUID.randomUUID().toString(), prs.get(0), old);
      rows.add(
          Rates.run(
              "Klarna webhook, the same event again (`POST /webhooks/klarna`)",
              workers,
              warm,
              measure,
              i -> webhook(same) == 200));
    }

    Rates.Result lastFloor = floorRun.get();
    Rates.Result floor = lastFloor.perSecond() > firstFloor.perSecond() ? lastFloor : firstFloor;
    rows.set(0, floor);

    // sales at a steady rate, each on a terminal of a pool large enough for the rate
    StringBuilder pacedRows = new StringBuilder();
    if (settings.pacedRates().length > 0) {
      int poolSize =
          (int) Math.ceil(java.util.Arrays.stream(settings.pacedRates()).max().orElse(0) * 2);
      List<String> pool = new ArrayList<>();
      for (int t = 0; t < poolSize; t++) {
        pool.add(terminal(storeId, "paced-" + t));
      }
      for (double rate : settings.pacedRates()) {
        pacedRows.append(paced(pool, rate, measure));
      }
    }

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n")
        .append("Written by `./bench.sh` (")
        .append(Benchmark.class.getName())
        .append(") on ")
        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(".\n\n")
        .append("- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("os.name"))
        .append(", Java ")
        .append(System.getProperty("java.version"))
        .append(
            "; gateway, Klarna sandbox and the floor on one Payara Micro, the driver beside them\n")
        .append("- database: ")
        .append(settings.database())
        .append("\n- ")
        .append(workers)
        .append(
            " clients in a closed loop (each sends its next request when the last is answered), ")
        .append(warm.toSeconds())
        .append(" s of warm-up not counted, then ")
        .append(measure.toSeconds())
        .append(" s measured, per scenario; the floor is measured first and again after the")
        .append(" others, and the higher of the two is the 100 % (")
        .append(
            String.format(
                java.util.Locale.ROOT,
                "%.0f and %.0f req/s",
                firstFloor.perSecond(),
                lastFloor.perSecond()))
        .append(")\n\n")
        .append("| path | count | req/s | p50 ms | p99 ms | share of the floor |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    rows.forEach(r -> md.append(r.row(floor)));
    md.append("\nThe whole in-store sale, ")
        .append(settings.sales())
        .append(" sales over ")
        .append(workers)
        .append(" tills (")
        .append(errors[0])
        .append(" errors, ")
        .append(errors[1])
        .append(" not authorized within 30 s; a warm-up of ")
        .append(warmUp)
        .append(" not counted):\n\n")
        .append("| what | count | per second | p50 ms | p95 ms | p99 ms | max ms |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(create.row(salesSeconds))
        .append(approval.row(salesSeconds))
        .append(sale.row(salesSeconds));
    if (pacedRows.length() > 0) {
      md.append(
              "\nWhole in-store sales started at a steady rate (an open loop: a new sale is due every"
                  + " 1/rate s whether or not the last ones are done, each on a free terminal of a"
                  + " pool, and timed from when it was due), ")
          .append(measure.toSeconds())
          .append(" s each:\n\n")
          .append(
              "| sales/s asked | sales | sales/s done | p50 ms | p95 ms | p99 ms | max ms | errors"
                  + " or late |\n")
          .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
          .append(pacedRows);
    }
    md.append("\nThe server: ")
        .append(
            settings.bootSeconds().isEmpty()
                ? ""
                : "ready " + settings.bootSeconds() + " s after it was started; ")
        .append(
            peakRssKib.get() == 0
                ? "its memory was not sampled"
                : "resident memory at most " + peakRssKib.get() / 1024 + " MiB while measured")
        .append(settings.serverOptions().isEmpty() ? "" : " (`" + settings.serverOptions() + "`)")
        .append(".\n")
        .append(
            "\n\"per second\" is the count over the scenario's wall time with all tills busy;"
                + " for an in-store sale it is completed sales per second. Each till follows its"
                + " payment on `GET /api/v1/payments/{id}/events` (server-sent events), opened right"
                + " after the create. \"shopper approves → till sees `authorized`\" runs from the"
                + " sandbox's answer to the approval to the `authorized` event at the till: Klarna's"
                + " webhook, its signature check and inbox, the final authorization at Klarna, and"
                + " the push to the stream. Captures take 1.00 and refunds give back 0.10 of the"
                + " approved-at-once payments in turn; a new in-store payment on a till supersedes"
                + " (cancels at Klarna) the one the till left; the webhooks are signed"
                + " `payment.request.state-change.in-progress` events older than the payments'"
                + " state (accepted, kept, deduplicated by event id, and changing nothing).\n");
    return md.toString();
  }

  /**
   * Two instances behind a load balancer ({@code settings.base()}): whole in-store sales through
   * it, then straight to one instance, and how fast a change made on one instance reaches an event
   * stream held by the other.
   */
  String cluster(String instanceA, String instanceB) throws Exception {
    String storeId = demoStore();
    List<String> terminals = new ArrayList<>();
    for (int w = 0; w < settings.workers(); w++) {
      terminals.add(terminal(storeId, "bench-" + w));
    }
    int warmUp = Math.max(settings.workers() * 3, 20);
    sales(terminals, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats two = new Stats("whole in-store sale, two instances behind HAProxy");
    long t0 = System.nanoTime();
    int[] errorsTwo =
        sales(terminals, settings.sales(), new Stats("create"), new Stats("approve"), two);
    double twoSeconds = (System.nanoTime() - t0) / 1e9;

    String viaLb = settings.base();
    Settings one = withBase(instanceA);
    Benchmark direct = new Benchmark(one);
    direct.sales(terminals, warmUp, new Stats("warm-up"), new Stats("warm-up"));
    Stats single = new Stats("whole in-store sale, one instance (the other idle)");
    long t1 = System.nanoTime();
    int[] errorsOne =
        direct.sales(
            terminals, settings.sales(), new Stats("create"), new Stats("approve"), single);
    double oneSeconds = (System.nanoTime() - t1) / 1e9;

    // a payment pending on A, its stream held by A, canceled through B
    Stats crossing = new Stats("B answers a cancel → A's stream has it");
    int samples = Math.max(50, settings.sales() / 2);
    for (int i = 0; i < samples; i++) {
      HttpResponse<String> created =
          partner(
              instanceA, "POST", "/api/v1/payments", onlineStepUp(i), UUID.randomUUID().toString());
      if (created.statusCode() != 201) {
        crossing.error();
        continue;
      }
      String id = json(created.body()).getString("id");
      try (Events events = follow(instanceA, id)) {
        long[] answered = new long[1];
        var waiting =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> events.awaitStatus("canceled") ? System.nanoTime() : -1L);
        Thread.sleep(20); // the stream is open and has sent the payment as it is
        HttpResponse<String> cancel =
            partner(
                instanceB,
                "POST",
                "/api/v1/payments/" + id + "/cancel",
                "{}",
                UUID.randomUUID().toString());
        answered[0] = System.nanoTime();
        long seen = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        if (cancel.statusCode() != 200 || seen < 0) {
          crossing.error();
        } else {
          crossing.add(Math.max(0, seen - answered[0]));
        }
      }
    }
    return "# Two gateway instances behind HAProxy\n\n"
        + "Written by `./cluster.sh` ("
        + Benchmark.class.getName()
        + ") on "
        + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ".\n\n- machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores; two gateway instances (Payara Micro each), the Klarna sandbox on a third, HAProxy"
        + " in front, PostgreSQL shared; all on the same cores\n- "
        + settings.workers()
        + " tills; "
        + settings.sales()
        + " sales per run (errors: "
        + errorsTwo[0]
        + " and "
        + errorsOne[0]
        + "; not authorized within 30 s: "
        + errorsTwo[1]
        + " and "
        + errorsOne[1]
        + ")\n\n| what | count | per second | p50 ms | p95 ms | p99 ms | max ms |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        + two.row(twoSeconds)
        + single.row(oneSeconds)
        + crossing.row(1)
        + "\n\"B answers a cancel → A's stream has it\": a payment created on A and followed on A's"
        + " `GET /api/v1/payments/{id}/events`, canceled through B; from B's answer to the event on"
        + " A (0 when it came first): PostgreSQL NOTIFY from B's commit to A's stream ("
        + viaLb
        + " is the balancer). Its per-second column means nothing.\n";
  }

  /**
   * In-store sales through the balancer for the measured time while the script kills one instance
   * and starts it again; then every payment is followed to its end and Klarna's side is counted. A
   * till whose call fails sends it again with the same Idempotency-Key, as a till should.
   */
  String kill(String killLog) throws Exception {
    String storeId = demoStore();
    List<String> terminals = new ArrayList<>();
    for (int w = 0; w < settings.workers(); w++) {
      terminals.add(terminal(storeId, "kill-" + w));
    }
    List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failedCreates = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    long end = System.nanoTime() + settings.measure().toNanos();
    inParallel(
        terminals.size(),
        worker -> {
          int n = 0;
          while (System.nanoTime() < end) {
            String key = UUID.randomUUID().toString();
            String body = inStore(terminals.get(worker), 1000 + (worker * 1000 + n++) % 9000 * 10);
            HttpResponse<String> r = null;
            for (int attempt = 0;
                attempt < 300;
                attempt++) { // up to 150 s: past the 120 s a dead call keeps its key
              try {
                r = partner("POST", "/api/v1/payments", body, key);
                if (r.statusCode() == 201 || r.statusCode() < 500 && r.statusCode() != 409) {
                  break;
                }
              } catch (RuntimeException e) {
                r = null;
              }
              retried.incrementAndGet();
              sleep(500);
            }
            if (r == null || r.statusCode() != 201) {
              failedCreates.incrementAndGet();
              failures.merge(r == null ? "no answer" : "HTTP " + r.statusCode(), 1, Integer::sum);
              continue;
            }
            JsonObject p = json(r.body());
            created.add(p.getString("id"));
            String pr = p.getJsonObject("klarna").getString("payment_request_id");
            sandbox(pr, "open");
            sandbox(pr, "complete");
          }
        });
    // every payment to its end: the janitor and the inbox finish what a dead instance left
    Map<String, String> status = new java.util.concurrent.ConcurrentHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    List<String> open = new ArrayList<>(created);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<String> still = new ArrayList<>();
      for (String id : open) {
        try {
          HttpResponse<String> r = partner("GET", "/api/v1/payments/" + id, null, null);
          String s = r.statusCode() == 200 ? json(r.body()).getString("status") : "unknown";
          status.put(id, s);
          if (s.equals("pending") || s.equals("unknown")) {
            still.add(id);
          }
        } catch (RuntimeException e) {
          still.add(id);
        }
      }
      open = still;
      if (!open.isEmpty()) {
        sleep(2000);
      }
    }
    // Klarna's side: more than one transaction for one payment is a double authorization; more
    // than one capture in one transaction a double charge
    java.util.Set<String> ours = new java.util.HashSet<>(created);
    Map<String, Integer> transactionsPer = new java.util.HashMap<>();
    int doubleCaptures = 0;
    for (JsonObject t :
        json(send(HttpRequest.newBuilder(
                        URI.create(settings.sandboxBase() + "/sandbox/payment-transactions"))
                    .header("Authorization", "Basic " + settings.sandboxKey())
                    .GET()
                    .build())
                .body())
            .getJsonArray("payment_transactions")
            .getValuesAs(JsonObject.class)) {
      String ref = t.getString("payment_transaction_reference", "");
      if (ours.contains(ref)) {
        transactionsPer.merge(ref, 1, Integer::sum);
        if (t.getJsonArray("payment_captures").size() > 1) {
          doubleCaptures++;
        }
      }
    }
    long authorized = status.values().stream().filter("authorized"::equals).count();
    Map<String, Long> byStatus = new java.util.TreeMap<>();
    status.values().forEach(v -> byStatus.merge(v, 1L, Long::sum));
    long doubled = transactionsPer.values().stream().filter(c -> c > 1).count() + doubleCaptures;
    String kills = killLog == null ? "" : Files.readString(Path.of(killLog)).strip();
    return "# Kill a node under load\n\n"
        + "Written by `./cluster.sh kill` ("
        + Benchmark.class.getName()
        + ") on "
        + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ".\n\n- two gateway instances behind HAProxy on one PostgreSQL, the Klarna sandbox"
        + " apart; "
        + settings.workers()
        + " tills selling in store for "
        + settings.measure().toSeconds()
        + " s\n- what the script did: "
        + kills.replace("\n", "; ")
        + "\n\n| figure | value |\n| --- | ---: |\n"
        + "| payments created | "
        + created.size()
        + " |\n"
        + "| creates that failed even after retries | "
        + failedCreates.get()
        + " |\n"
        + "| calls sent again (same Idempotency-Key) | "
        + retried.get()
        + " |\n"
        + "| authorized | "
        + authorized
        + " |\n"
        + "| other final status | "
        + (status.size() - authorized - open.size())
        + " |\n"
        + "| payments by status at the end | "
        + byStatus
        + " |\n"
        + "| creates that failed, by last answer (the till gave up; a payment it made may be"
        + " pending) | "
        + failures
        + " |\n"
        + "| **lost** (never reached a final status) | **"
        + open.size()
        + "** |\n"
        + "| **doubled** (more than one final authorization or capture at Klarna) | **"
        + doubled
        + "** |\n"
        + "\nEach sale is approved at the sandbox right after it is created; the payment is then"
        + " followed through the balancer until it is final (up to 180 s after the load ends).\n";
  }

  private Settings withBase(String base) {
    return new Settings(
        base,
        settings.sandboxBase(),
        settings.partnerKey(),
        settings.sandboxKey(),
        settings.sales(),
        settings.workers(),
        settings.reads(),
        settings.database(),
        settings.out(),
        settings.webhookKeyId(),
        settings.webhookSecret(),
        settings.warmUp(),
        settings.measure(),
        settings.pacedRates(),
        settings.serverPid(),
        settings.bootSeconds(),
        settings.serverOptions());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.Set<String> TOLD =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static boolean created(HttpResponse<String> r, List<String> requests) {
    JsonObject p = r.statusCode() == 201 ? json(r.body()) : null;
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

  /** Klarna's envelope (KLARNA-API.md §4.3) of an in-progress state older than the payment's. */
  private static String envelope(String eventId, String paymentRequestId, Instant updatedAt) {
    return Json.createObjectBuilder()
        .add(
            "metadata",
            Json.createObjectBuilder()
                .add("event_id", eventId)
                .add("event_type", "payment.request.state-change.in-progress")
                .add("event_version", "v2")
                .add("occurred_at", updatedAt.toString())
                .add("live", false))
        .add(
            "payload",
            Json.createObjectBuilder()
                .add("payment_request_id", paymentRequestId)
                .add("state", "IN_PROGRESS")
                .add("updated_at", updatedAt.toString()))
        .build()
        .toString();
  }

  private int webhook(String body) {
    String signature;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              settings.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      signature =
          java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return send(HttpRequest.newBuilder(URI.create(settings.base() + "/webhooks/klarna"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Klarna-Signing-Key-Id", settings.webhookKeyId())
            .header("Klarna-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build())
        .statusCode();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  /** Runs {@code count} in-store sales over the workers' terminals; answers [errors, late]. */
  private int[] sales(
      List<String> terminals, int count, Stats create, Stats authorized, Stats... sale)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    inParallel(
        terminals.size(),
        worker -> {
          String terminal = terminals.get(worker);
          while (next.getAndIncrement() < count) {
            switch (oneSale(terminal, System.nanoTime(), create, authorized, sale)) {
              case ERROR -> errors.incrementAndGet();
              case LATE -> late.incrementAndGet();
              case AUTHORIZED -> {}
            }
          }
        });
    return new int[] {errors.get(), late.get()};
  }

  enum Sale {
    AUTHORIZED,
    ERROR,
    LATE
  }

  /**
   * One in-store sale on the terminal, timed from {@code t0} (its start as planned, which may be
   * before it could start): create, the shopper opens and approves it at the sandbox, and the till
   * sees {@code authorized} on the payment's event stream.
   */
  private Sale oneSale(String terminal, long t0, Stats create, Stats authorized, Stats... sale) {
    try {
      HttpResponse<String> created =
          partner(
              "POST",
              "/api/v1/payments",
              inStore(terminal, 1000 + (int) (t0 & 0xfff) * 10),
              UUID.randomUUID().toString());
      long t1 = System.nanoTime();
      if (created.statusCode() != 201) {
        return Sale.ERROR;
      }
      create.add(t1 - t0);
      JsonObject payment = json(created.body());
      String id = payment.getString("id");
      paymentIds.add(id);
      String pr = payment.getJsonObject("klarna").getString("payment_request_id");
      try (Events events = follow(id)) {
        if (sandbox(pr, "open") != 200 || sandbox(pr, "complete") != 200) {
          return Sale.ERROR;
        }
        long t2 = System.nanoTime();
        if (!events.awaitStatus("authorized")) {
          return Sale.LATE;
        }
        long t3 = System.nanoTime();
        authorized.add(t3 - t2);
        for (Stats s : sale) {
          s.add(t3 - t0);
        }
        return Sale.AUTHORIZED;
      }
    } catch (RuntimeException e) {
      return Sale.ERROR;
    }
  }

  /**
   * Whole in-store sales started at a steady rate whatever the answers (an open loop, like a
   * chain's tills at a peak), on terminals taken from a pool; each sale is timed from when it was
   * due, so a server that falls behind shows it in the latencies. Answers the report's row.
   */
  private String paced(List<String> terminals, double rate, Duration measure) throws Exception {
    var free = new java.util.concurrent.LinkedBlockingQueue<String>(terminals);
    Stats create = new Stats("create");
    Stats approval = new Stats("approval");
    Stats sale = new Stats("sale");
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    int count = (int) Math.round(rate * measure.toSeconds());
    ExecutorService pool = Executors.newCachedThreadPool();
    long start = System.nanoTime();
    long period = (long) (1e9 / rate);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
        all.add(
            pool.submit(
                () -> {
                  String terminal = free.take();
                  try {
                    switch (oneSale(terminal, due, create, approval, sale)) {
                      case ERROR -> errors.incrementAndGet();
                      case LATE -> late.incrementAndGet();
                      case AUTHORIZED -> {}
                    }
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
    return String.format(
        java.util.Locale.ROOT,
        "| %.0f | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n",
        rate,
        sale.count(),
        sale.count() / wall,
        sale.percentileMillis(0.50),
        sale.percentileMillis(0.95),
        sale.percentileMillis(0.99),
        sale.percentileMillis(1.0),
        errors.get() + late.get());
  }

  /** The server's resident memory, sampled while the benchmark runs: the highest seen, in MiB. */
  private final java.util.concurrent.atomic.AtomicLong peakRssKib =
      new java.util.concurrent.atomic.AtomicLong();

  private void sampleServerMemory() {
    if (settings.serverPid() <= 0) {
      return;
    }
    Path status = Path.of("/proc/" + settings.serverPid() + "/status");
    timer.scheduleAtFixedRate(
        () -> {
          try {
            for (String line : Files.readAllLines(status)) {
              if (line.startsWith("VmRSS:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                peakRssKib.accumulateAndGet(kib, Math::max);
              }
            }
          } catch (IOException | RuntimeException e) {
            // the server is gone or the line unreadable: the report says what was seen
          }
        },
        0,
        250,
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The till's view of one payment: its server-sent event stream, open until closed. */
  private Events follow(String id) {
    return follow(settings.base(), id);
  }

  private Events follow(String base, String id) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/payments/" + id + "/events"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + settings.partnerKey())
            .header("Accept", "text/event-stream")
            .build();
    try {
      HttpResponse<java.util.stream.Stream<String>> r =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) {
        r.body().close();
        throw new IllegalStateException("events of " + id + ": HTTP " + r.statusCode());
      }
      return new Events(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code payment} events; closing it hangs up. */
  private final class Events implements AutoCloseable {
    private final java.util.stream.Stream<String> lines;
    private final java.util.Iterator<String> iterator;

    Events(java.util.stream.Stream<String> lines) {
      this.lines = lines;
      this.iterator = lines.iterator();
    }

    /** Waits up to 30 s for an event with {@code status}; false on another final status. */
    boolean awaitStatus(String status) {
      var timeout = timer.schedule(lines::close, 30, java.util.concurrent.TimeUnit.SECONDS);
      try {
        while (iterator.hasNext()) {
          String line = iterator.next();
          if (line.startsWith("data:")) {
            String now = json(line.substring(5).strip()).getString("status");
            if (now.equals(status)) {
              return true;
            }
            if (!now.equals("pending")) {
              return false;
            }
          }
        }
        return false;
      } catch (RuntimeException closed) {
        return false;
      } finally {
        timeout.cancel(false);
      }
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  private String demoStore() {
    HttpResponse<String> r = partner("GET", "/api/v1/stores?size=100", null, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/stores: " + r.statusCode() + " " + r.body());
    }
    return json(r.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(s -> s.getString("store_reference", "").equals("store-001"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the demo store store-001 is missing"))
        .getString("id");
  }

  private String terminal(String storeId, String reference) {
    HttpResponse<String> r =
        partner(
            "POST",
            "/api/v1/stores/" + storeId + "/terminals",
            "{\"terminal_reference\":\"" + reference + "\",\"name\":\"" + reference + "\"}",
            null);
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException("terminal " + reference + ": " + r.statusCode() + r.body());
    }
    return reference;
  }

  private static String inStore(String terminal, long amount) {
    return PaymentBodies.inStore(amount)
        .reference("bench-" + UUID.randomUUID())
        .terminal(terminal)
        .json();
  }

  /** An online payment Klarna asks the shopper to approve (its amount does not end in 02). */
  private static String onlineStepUp(int i) {
    return PaymentBodies.online(4500 + (i % 50) * 100 + 10)
        .reference("bench-" + UUID.randomUUID())
        .store("store-001")
        .json();
  }

  /** An amount ending in 02: the sandbox approves it without a step-up. */
  private static String online() {
    return PaymentBodies.online(4502)
        .reference("bench-" + UUID.randomUUID())
        .store("store-001")
        .json();
  }

  private HttpResponse<String> partner(String method, String path, String body, String idemKey) {
    return partner(settings.base(), method, path, body, idemKey);
  }

  private HttpResponse<String> partner(
      String base, String method, String path, String body, String idemKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + settings.partnerKey())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (idemKey != null) {
      b.header("Idempotency-Key", idemKey);
    }
    return send(b.build());
  }

  private int sandbox(String paymentRequestId, String action) {
    return send(HttpRequest.newBuilder(
                URI.create(
                    settings.sandboxBase()
                        + "/sandbox/payment-requests/"
                        + paymentRequestId
                        + "/"
                        + action))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + settings.sandboxKey())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build())
        .statusCode();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static void inParallel(int workers, java.util.function.IntConsumer work)
      throws Exception {
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
