package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Http.Answer;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the load: faults cleared, every request no shopper of the run completed expired at the
 * sandbox, then wait until no payment and no capture or refund is {@code pending}; then everything
 * read once more, from both sides.
 */
final class Quiet {

  /** What both sides hold once quiet (or once the wait ran out). */
  record Result(
      Map<String, JsonObject> payments,
      Map<String, List<JsonObject>> captures,
      Map<String, List<JsonObject>> refunds,
      Map<String, List<JsonObject>> transactions,
      Map<String, JsonObject> requests,
      int expiredAtSandbox,
      long quietMillis,
      boolean quiet) {}

  private final Http http;
  private final Ledger ledger;
  private final long seed;

  Quiet(Http http, Ledger ledger, long seed) {
    this.http = http;
    this.ledger = ledger;
    this.seed = seed;
  }

  Result settle(long maxSeconds) {
    long started = System.currentTimeMillis();
    Answer cleared = http.sandbox("DELETE", "/sandbox/faults", null);
    System.out.println("Faults cleared: " + cleared.status());
    Set<String> completed = new HashSet<>();
    Set<String> expired = new HashSet<>();
    for (Pay p : ledger.byReference.values()) {
      if (p.completedByShopper && p.requestId != null) {
        completed.add(p.requestId);
      }
    }
    int expiredAtSandbox = 0;
    for (Pay p : ledger.byReference.values()) {
      if (p.requestId != null && !completed.contains(p.requestId) && expired.add(p.requestId)) {
        expiredAtSandbox += expire(p.requestId);
      }
    }
    long deadline = started + maxSeconds * 1000;
    Map<String, JsonObject> payments = Map.of();
    Map<String, List<JsonObject>> captures = new HashMap<>();
    Map<String, List<JsonObject>> refunds = new HashMap<>();
    boolean quiet = false;
    while (System.currentTimeMillis() < deadline) {
      payments = listAll();
      int pending = 0;
      for (JsonObject p : payments.values()) {
        if (!"pending".equals(p.getString("status"))) {
          continue;
        }
        pending++;
        String pr = requestId(p);
        if (pr != null && !completed.contains(pr) && expired.add(pr)) {
          expiredAtSandbox += expire(pr);
        }
      }
      int pendingOps = 0;
      if (pending == 0) {
        for (JsonObject p : payments.values()) {
          String id = p.getString("id");
          if (!"authorized".equals(p.getString("status"))
              && (p.getJsonObject("klarna").isNull("payment_transaction_id"))) {
            continue;
          }
          if (!captures.containsKey(id)
              || hasPending(captures.get(id))
              || hasPending(refunds.get(id))) {
            captures.put(id, items("/api/v1/payments/" + id + "/captures"));
            refunds.put(id, items("/api/v1/payments/" + id + "/refunds"));
          }
          if (hasPending(captures.get(id)) || hasPending(refunds.get(id))) {
            pendingOps++;
          }
        }
      }
      System.out.printf(
          "Quiet %d s: %d payments, %d pending, %d with a pending capture or refund%n",
          (System.currentTimeMillis() - started) / 1000, payments.size(), pending, pendingOps);
      if (pending == 0 && pendingOps == 0) {
        quiet = true;
        break;
      }
      ChaosRun.sleep(3000);
    }
    long quietMillis = System.currentTimeMillis() - started;
    // a last read of everything, both sides
    payments = listAll();
    captures.clear();
    refunds.clear();
    for (JsonObject p : payments.values()) {
      String id = p.getString("id");
      captures.put(id, items("/api/v1/payments/" + id + "/captures"));
      refunds.put(id, items("/api/v1/payments/" + id + "/refunds"));
    }
    Map<String, List<JsonObject>> transactions = new HashMap<>();
    Answer all = http.sandbox("GET", "/sandbox/payment-transactions", null);
    if (all.json() != null) {
      for (JsonObject t :
          all.json().getJsonArray("payment_transactions").getValuesAs(JsonObject.class)) {
        transactions
            .computeIfAbsent(
                t.getString("payment_transaction_reference", ""), k -> new ArrayList<>())
            .add(t);
      }
    } else {
      throw new IllegalStateException("GET /sandbox/payment-transactions: " + all.status());
    }
    Map<String, JsonObject> requests = new HashMap<>();
    for (Pay p : ledger.byReference.values()) {
      if (p.requestId != null) {
        Answer r =
            http.sandbox(
                "GET",
                "/v2/accounts/" + ChaosRun.ACCOUNT + "/payment/requests/" + p.requestId,
                null);
        if (r.json() != null && r.status() == 200) {
          requests.put(p.requestId, r.json());
        }
      }
    }
    return new Result(
        payments, captures, refunds, transactions, requests, expiredAtSandbox, quietMillis, quiet);
  }

  private int expire(String requestId) {
    Answer a = http.sandbox("POST", "/sandbox/payment-requests/" + requestId + "/expire", null);
    return a.status() == 200 ? 1 : 0;
  }

  static String requestId(JsonObject payment) {
    JsonObject k = payment.getJsonObject("klarna");
    return k == null || !(k.get("payment_request_id") instanceof JsonString s)
        ? null
        : s.getString();
  }

  private static boolean hasPending(List<JsonObject> ops) {
    return ops != null && ops.stream().anyMatch(o -> "pending".equals(o.getString("status", "")));
  }

  /** Every payment of the run, by id (all pages; nothing is created meanwhile). */
  private Map<String, JsonObject> listAll() {
    Map<String, JsonObject> all = new LinkedHashMap<>();
    for (int page = 0; page < 1000; page++) {
      Answer a = get("/api/v1/payments?size=100&page=" + page);
      List<JsonObject> items = a.json().getJsonArray("items").getValuesAs(JsonObject.class);
      for (JsonObject p : items) {
        if (p.getString("reference", "").startsWith("chaos-" + seed + "-")) {
          all.put(p.getString("id"), p);
        }
      }
      if (items.size() < 100) {
        break;
      }
    }
    return all;
  }

  private List<JsonObject> items(String path) {
    return get(path).json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  /** A GET that must succeed: tried again for up to a minute (an instance may be starting). */
  private Answer get(String path) {
    Answer a = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      a = http.partner("GET", path, null, null);
      if (a.status() == 200 && a.json() != null) {
        return a;
      }
      ChaosRun.sleep(1000);
    }
    throw new IllegalStateException("GET " + path + ": " + a.status() + " " + a.body());
  }
}
