package com.stepup.gateway.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./cluster.sh kill}: in-store sales through the balancer for {@code --seconds} while the
 * script kills one instance and starts it again; then every payment followed to its end, and
 * Klarna's side counted for what was lost or doubled. A till whose call fails sends it again with
 * the same {@code Idempotency-Key}, as a till should.
 */
final class KillUnderLoad {

  /** What a run measured, all the report says. */
  record Figures(
      Instant at,
      Settings settings,
      String kills,
      int created,
      int failedCreates,
      int retried,
      long authorized,
      long otherFinal,
      Map<String, Long> byStatus,
      Map<String, Integer> failures,
      int lost,
      long doubled) {}

  /** Up to 150 s of attempts, 0.5 s apart: past the 120 s a dead call keeps its key. */
  private static final int ATTEMPTS = 300;

  private final Settings settings;
  private final GatewayClient client;

  KillUnderLoad(Settings settings) {
    this.settings = settings;
    this.client = settings.client();
  }

  String run() throws Exception {
    List<String> tills =
        InStoreSales.terminals(client, client.demoStore(), "kill-", settings.workers());
    List<String> created = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failedCreates = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    long end = System.nanoTime() + settings.measure().toNanos();
    InStoreSales.inParallel(
        tills.size(),
        worker -> {
          int n = 0;
          while (System.nanoTime() < end) {
            String body =
                InStoreSales.body(tills.get(worker), 1000 + (worker * 1000 + n++) % 9000 * 10);
            HttpResponse<String> r = createRetrying(body, retried);
            if (r == null || r.statusCode() != 201) {
              failedCreates.incrementAndGet();
              failures.merge(r == null ? "no answer" : "HTTP " + r.statusCode(), 1, Integer::sum);
              continue;
            }
            JsonObject p = GatewayClient.json(r.body());
            created.add(p.getString("id"));
            String pr = p.getJsonObject("klarna").getString("payment_request_id");
            client.shopper(pr, "open");
            client.shopper(pr, "complete");
          }
        });
    Map<String, String> status = followToTheEnd(created);
    List<String> open =
        created.stream().filter(id -> !status.containsKey(id) || notFinal(status.get(id))).toList();
    long authorized = status.values().stream().filter("authorized"::equals).count();
    Map<String, Long> byStatus = new TreeMap<>();
    status.values().forEach(v -> byStatus.merge(v, 1L, Long::sum));
    String kills = settings.killLog() == null ? "" : Files.readString(settings.killLog()).strip();
    return report(
            new Figures(
                Instant.now(),
                settings,
                kills,
                created.size(),
                failedCreates.get(),
                retried.get(),
                authorized,
                status.size() - authorized - open.size(),
                byStatus,
                failures,
                open.size(),
                doubled(Set.copyOf(created))))
        .toString();
  }

  /** A create sent again with the same key while the answer is none, a 5xx or a 409. */
  private HttpResponse<String> createRetrying(String body, AtomicInteger retried) {
    String key = UUID.randomUUID().toString();
    HttpResponse<String> r = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        r = client.create(body, key);
        if (r.statusCode() == 201 || r.statusCode() < 500 && r.statusCode() != 409) {
          return r;
        }
      } catch (RuntimeException e) {
        r = null;
      }
      retried.incrementAndGet();
      sleep(500);
    }
    return r;
  }

  /**
   * Each payment read through the balancer until it is final, for up to 180 s: the janitor and the
   * inbox finish what a dead instance left. Answers the last status read of each.
   */
  private Map<String, String> followToTheEnd(List<String> created) {
    Map<String, String> status = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    List<String> open = new ArrayList<>(created);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      List<String> still = new ArrayList<>();
      for (String id : open) {
        try {
          HttpResponse<String> r = client.partner("GET", "/api/v1/payments/" + id, null, null);
          String s =
              r.statusCode() == 200 ? GatewayClient.json(r.body()).getString("status") : "unknown";
          status.put(id, s);
          if (notFinal(s)) {
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
    return status;
  }

  private static boolean notFinal(String status) {
    return status.equals("pending") || status.equals("unknown");
  }

  /**
   * Klarna's side: more than one transaction for one payment is a double authorization, more than
   * one capture in one transaction a double charge.
   */
  private long doubled(Set<String> ours) {
    Map<String, Integer> transactionsPer = new HashMap<>();
    int doubleCaptures = 0;
    for (JsonObject t : client.sandboxTransactions()) {
      String ref = t.getString("payment_transaction_reference", "");
      if (ours.contains(ref)) {
        transactionsPer.merge(ref, 1, Integer::sum);
        if (t.getJsonArray("payment_captures").size() > 1) {
          doubleCaptures++;
        }
      }
    }
    return transactionsPer.values().stream().filter(c -> c > 1).count() + doubleCaptures;
  }

  static MarkdownReport report(Figures f) {
    return new MarkdownReport("Kill a node under load")
        .paragraph(
            "Written by `./cluster.sh kill` (",
            BenchMain.class.getName(),
            ") on ",
            OneServer.at(f.at()),
            ".")
        .bullets(
            "two gateway instances behind HAProxy on one PostgreSQL, the Klarna sandbox apart; "
                + f.settings().workers()
                + " tills selling in store for "
                + f.settings().measure().toSeconds()
                + " s",
            "what the script did: " + f.kills().replace("\n", "; "))
        .table(
            MarkdownReport.Table.text("figure")
                .numbers("value")
                .row("payments created", f.created())
                .row("creates that failed even after retries", f.failedCreates())
                .row("calls sent again (same Idempotency-Key)", f.retried())
                .row("authorized", f.authorized())
                .row("other final status", f.otherFinal())
                .row("payments by status at the end", f.byStatus())
                .row(
                    "creates that failed, by last answer (the till gave up; a payment it made may be"
                        + " pending)",
                    f.failures())
                .row("**lost** (never reached a final status)", "**" + f.lost() + "**")
                .row(
                    "**doubled** (more than one final authorization or capture at Klarna)",
                    "**" + f.doubled() + "**"))
        .paragraph(
            "Each sale is approved at the sandbox right after it is created; the payment is then"
                + " followed through the balancer until it is final (up to 180 s after the load ends).");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
