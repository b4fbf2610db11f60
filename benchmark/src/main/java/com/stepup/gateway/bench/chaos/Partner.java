package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.PaymentBodies;
import com.stepup.gateway.bench.chaos.Http.Answer;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import com.stepup.gateway.bench.chaos.Recorder.Sent;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One partner of the chaos run with its two tills and its shoppers: until the load ends, a random
 * step (a create of one kind or another, a shopper's action, a capture, a refund, a release, a
 * cancel, a replay, two captures at once, a read), then a pause. Its choices come from its own
 * {@link Random}, seeded from the run's seed and its index.
 */
final class Partner {

  private final int index;
  private final long seed;
  private final List<String> tills;
  private final long end;
  private final long pauseMs;
  private final Recorder recorder;
  private final ExecutorService bursts;
  private final Random rnd;
  private final List<Pay> mine = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();
  private int n;

  Partner(
      int index,
      long seed,
      List<String> tills,
      long end,
      long pauseMs,
      Recorder recorder,
      ExecutorService bursts) {
    this.index = index;
    this.seed = seed;
    this.tills = tills;
    this.end = end;
    this.pauseMs = pauseMs;
    this.recorder = recorder;
    this.bursts = bursts;
    this.rnd = new Random(seed * 1_000_003L + index);
  }

  void run() {
    while (System.currentTimeMillis() < end) {
      try {
        step();
      } catch (RuntimeException e) {
        System.err.println("worker " + index + ": " + e);
      }
      ChaosRun.sleep(pauseMs);
    }
  }

  private void step() {
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

  /** An amount the sandbox asks the shopper to approve (it does not end in 00, 01 or 02). */
  private long stepUpAmount() {
    long a = 1000 + rnd.nextInt(190) * 100L + 10 + rnd.nextInt(89);
    return a % 100 <= 2 ? a + 5 : a;
  }

  /** An amount ending in {@code end2}: 02 approved at once, 01 declined by the sandbox. */
  private long amountEnding(int end2) {
    return (10 + rnd.nextInt(190)) * 100L + end2;
  }

  private String key() {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }

  private void create(String kind, boolean inStore, long amount) {
    String reference = "chaos-" + seed + "-" + index + "-" + n++;
    String till = inStore ? tills.get(rnd.nextInt(tills.size())) : null;
    String body =
        inStore
            ? PaymentBodies.inStore(amount).reference(reference).terminal(till).json()
            : PaymentBodies.online(amount).reference(reference).store("store-001").json();
    Pay p = new Pay(reference, kind, amount, index, till);
    recorder.ledger.add(p);
    mine.add(p);
    send(new Sent(kind, p, "/api/v1/payments", body, key()));
  }

  /** Sends, records, maybe sends the very same request again at once. */
  private Answer send(Sent s) {
    Answer a = recorder.call(s, false);
    if (rnd.nextInt(100) < 15) {
      a = recorder.call(s, true);
    }
    sent.add(s);
    return a;
  }

  private void shopper() {
    List<Pay> open =
        mine.stream()
            .filter(
                p ->
                    p.requestId != null
                        && !p.completedByShopper
                        && (p.requestState == null || Recorder.OPEN.contains(p.requestState)))
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
      recorder.shopper(p, "open");
    }
    recorder.shopper(p, action);
  }

  private void capture() {
    Pay p = pick(true);
    if (p == null) {
      create("create online, approved at once", false, amountEnding(2));
      return;
    }
    JsonObject amounts = amounts(p);
    long capturable = amounts == null ? 100 : amounts.getJsonNumber("capturable").longValue();
    String body = amountBody(capturable, null);
    send(new Sent("capture", p, "/api/v1/payments/" + p.id + "/captures", body, key()));
  }

  private void refund() {
    Pay p = pick(false);
    if (p == null) {
      return;
    }
    JsonObject amounts = amounts(p);
    long refundable = amounts == null ? 100 : amounts.getJsonNumber("refundable").longValue();
    String captureId = null;
    if (rnd.nextInt(100) < 25) {
      Answer caps =
          recorder.http.partner("GET", "/api/v1/payments/" + p.id + "/captures", null, null);
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
    send(new Sent("refund", p, "/api/v1/payments/" + p.id + "/refunds", body, key()));
  }

  /** All that is left (no amount), a part, or more than is left (a 409 expected). */
  private String amountBody(long left, String captureId) {
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

  private void release() {
    Pay p = pick(true);
    if (p != null) {
      send(new Sent("release", p, "/api/v1/payments/" + p.id + "/release", "{}", key()));
    }
  }

  private void cancel() {
    List<Pay> known = mine.stream().filter(q -> q.id != null).toList();
    if (known.isEmpty()) {
      return;
    }
    List<Pay> open =
        known.stream()
            .filter(q -> q.requestState != null && Recorder.OPEN.contains(q.requestState))
            .toList();
    Pay p =
        !open.isEmpty() && rnd.nextInt(100) < 75
            ? open.get(rnd.nextInt(open.size()))
            : known.get(rnd.nextInt(known.size()));
    send(new Sent("cancel", p, "/api/v1/payments/" + p.id + "/cancel", "{}", key()));
  }

  private void replayLater() {
    if (sent.isEmpty()) {
      return;
    }
    recorder.call(sent.get(rnd.nextInt(sent.size())), true);
  }

  /** Two captures of one payment at once: the same key twice, or two keys. */
  private void burst() {
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
    var a = CompletableFuture.runAsync(() -> recorder.call(first, false), bursts);
    var b = CompletableFuture.runAsync(() -> recorder.call(second, sameKey), bursts);
    CompletableFuture.allOf(a, b).join();
    sent.add(first);
    if (!sameKey) {
      sent.add(second);
    }
  }

  private void read() {
    Pay p = mine.isEmpty() ? null : mine.get(rnd.nextInt(mine.size()));
    if (p != null && p.id != null) {
      amounts(p);
    } else {
      recorder.http.partner("GET", "/api/v1/payments?size=20&page=" + rnd.nextInt(3), null, null);
    }
  }

  /** One of mine with an id, authorized as far as the run knows (or any with an id). */
  private Pay pick(boolean manualFirst) {
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

  /** Reads the payment; its amounts, or null. */
  private JsonObject amounts(Pay p) {
    Answer a = recorder.read(p);
    if (a.status() == 200 && a.json() != null) {
      Recorder.learnRead(p, a.json());
      return a.json().getJsonObject("amounts");
    }
    return null;
  }
}
