package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Ledger.Op;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every payment of the run compared with the sandbox, Klarna's ground truth; each difference named.
 */
final class GroundTruth {

  record Violation(String paymentId, String rule, String detail) {
    @Override
    public String toString() {
      return paymentId + " [" + rule + "] " + detail;
    }
  }

  private final ChaosRun run;
  private final Quiet.Result q;
  final Map<String, Integer> byStatus = new TreeMap<>();
  final Map<String, Integer> byTransactionState = new TreeMap<>();
  int transactions;
  int lateApprovalsReleased;
  int completedByShopper;

  GroundTruth(ChaosRun run, Quiet.Result settled) {
    this.run = run;
    this.q = settled;
  }

  List<Violation> compare() {
    List<Violation> v = new ArrayList<>();
    Map<String, Pay> byReference = run.ledger.byReference;
    List<Op> ops = run.ledger.ops();
    Map<String, List<Op>> opsByReference = new HashMap<>();
    ops.forEach(o -> opsByReference.computeIfAbsent(o.reference(), k -> new ArrayList<>()).add(o));
    Map<String, List<String>> paymentsByReference = new HashMap<>();

    if (!q.quiet()) {
      v.add(
          new Violation(
              "-", "not quiet", "payments or operations were still pending when the wait ended"));
    }
    for (JsonObject g : q.payments().values()) {
      String id = g.getString("id");
      String reference = g.getString("reference");
      paymentsByReference.computeIfAbsent(reference, k -> new ArrayList<>()).add(id);
      String status = g.getString("status");
      ChaosRun.count(byStatus, status);
      JsonObject amounts = g.getJsonObject("amounts");
      JsonObject klarna = g.getJsonObject("klarna");
      String gatewayTx = string(klarna, "payment_transaction_id");
      String gatewayTxState = string(klarna, "transaction_state");
      List<JsonObject> txs = q.transactions().getOrDefault(id, List.of());
      transactions += txs.size();
      if (txs.size() > 1) {
        v.add(
            new Violation(
                id, "one transaction per payment", "Klarna holds " + txs.size() + " transactions"));
      }
      JsonObject tx = txs.isEmpty() ? null : txs.get(0);
      if (tx != null) {
        ChaosRun.count(byTransactionState, tx.getString("state"));
      }
      long kAmount = tx == null ? 0 : tx.getJsonNumber("amount").longValue();
      long kCaptured = tx == null ? 0 : tx.getJsonNumber("captured_amount").longValue();
      long kRefunded = tx == null ? 0 : tx.getJsonNumber("refunded_amount").longValue();
      String kState = tx == null ? null : tx.getString("state");
      long gAuthorized = amounts.getJsonNumber("authorized").longValue();
      long gCaptured = amounts.getJsonNumber("captured").longValue();
      long gRefunded = amounts.getJsonNumber("refunded").longValue();
      long gCapturable = amounts.getJsonNumber("capturable").longValue();

      // authorized ⇔ Klarna holds its transaction
      if ("authorized".equals(status) && tx == null) {
        v.add(
            new Violation(
                id,
                "authorized ⇔ transaction",
                "the gateway says authorized; Klarna holds no transaction"));
      }
      if (!"authorized".equals(status) && tx != null) {
        boolean nothingHeld = !"AUTHORIZED".equals(kState) && kCaptured - kRefunded == 0;
        if (nothingHeld) {
          lateApprovalsReleased++;
        } else {
          v.add(
              new Violation(
                  id,
                  "authorized ⇔ transaction",
                  "the gateway says "
                      + status
                      + "; Klarna holds "
                      + kState
                      + " amount "
                      + kAmount
                      + " captured "
                      + kCaptured
                      + " refunded "
                      + kRefunded));
        }
      }
      // the same money on both sides
      if (tx != null && "authorized".equals(status)) {
        if (!tx.getString("payment_transaction_id").equals(gatewayTx)) {
          v.add(
              new Violation(
                  id,
                  "same transaction",
                  "gateway " + gatewayTx + ", Klarna " + tx.getString("payment_transaction_id")));
        }
        if (gAuthorized != kAmount
            || gCaptured != kCaptured
            || gRefunded != kRefunded
            || !kState.equals(gatewayTxState)) {
          v.add(
              new Violation(
                  id,
                  "amounts and state equal Klarna's",
                  String.format(
                      "gateway authorized %d captured %d refunded %d %s; Klarna %d captured %d refunded %d %s",
                      gAuthorized,
                      gCaptured,
                      gRefunded,
                      gatewayTxState,
                      kAmount,
                      kCaptured,
                      kRefunded,
                      kState)));
        }
      }
      if (tx == null && gatewayTx != null) {
        v.add(
            new Violation(
                id, "same transaction", "the gateway names " + gatewayTx + "; Klarna holds none"));
      }
      if (gCaptured > gAuthorized
          || gRefunded > gCaptured
          || kCaptured > kAmount
          || kRefunded > kCaptured) {
        v.add(
            new Violation(
                id,
                "captured ≤ authorized, refunded ≤ captured",
                String.format(
                    "gateway %d/%d/%d, Klarna %d/%d/%d",
                    gAuthorized, gCaptured, gRefunded, kAmount, kCaptured, kRefunded)));
      }
      // nothing left pending
      List<JsonObject> caps = q.captures().getOrDefault(id, List.of());
      List<JsonObject> refs = q.refunds().getOrDefault(id, List.of());
      if ("pending".equals(status)) {
        v.add(
            new Violation(
                id,
                "nothing pending",
                "the payment is still pending (Klarna request " + Quiet.requestId(g) + ")"));
      }
      long pendingCaps = caps.stream().filter(c -> "pending".equals(c.getString("status"))).count();
      long pendingRefs = refs.stream().filter(c -> "pending".equals(c.getString("status"))).count();
      if (pendingCaps + pendingRefs > 0) {
        v.add(
            new Violation(
                id,
                "nothing pending",
                pendingCaps + " capture(s) and " + pendingRefs + " refund(s) still pending"));
      }
      if ("AUTHORIZED".equals(gatewayTxState)
          && pendingCaps == 0
          && gCapturable != gAuthorized - gCaptured) {
        v.add(
            new Violation(
                id,
                "nothing pending",
                "capturable "
                    + gCapturable
                    + " of "
                    + (gAuthorized - gCaptured)
                    + " uncaptured: something (a release?) still holds"));
      }
      // every Klarna capture and refund is one the gateway knows of (a late approval's refund is
      // recorded as its release)
      if (tx != null && "authorized".equals(status)) {
        Set<String> known = new HashSet<>();
        caps.forEach(c -> known.add(c.getString("klarna_capture_id", "")));
        refs.forEach(r -> known.add(r.getString("klarna_refund_id", "")));
        boolean automatic = "automatic".equals(g.getString("capture_mode"));
        int unknownCaptures = 0;
        for (JsonObject c : tx.getJsonArray("payment_captures").getValuesAs(JsonObject.class)) {
          if (!known.contains(c.getString("payment_capture_id"))) {
            unknownCaptures++;
          }
        }
        if (unknownCaptures > (automatic ? 1 : 0)) {
          v.add(
              new Violation(
                  id,
                  "every Klarna effect known",
                  unknownCaptures + " Klarna capture(s) the gateway has no record of"));
        }
        for (JsonObject r : tx.getJsonArray("payment_refunds").getValuesAs(JsonObject.class)) {
          if (!known.contains(r.getString("payment_refund_id"))) {
            v.add(
                new Violation(
                    id,
                    "every Klarna effect known",
                    "Klarna refund "
                        + r.getString("payment_refund_id")
                        + " the gateway has no record of"));
          }
        }
      }
      // an Idempotency-Key never starts a second operation
      List<Op> mine = opsByReference.getOrDefault(reference, List.of());
      long captureKeys =
          mine.stream().filter(o -> o.kind().startsWith("capture")).map(Op::key).distinct().count();
      long refundKeys =
          mine.stream().filter(o -> o.kind().startsWith("refund")).map(Op::key).distinct().count();
      long gatewayCaptures =
          caps.stream().filter(c -> !"failed".equals(c.getString("status"))).count();
      long gatewayRefunds =
          refs.stream().filter(c -> !"failed".equals(c.getString("status"))).count();
      boolean automatic = "automatic".equals(g.getString("capture_mode"));
      if (gatewayCaptures > captureKeys + (automatic ? 1 : 0)) {
        v.add(
            new Violation(
                id,
                "one operation per Idempotency-Key",
                gatewayCaptures + " captures from " + captureKeys + " keys"));
      }
      if (gatewayRefunds > refundKeys) {
        v.add(
            new Violation(
                id,
                "one operation per Idempotency-Key",
                gatewayRefunds + " refunds from " + refundKeys + " keys"));
      }
      // never failed or declined for a payment Klarna authorized
      if (tx != null) {
        for (Op o : mine) {
          boolean aboutPayment =
              o.kind().startsWith("create")
                  || o.kind().equals("cancel")
                  || o.kind().equals("release")
                  || o.kind().equals("read");
          if (aboutPayment
              && o.status() < 300
              && ("failed".equals(o.bodyStatus()) || "declined".equals(o.bodyStatus()))) {
            v.add(
                new Violation(
                    id,
                    "never failed/declined when Klarna authorized",
                    o.kind()
                        + (o.replay() ? " (replay)" : "")
                        + " answered "
                        + o.label()
                        + " at "
                        + java.time.Instant.ofEpochMilli(o.atMillis())
                        + "; Klarna holds "
                        + kState));
          }
        }
      }
      // a sale the shopper completed ends authorized and is never canceled at Klarna
      Pay p = byReference.get(reference);
      if (p != null && p.completedByShopper) {
        completedByShopper++;
        JsonObject request = q.requests().get(p.requestId);
        String requestState = request == null ? "unread" : request.getString("state");
        if ("CANCELED".equals(requestState)) {
          v.add(
              new Violation(
                  id,
                  "a completed request is never canceled",
                  "the shopper completed "
                      + p.requestId
                      + "; Klarna holds it CANCELED ("
                      + request.getString("state_reason", "")
                      + ")"));
        }
        if (!"authorized".equals(status)) {
          v.add(
              new Violation(
                  id,
                  "no approved sale lost",
                  "the shopper completed "
                      + p.requestId
                      + " (Klarna: "
                      + requestState
                      + "); the payment is "
                      + status));
        }
      }
    }
    // one payment per create key; every answered payment exists
    paymentsByReference.forEach(
        (reference, ids) -> {
          if (ids.size() > 1) {
            v.add(
                new Violation(
                    String.join(", ", ids),
                    "one operation per Idempotency-Key",
                    "one create (reference " + reference + ") made " + ids.size() + " payments"));
          }
        });
    for (Op o : ops) {
      if (o.kind().startsWith("create")
          && o.status() == 201
          && !paymentsByReference.containsKey(o.reference())) {
        v.add(
            new Violation(
                String.valueOf(o.objectId()),
                "every answered payment exists",
                "answered 201 for " + o.reference() + "; the gateway lists no such payment"));
      }
    }
    // a replay answers the same operation
    Map<String, Set<String>> idsByKey = new HashMap<>();
    Map<String, String> paymentOfKey = new HashMap<>();
    for (Op o : ops) {
      if (o.key() == null || o.objectId() == null) {
        continue;
      }
      if (o.status() < 300 || o.kind().startsWith("create")) {
        idsByKey
            .computeIfAbsent(
                o.kind().replace(" (two at once)", "") + " " + o.key(), k -> new HashSet<>())
            .add(o.objectId());
        paymentOfKey.put(
            o.kind().replace(" (two at once)", "") + " " + o.key(), String.valueOf(o.paymentId()));
      }
    }
    idsByKey.forEach(
        (key, ids) -> {
          if (ids.size() > 1) {
            v.add(
                new Violation(
                    paymentOfKey.get(key),
                    "a replay answers the same operation",
                    "Idempotency-Key " + key + " answered " + ids));
          }
        });
    // every Klarna transaction belongs to a payment the gateway knows
    q.transactions()
        .forEach(
            (reference, txs) -> {
              if (reference.startsWith("pay_") && !q.payments().containsKey(reference)) {
                boolean ours =
                    run.ledger.ops.stream().anyMatch(o -> reference.equals(o.paymentId()));
                if (ours) {
                  v.add(
                      new Violation(
                          reference,
                          "every Klarna effect known",
                          "Klarna holds a transaction for a payment the gateway does not list"));
                }
              }
            });
    return v;
  }

  private static String string(JsonObject o, String field) {
    return o != null && o.get(field) instanceof JsonString s ? s.getString() : null;
  }
}
