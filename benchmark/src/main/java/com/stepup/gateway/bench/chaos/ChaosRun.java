package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.Options;
import com.stepup.gateway.bench.chaos.Http.Answer;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The chaos run of {@code ./chaos.sh} (issue 33, item 5): for {@code --seconds}, {@code --workers}
 * {@link Partner}s make random sales, captures, refunds, releases, cancels and replays through the
 * balancer while shoppers act at the sandbox, {@link Faults} are switched on at random and the
 * script kills instances; then it clears the faults, expires what no shopper finished, waits for
 * {@link Quiet} and compares every payment with the sandbox ({@link GroundTruth}). Writes {@code
 * --out} ({@link Report}) and the {@link Evidence}, and exits 1 on any violation (2 on a wrong
 * option).
 *
 * <p>Each partner and the fault switcher draw from their own {@link java.util.Random} seeded from
 * {@code --seed}: a run's choices are reproducible; how they interleave with the servers and the
 * kills is not.
 */
public final class ChaosRun {

  /** The demo merchant's Klarna account, under which the sandbox holds the run's requests. */
  static final String ACCOUNT = "krn:partner:global:account:test:demo-merchant";

  private static final Set<String> NAMES =
      Set.of(
          "base",
          "sandbox-base",
          "partner-key",
          "sandbox-key",
          "seed",
          "seconds",
          "workers",
          "pause-ms",
          "quiet-seconds",
          "kill-log",
          "out");

  final long seed;
  final int workers;
  final long seconds;
  final long quietSeconds;

  /** Each partner waits this long between two steps: the servers must not only drown. */
  final long pauseMs;

  final Http http;
  final Ledger ledger = new Ledger();
  final Path out;
  final Path killLog;

  ChaosRun(Map<String, String> args) {
    this.seed =
        Long.parseLong(args.getOrDefault("seed", String.valueOf(System.nanoTime() % 100000)));
    this.workers = Integer.parseInt(args.getOrDefault("workers", "6"));
    this.seconds = Long.parseLong(args.getOrDefault("seconds", "240"));
    this.quietSeconds = Long.parseLong(args.getOrDefault("quiet-seconds", "300"));
    this.pauseMs = Long.parseLong(args.getOrDefault("pause-ms", "150"));
    this.http =
        new Http(
            args.getOrDefault("base", "http://localhost:8180"),
            args.getOrDefault("sandbox-base", "http://localhost:8190/klarna-sandbox"),
            Options.require(args, "partner-key"),
            Options.require(args, "sandbox-key"));
    this.out = Path.of(args.getOrDefault("out", "docs/benchmark/chaos.md"));
    this.killLog = args.containsKey("kill-log") ? Path.of(args.get("kill-log")) : null;
  }

  /** The run as {@code --name value} pairs read it; a wrong option is an error that names it. */
  static ChaosRun of(String... argv) {
    return new ChaosRun(Options.parse(argv, NAMES));
  }

  public static void main(String[] argv) throws Exception {
    ChaosRun run;
    try {
      run = of(argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("options: --" + String.join(", --", NAMES.stream().sorted().toList()));
      System.exit(2);
      return;
    }
    System.exit(run.run() == 0 ? 0 : 1);
  }

  /** Runs the load, waits for quiet, compares; answers the number of violations. */
  int run() throws Exception {
    long started = System.currentTimeMillis();
    System.out.printf("Chaos run: seed %d, %d workers, %d s%n", seed, workers, seconds);
    String storeId = storeId();
    List<List<String>> tills = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      tills.add(
          List.of(terminal(storeId, "chaos-" + w + "-a"), terminal(storeId, "chaos-" + w + "-b")));
    }
    long end = System.currentTimeMillis() + seconds * 1000;
    Faults faults = new Faults(http, ledger, seed);
    Thread faulter = new Thread(() -> faults.switchUntil(end), "chaos-faults");
    faulter.setDaemon(true);
    faulter.start();
    Recorder recorder = new Recorder(http, ledger);
    ExecutorService bursts = Executors.newFixedThreadPool(4, daemon("chaos-burst"));
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("chaos-worker"));
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Partner partner = new Partner(w, seed, tills.get(w), end, pauseMs, recorder, bursts);
      done.add(pool.submit(partner::run));
    }
    for (Future<?> f : done) {
      f.get();
    }
    faulter.join();
    pool.shutdown();
    bursts.shutdown();
    long loadEnded = System.currentTimeMillis();
    System.out.printf(
        "Load done: %d payments asked, %d partner calls%n",
        ledger.byReference.size(), ledger.ops.size());

    Quiet.Result settled = new Quiet(http, ledger, seed).settle(quietSeconds);
    GroundTruth truth = new GroundTruth(ledger, settled);
    List<GroundTruth.Violation> violations = truth.compare();
    long finished = System.currentTimeMillis();
    String kills =
        killLog != null && Files.exists(killLog) ? Files.readString(killLog).strip() : "";
    String report =
        new Report(
                new Report.Run(seed, workers, seconds, started, loadEnded, finished, kills),
                ledger,
                settled,
                truth,
                violations)
            .markdown();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println(report);
    System.out.println("Written to " + out);
    violations.forEach(v -> System.out.println("VIOLATION " + v));
    Evidence evidence =
        new Evidence(http, ledger, (killLog != null ? killLog : out).toAbsolutePath().getParent());
    evidence.keep(violations, settled);
    evidence.writeCalls();
    return violations.size();
  }

  private String storeId() {
    for (int attempt = 0; ; attempt++) {
      Answer r = http.partner("GET", "/api/v1/stores?size=100", null, null);
      if (r.status() == 200 && r.json() != null) {
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("store_reference", "").equals("store-001"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the demo store store-001 is missing"))
            .getString("id");
      }
      if (attempt > 60) {
        throw new IllegalStateException("GET /api/v1/stores: " + r.status() + " " + r.body());
      }
      sleep(1000);
    }
  }

  private String terminal(String storeId, String reference) {
    for (int attempt = 0; ; attempt++) {
      Answer r =
          http.partner(
              "POST",
              "/api/v1/stores/" + storeId + "/terminals",
              "{\"terminal_reference\":\"" + reference + "\",\"name\":\"" + reference + "\"}",
              "terminal-" + seed + "-" + reference);
      if (r.status() == 201 || r.status() == 409) {
        return reference;
      }
      if (attempt > 60) {
        throw new IllegalStateException("terminal " + reference + ": " + r.status() + r.body());
      }
      sleep(1000);
    }
  }

  static Map<String, Integer> count(Map<String, Integer> into, String key) {
    into.merge(key, 1, Integer::sum);
    return into;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
