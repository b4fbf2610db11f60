package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.PaymentBodies;
import com.stepup.gateway.bench.chaos.Http.Answer;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chaos run of {@code ./chaos.sh} (issue 33, item 5): for {@code --seconds}, {@code --workers}
 * partners make random sales, captures, refunds, releases, cancels and replays through the balancer
 * while shoppers act at the sandbox, sandbox faults are switched on at random and the script kills
 * instances; then it clears the faults, expires what no shopper finished, waits for quiet and
 * compares every payment with the sandbox ({@link GroundTruth}). Writes {@code --out} and exits 1
 * on any violation.
 *
 * <p>Each worker and the fault switcher draw from their own {@link Random} seeded from {@code
 * --seed}: a run's choices are reproducible; how they interleave with the servers and the kills is
 * not.
 */
public final class ChaosRun {

  static final String ACCOUNT = "krn:partner:global:account:test:demo-merchant";
  private static final Set<String> OPEN = Set.of("SUBMITTED", "IN_PROGRESS");

  final long seed;
  final int workers;
  final long seconds;
  final long quietSeconds;
  final Http http;
  final Ledger ledger = new Ledger();
  final Path out;
  final Path killLog;

  /** Each worker waits this long between two steps: the servers must not only drown. */
  final long pauseMs;

  private final ExecutorService bursts = Executors.newFixedThreadPool(4, daemon("chaos-burst"));
  private final AtomicBoolean loading = new AtomicBoolean(true);

  ChaosRun(Map<String, String> args) {
    this.seed =
        Long.parseLong(args.getOrDefault("seed", String.valueOf(System.nanoTime() % 100000)));
    this.workers = Integer.parseInt(args.getOrDefault("workers", "6"));
    this.seconds = Long.parseLong(args.getOrDefault("seconds", "240"));
    this.quietSeconds = Long.parseLong(args.getOrDefault("quiet-seconds", "300"));
    this.http =
        new Http(
            args.getOrDefault("base", "http://localhost:8180"),
            args.getOrDefault("sandbox-base", "http://localhost:8190/klarna-sandbox"),
            require(args, "partner-key"),
            require(args, "sandbox-key"));
    this.out = Path.of(args.getOrDefault("out", "docs/benchmark/chaos.md"));
    this.killLog = args.containsKey("kill-log") ? Path.of(args.get("kill-log")) : null;
    this.pauseMs = Long.parseLong(args.getOrDefault("pause-ms", "150"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    ChaosRun run = new ChaosRun(args);
    int violations = run.run();
    System.exit(violations == 0 ? 0 : 1);
  }

  int run() throws Exception {
    long started = System.currentTimeMillis();
    System.out.printf("Chaos run: seed %d, %d workers, %d s%n", seed, workers, seconds);
    String storeId = storeId();
    List<List<String>> terminals = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      terminals.add(
          List.of(terminal(storeId, "chaos-" + w + "-a"), terminal(storeId, "chaos-" + w + "-b")));
    }
    long end = System.currentTimeMillis() + seconds * 1000;
    Thread faulter = new Thread(() -> switchFaults(end), "chaos-faults");
    faulter.setDaemon(true);
    faulter.start();
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("chaos-worker"));
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Worker worker = new Worker(w, terminals.get(w), end);
      done.add(pool.submit(worker::run));
    }
    for (var f : done) {
      f.get();
    }
    loading.set(false);
    faulter.join();
    pool.shutdown();
    long loadEnded = System.currentTimeMillis();
    System.out.printf(
        "Load done: %d payments asked, %d partner calls%n",
        ledger.byReference.size(), ledger.ops.size());

    Quiet quiet = new Quiet(this);
    Quiet.Result settled = quiet.settle(quietSeconds);
    GroundTruth truth = new GroundTruth(this, settled);
    List<GroundTruth.Violation> violations = truth.compare();
    long finished = System.currentTimeMillis();
    String kills =
        killLog != null && Files.exists(killLog) ? Files.readString(killLog).strip() : "";
    String report =
        new Report(this, settled, truth, violations, kills, started, loadEnded, finished)
            .markdown();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println(report);
    System.out.println("Written to " + out);
    violations.forEach(v -> System.out.println("VIOLATION " + v));
    keepEvidence(violations, settled);
    writeCalls();
    return violations.size();
  }

  /**
   * For each violation, what both sides hold, written while the servers still run: the payment, its
   * captures, refunds and timeline, Klarna's transaction and request, and the run's own calls.
   */
  private void keepEvidence(List<GroundTruth.Violation> violations, Quiet.Result settled)
      throws java.io.IOException {
    Path dir = out.toAbsolutePath().getParent().resolve("chaos-evidence");
    if (killLog != null) {
      dir = killLog.toAbsolutePath().getParent().resolve("chaos-evidence");
    }
    Files.createDirectories(dir);
    for (GroundTruth.Violation v : violations) {
      for (String id : v.paymentId().split(",\\s*")) {
        if (!id.startsWith("pay_")) {
          continue;
        }
        StringBuilder e = new StringBuilder();
        e.append("violation: ").append(v).append("\n\n");
        for (String path : List.of("", "/captures", "/refunds", "/timeline")) {
          e.append("GET /api/v1/payments/")
              .append(id)
              .append(path)
              .append("\n")
              .append(http.partner("GET", "/api/v1/payments/" + id + path, null, null).body())
              .append("\n\n");
        }
        e.append("Klarna transactions: ").append(settled.transactions().get(id)).append("\n\n");
        JsonObject payment = settled.payments().get(id);
        String pr = payment == null ? null : Quiet.requestId(payment);
        if (pr != null) {
          e.append("Klarna request: ").append(settled.requests().get(pr)).append("\n\n");
        }
        e.append("the run's calls and shopper actions:\n");
        String reference = payment == null ? null : payment.getString("reference");
        ledger.ops.stream()
            .filter(o -> id.equals(o.paymentId()) || o.reference().equals(reference))
            .forEach(
                o ->
                    e.append(Instant.ofEpochMilli(o.atMillis()))
                        .append(" ")
                        .append(o)
                        .append("\n"));
        ledger.shopper.stream()
            .filter(sh -> sh.reference().equals(reference))
            .forEach(
                sh ->
                    e.append(Instant.ofEpochMilli(sh.atMillis()))
                        .append(" ")
                        .append(sh)
                        .append("\n"));
        Files.writeString(dir.resolve(id + ".txt"), e.toString(), StandardCharsets.UTF_8);
      }
    }
    if (!violations.isEmpty()) {
      System.out.println("Evidence of each violation in " + dir);
    }
  }

  /** Every partner call and shopper action of the run, one a line, beside the kill log. */
  private void writeCalls() throws java.io.IOException {
    Path dir = (killLog != null ? killLog : out).toAbsolutePath().getParent();
    StringBuilder calls =
        new StringBuilder("at\treference\tpayment\tkind\treplay\tkey\tanswer\tid\tnote\n");
    for (Ledger.Op o : ledger.ops()) {
      calls
          .append(Instant.ofEpochMilli(o.atMillis()))
          .append('\t')
          .append(o.reference())
          .append('\t')
          .append(o.paymentId())
          .append('\t')
          .append(o.kind())
          .append('\t')
          .append(o.replay())
          .append('\t')
          .append(o.key())
          .append('\t')
          .append(o.label())
          .append('\t')
          .append(o.objectId())
          .append('\t')
          .append(o.note() == null ? "" : o.note().replace('\n', ' '))
          .append('\n');
    }
    for (Ledger.Shopper sh : ledger.shopper) {
      calls
          .append(Instant.ofEpochMilli(sh.atMillis()))
          .append('\t')
          .append(sh.reference())
          .append("\t\tshopper ")
          .append(sh.action())
          .append("\t\t\t")
          .append(sh.status())
          .append(' ')
          .append(sh.state())
          .append('\t')
          .append(sh.requestId())
          .append("\t\n");
    }
    Files.writeString(dir.resolve("chaos-calls.tsv"), calls.toString(), StandardCharsets.UTF_8);
  }

  /** One partner with its tills and its shoppers. */
  private final class Worker {
    final int index;
    final List<String> tills;
    final long end;
    final Random rnd;
    final List<Pay> mine = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    int n;

    Worker(int index, List<String> tills, long end) {
      this.index = index;
      this.tills = tills;
      this.end = end;
      this.rnd = new Random(seed * 1_000_003L + index);
    }

    void run() {
      while (System.currentTimeMillis() < end) {
        try {
          step();
        } catch (RuntimeException e) {
          System.err.println("worker " + index + ": " + e);
        }
        sleep(pauseMs);
      }
    }

    void step() {
      int roll = rnd.nextInt(100);
      if (roll < 12) {
        create("create in store (QR)", true, stepUpAmount());
      } else if (roll < 15) {
        create("create in store, approved at once", true, amountEnding(2));
      } else if (roll < 21) {
        create("create online, approved at once", false, amountEnding(2));
      } else if (roll < 23) {
        create("create online, declined", false, amountEnding(1));
      } else if (roll < 29) {
        create("create online (step-up)", false, stepUpAmount());
      } else if (roll < 50) {
        shopper();
      } else if (roll < 62) {
        capture();
      } else if (roll < 70) {
        refund();
      } else if (roll < 74) {
        release();
      } else if (roll < 79) {
        cancel();
      } else if (roll < 89) {
        replayLater();
      } else if (roll < 93) {
        burst();
      } else {
        read();
      }
    }

    long stepUpAmount() {
      long a = 1000 + rnd.nextInt(190) * 100L + 10 + rnd.nextInt(89);
      return a % 100 <= 2 ? a + 5 : a;
    }

    long amountEnding(int end2) {
      return (10 + rnd.nextInt(190)) * 100L + end2;
    }

    String key() {
      return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    void create(String kind, boolean inStore, long amount) {
      String reference = "chaos-" + seed + "-" + index + "-" + n++;
      String till = inStore ? tills.get(rnd.nextInt(tills.size())) : null;
      String body =
          inStore
              ? PaymentBodies.inStore(amount).reference(reference).terminal(till).json()
              : PaymentBodies.online(amount).reference(reference).store("store-001").json();
      Pay p = new Pay(reference, kind, amount, index, till);
      ledger.add(p);
      mine.add(p);
      send(new Sent(kind, p, "/api/v1/payments", body, key()), false);
    }

    /** Sends, records, maybe sends the very same request again at once. */
    Answer send(Sent s, boolean replay) {
      Answer a = call(s, replay);
      if (!replay && rnd.nextInt(100) < 15) {
        a = call(s, true);
      }
      sent.add(s);
      return a;
    }

    void shopper() {
      List<Pay> open =
          mine.stream()
              .filter(
                  p ->
                      p.requestId != null
                          && !p.completedByShopper
                          && (p.requestState == null || OPEN.contains(p.requestState)))
              .toList();
      if (open.isEmpty()) {
        create("create in store (QR)", true, stepUpAmount());
        return;
      }
      Pay p = open.get(rnd.nextInt(open.size()));
      int r = rnd.nextInt(100);
      String action;
      if (r < 55) {
        action = "complete";
      } else if (r < 75) {
        action = "open";
      } else if (r < 85) {
        action = "decline";
      } else if (r < 93) {
        action = "abort";
      } else {
        action = "expire";
      }
      if ("open".equals(action) && "IN_PROGRESS".equals(p.requestState)) {
        action = "complete";
      }
      if (("decline".equals(action) || "abort".equals(action))
          && !"IN_PROGRESS".equals(p.requestState)) {
        shopperAct(p, "open");
      }
      shopperAct(p, action);
    }

    void capture() {
      Pay p = pick(true);
      if (p == null) {
        create("create online, approved at once", false, amountEnding(2));
        return;
      }
      JsonObject amounts = amounts(p);
      long capturable = amounts == null ? 100 : amounts.getJsonNumber("capturable").longValue();
      String body = amountBody(capturable, null);
      send(new Sent("capture", p, "/api/v1/payments/" + p.id + "/captures", body, key()), false);
    }

    void refund() {
      Pay p = pick(false);
      if (p == null) {
        return;
      }
      JsonObject amounts = amounts(p);
      long refundable = amounts == null ? 100 : amounts.getJsonNumber("refundable").longValue();
      String captureId = null;
      if (rnd.nextInt(100) < 25) {
        Answer caps = http.partner("GET", "/api/v1/payments/" + p.id + "/captures", null, null);
        if (caps.json() != null && caps.json().containsKey("items")) {
          List<JsonObject> ok =
              caps.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                  .filter(c -> "succeeded".equals(c.getString("status", "")))
                  .toList();
          if (!ok.isEmpty()) {
            JsonObject c = ok.get(rnd.nextInt(ok.size()));
            captureId = c.getString("id");
            refundable = Math.min(refundable, c.getJsonNumber("amount").longValue());
          }
        }
      }
      String body = amountBody(refundable, captureId);
      send(new Sent("refund", p, "/api/v1/payments/" + p.id + "/refunds", body, key()), false);
    }

    /** All that is left (no amount), a part, or more than is left (a 409 expected). */
    String amountBody(long left, String captureId) {
      int r = rnd.nextInt(100);
      String extra = captureId == null ? "" : ",\"capture_id\":\"" + captureId + "\"";
      if (r < 20) {
        return captureId == null ? "{}" : "{" + extra.substring(1) + "}";
      }
      long amount =
          r < 35 || left <= 0
              ? Math.max(1, left) + 1 + rnd.nextInt(500)
              : 1 + (long) rnd.nextInt((int) Math.min(left, Integer.MAX_VALUE));
      return "{\"amount\":" + amount + extra + "}";
    }

    void release() {
      Pay p = pick(true);
      if (p != null) {
        send(new Sent("release", p, "/api/v1/payments/" + p.id + "/release", "{}", key()), false);
      }
    }

    void cancel() {
      List<Pay> known = mine.stream().filter(q -> q.id != null).toList();
      if (known.isEmpty()) {
        return;
      }
      List<Pay> open =
          known.stream()
              .filter(q -> q.requestState != null && OPEN.contains(q.requestState))
              .toList();
      Pay p =
          !open.isEmpty() && rnd.nextInt(100) < 75
              ? open.get(rnd.nextInt(open.size()))
              : known.get(rnd.nextInt(known.size()));
      send(new Sent("cancel", p, "/api/v1/payments/" + p.id + "/cancel", "{}", key()), false);
    }

    void replayLater() {
      if (sent.isEmpty()) {
        return;
      }
      call(sent.get(rnd.nextInt(sent.size())), true);
    }

    /** Two captures of one payment at once: the same key twice, or two keys. */
    void burst() {
      Pay p = pick(true);
      if (p == null) {
        return;
      }
      JsonObject amounts = amounts(p);
      long capturable = amounts == null ? 100 : amounts.getJsonNumber("capturable").longValue();
      boolean sameKey = rnd.nextBoolean();
      String path = "/api/v1/payments/" + p.id + "/captures";
      long half = Math.max(1, capturable / 2 + (rnd.nextBoolean() ? 1 : 0));
      Sent first = new Sent("capture (two at once)", p, path, "{\"amount\":" + half + "}", key());
      Sent second =
          sameKey
              ? first
              : new Sent("capture (two at once)", p, path, "{\"amount\":" + half + "}", key());
      var a = CompletableFuture.runAsync(() -> call(first, false), bursts);
      var b = CompletableFuture.runAsync(() -> call(second, sameKey), bursts);
      CompletableFuture.allOf(a, b).join();
      sent.add(first);
      if (!sameKey) {
        sent.add(second);
      }
    }

    void read() {
      Pay p = mine.isEmpty() ? null : mine.get(rnd.nextInt(mine.size()));
      if (p != null && p.id != null) {
        amounts(p);
      } else {
        http.partner("GET", "/api/v1/payments?size=20&page=" + rnd.nextInt(3), null, null);
      }
    }

    /** One of mine with an id, authorized as far as the run knows (or any with an id). */
    Pay pick(boolean manualFirst) {
      List<Pay> known = mine.stream().filter(q -> q.id != null).toList();
      if (known.isEmpty()) {
        return null;
      }
      List<Pay> preferred =
          known.stream()
              .filter(q -> !manualFirst || q.kind.startsWith("create online"))
              .filter(q -> !q.kind.contains("declined"))
              .toList();
      List<Pay> authorized = preferred.stream().filter(q -> "authorized".equals(q.status)).toList();
      if (!authorized.isEmpty() && rnd.nextInt(100) < 85) {
        preferred = authorized;
      }
      List<Pay> from = preferred.isEmpty() || rnd.nextInt(100) < 10 ? known : preferred;
      return from.get(rnd.nextInt(from.size()));
    }

    /** Reads the payment (recorded like every partner answer); its amounts, or null. */
    JsonObject amounts(Pay p) {
      Answer a = http.partner("GET", "/api/v1/payments/" + p.id, null, null);
      record("read", p, null, false, a);
      if (a.status() == 200 && a.json() != null) {
        JsonObject klarna = a.json().getJsonObject("klarna");
        if (klarna != null && klarna.get("state") instanceof jakarta.json.JsonString s) {
          // the gateway's view may lag the shopper's: it only tells of an end the run did not make
          // (a superseded or canceled request), never moves what the run saw back to open
          boolean runSawOpen = p.requestState == null || OPEN.contains(p.requestState);
          if (runSawOpen && !OPEN.contains(s.getString()) && !p.completedByShopper) {
            p.requestState = s.getString();
          }
        }
        return a.json().getJsonObject("amounts");
      }
      return null;
    }
  }

  /** A partner POST as first sent: a replay sends exactly this again. */
  record Sent(String kind, Pay pay, String path, String body, String key) {}

  Answer call(Sent s, boolean replay) {
    Answer a = http.partner("POST", s.path(), s.body(), s.key());
    record(s.kind(), s.pay(), s.key(), replay, a);
    return a;
  }

  void record(String kind, Pay p, String key, boolean replay, Answer a) {
    String objectId = null;
    if (a.json() != null) {
      objectId = a.string("id");
      if (objectId == null) {
        objectId = a.string("payment_id");
      }
    }
    if (kind.startsWith("create") && a.json() != null) {
      String id = a.string("id") != null ? a.string("id") : a.string("payment_id");
      if (id != null && id.startsWith("pay_") && p.id == null) {
        p.id = id;
      }
      JsonObject klarna = a.json().containsKey("klarna") ? a.json().getJsonObject("klarna") : null;
      if (klarna != null
          && klarna.get("payment_request_id") instanceof jakarta.json.JsonString pr) {
        if (p.requestId == null) {
          p.requestId = pr.getString();
          p.requestState =
              klarna.get("state") instanceof jakarta.json.JsonString st
                  ? st.getString()
                  : "SUBMITTED";
        }
      }
    }
    boolean paymentBody =
        kind.startsWith("create")
            || kind.equals("read")
            || kind.equals("release")
            || kind.equals("cancel");
    if (paymentBody && a.status() < 300 && !a.bodyStatus().isEmpty()) {
      p.status = a.bodyStatus();
    }
    String paymentId = p.id;
    if (a.json() != null && a.string("payment_id") != null) {
      paymentId = a.string("payment_id");
    }
    String note =
        a.status() >= 400 && a.json() != null ? a.json().getString("detail", "") : a.error();
    ledger.record(
        new Ledger.Op(
            kind,
            p.reference,
            paymentId,
            key,
            replay,
            a.status(),
            a.label(),
            a.status() < 300 ? a.bodyStatus() : "",
            objectId,
            System.currentTimeMillis(),
            note));
  }

  void shopperAct(Pay p, String action) {
    Answer a =
        http.sandbox("POST", "/sandbox/payment-requests/" + p.requestId + "/" + action, null);
    String state = a.string("state");
    if (a.status() == 200 && state != null) {
      p.requestState = state;
      if ("complete".equals(action) && "COMPLETED".equals(state)) {
        p.completedByShopper = true;
      }
    } else if (a.status() == 409 && a.string("error_message") != null) {
      // "The payment request is CANCELED and cannot become COMPLETED."
      var m =
          java.util.regex.Pattern.compile("is ([A-Z_]+) and cannot")
              .matcher(a.string("error_message"));
      if (m.find()) {
        p.requestState = m.group(1);
      }
    } else if (a.status() == 404) {
      p.requestState = "GONE";
    }
    ledger.shopper.add(
        new Ledger.Shopper(
            p.reference, p.requestId, action, a.status(), state, System.currentTimeMillis()));
  }

  /** Sandbox faults switched on at random while the load runs, each on the next 1 to 3 calls. */
  void switchFaults(long end) {
    Random rnd = new Random(seed ^ 0x5EEDFA017L);
    String[] operations = {
      "authorize", "final_authorize", "read", "cancel", "capture", "refund", "void", "webhook"
    };
    String[] apiKinds = {"HTTP_500_AFTER_COMMIT", "HTTP_500", "TIMEOUT", "RATE_LIMIT", "DELAY"};
    String[] webhookKinds = {"DUPLICATE", "REORDER", "DELAY", "BAD_SIGNATURE", "FAIL_DELIVERY"};
    while (System.currentTimeMillis() < end) {
      sleep(1000 + rnd.nextInt(2500));
      if (System.currentTimeMillis() >= end) {
        break;
      }
      String operation = operations[rnd.nextInt(operations.length)];
      String kind =
          operation.equals("webhook")
              ? webhookKinds[rnd.nextInt(webhookKinds.length)]
              : apiKinds[rnd.nextInt(apiKinds.length)];
      int times = 1 + rnd.nextInt(3);
      long delay = kind.equals("DELAY") || kind.equals("TIMEOUT") ? 500 + rnd.nextInt(7000) : 0;
      Answer a =
          http.sandbox(
              "POST",
              "/sandbox/faults",
              "{\"operation\":\""
                  + operation
                  + "\",\"fault\":\""
                  + kind
                  + "\",\"times\":"
                  + times
                  + ",\"delay_ms\":"
                  + delay
                  + "}");
      if (a.status() == 200) {
        ledger.faults.add(
            new Ledger.Fault(operation, kind, times, delay, System.currentTimeMillis()));
      } else {
        System.err.println(
            "fault " + operation + "/" + kind + " refused: " + a.status() + " " + a.body());
      }
    }
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

  static LinkedHashMap<String, Integer> sorted(Map<String, Integer> m) {
    LinkedHashMap<String, Integer> s = new LinkedHashMap<>();
    m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.put(e.getKey(), e.getValue()));
    return s;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static String require(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
