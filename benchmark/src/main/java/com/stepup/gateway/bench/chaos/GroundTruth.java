package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Ledger.Op;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every payment of the run compared with the sandbox, Klarna's ground truth; each difference named
 * by the rule it breaks (the rules are listed in the report's "What is checked"). First each
 * payment on its own ({@link Payment}), then what spans payments ({@link AcrossPayments}).
 */
final class GroundTruth {

  record Violation(String paymentId, String rule, String detail) {
    @Override
    public String toString() {
      return paymentId + " [" + rule + "] " + detail;
    }
  }

  private final Ledger ledger;
  private final Quiet.Result q;
  private final List<Violation> v = new ArrayList<>();
  final Map<String, Integer> byStatus = new TreeMap<>();
  final Map<String, Integer> byTransactionState = new TreeMap<>();
  int transactions;
  int lateApprovalsReleased;
  int completedByShopper;

  GroundTruth(Ledger ledger, Quiet.Result settled) {
    this.ledger = ledger;
    this.q = settled;
  }

  List<Violation> compare() {
    v.clear();
    List<Op> ops = ledger.ops();
    Map<String, List<Op>> opsByReference = new HashMap<>();
    ops.forEach(o -> opsByReference.computeIfAbsent(o.reference(), k -> new ArrayList<>()).add(o));
    Map<String, List<String>> paymentsByReference = new HashMap<>();
    if (!q.quiet()) {
      add("-", "not quiet", "payments or operations were still pending when the wait ended");
    }
    for (JsonObject g : q.payments().values()) {
      paymentsByReference
          .computeIfAbsent(g.getString("reference"), k -> new ArrayList<>())
          .add(g.getString("id"));
      new Payment(g, opsByReference.getOrDefault(g.getString("reference"), List.of())).check();
    }
    AcrossPayments across = new AcrossPayments(ledger, q, v);
    across.oneCreateOnePayment(paymentsByReference);
    across.everyAnsweredPaymentExists(ops, paymentsByReference);
    across.aReplayAnswersTheSameOperation(ops);
    across.everyKlarnaTransactionIsOurs();
    return List.copyOf(v);
  }

  private void add(String paymentId, String rule, String detail) {
    v.add(new Violation(paymentId, rule, detail));
  }

  /** One payment of the gateway beside Klarna's transaction for it and the run's calls. */
  private final class Payment {
    final JsonObject g;
    final String id;
    final String status;
    final List<Op> mine;
    final List<JsonObject> txs;
    final JsonObject tx;
    final String gatewayTx;
    final String gatewayTxState;
    final String kState;
    final long kAmount;
    final long kCaptured;
    final long kRefunded;
    final long gAuthorized;
    final long gCaptured;
    final long gRefunded;
    final List<JsonObject> caps;
    final List<JsonObject> refs;
    final boolean automatic;

    Payment(JsonObject g, List<Op> mine) {
      this.g = g;
      this.id = g.getString("id");
      this.status = g.getString("status");
      this.mine = mine;
      this.txs = q.transactions().getOrDefault(id, List.of());
      this.tx = txs.isEmpty() ? null : txs.get(0);
      JsonObject klarna = g.getJsonObject("klarna");
      this.gatewayTx = string(klarna, "payment_transaction_id");
      this.gatewayTxState = string(klarna, "transaction_state");
      this.kState = tx == null ? null : tx.getString("state");
      this.kAmount = tx == null ? 0 : tx.getJsonNumber("amount").longValue();
      this.kCaptured = tx == null ? 0 : tx.getJsonNumber("captured_amount").longValue();
      this.kRefunded = tx == null ? 0 : tx.getJsonNumber("refunded_amount").longValue();
      JsonObject amounts = g.getJsonObject("amounts");
      this.gAuthorized = amounts.getJsonNumber("authorized").longValue();
      this.gCaptured = amounts.getJsonNumber("captured").longValue();
      this.gRefunded = amounts.getJsonNumber("refunded").longValue();
      this.caps = q.captures().getOrDefault(id, List.of());
      this.refs = q.refunds().getOrDefault(id, List.of());
      this.automatic = "automatic".equals(g.getString("capture_mode"));
    }

    boolean authorized() {
      return "authorized".equals(status);
    }

    void check() {
      ChaosRun.count(byStatus, status);
      transactions += txs.size();
      if (tx != null) {
        ChaosRun.count(byTransactionState, kState);
      }
      if (txs.size() > 1) {
        add(id, "one transaction per payment", "Klarna holds " + txs.size() + " transactions");
      }
      authorizedIffTransaction();
      theSameMoney();
      nothingPending();
      everyKlarnaEffectKnown();
      oneOperationPerKey();
      neverFailedWhenKlarnaAuthorized();
      aCompletedSaleIsKept();
    }

    /** A late approval the gateway released (nothing left held at Klarna) is no violation. */
    void authorizedIffTransaction() {
      if (authorized() && tx == null) {
        add(
            id,
            "authorized ⇔ transaction",
            "the gateway says authorized; Klarna holds no transaction");
      }
      if (!authorized() && tx != null) {
        if (!"AUTHORIZED".equals(kState) && kCaptured - kRefunded == 0) {
          lateApprovalsReleased++;
        } else {
          add(
              id,
              "authorized ⇔ transaction",
              "the gateway says %s; Klarna holds %s amount %d captured %d refunded %d"
                  .formatted(status, kState, kAmount, kCaptured, kRefunded));
        }
      }
    }

    void theSameMoney() {
      if (tx != null && authorized()) {
        if (!tx.getString("payment_transaction_id").equals(gatewayTx)) {
          add(
              id,
              "same transaction",
              "gateway " + gatewayTx + ", Klarna " + tx.getString("payment_transaction_id"));
        }
        if (gAuthorized != kAmount
            || gCaptured != kCaptured
            || gRefunded != kRefunded
            || !kState.equals(gatewayTxState)) {
          add(
              id,
              "amounts and state equal Klarna's",
              "gateway authorized %d captured %d refunded %d %s; Klarna %d captured %d refunded %d %s"
                  .formatted(
                      gAuthorized,
                      gCaptured,
                      gRefunded,
                      gatewayTxState,
                      kAmount,
                      kCaptured,
                      kRefunded,
                      kState));
        }
      }
      if (tx == null && gatewayTx != null) {
        add(id, "same transaction", "the gateway names " + gatewayTx + "; Klarna holds none");
      }
      if (gCaptured > gAuthorized
          || gRefunded > gCaptured
          || kCaptured > kAmount
          || kRefunded > kCaptured) {
        add(
            id,
            "captured ≤ authorized, refunded ≤ captured",
            "gateway %d/%d/%d, Klarna %d/%d/%d"
                .formatted(gAuthorized, gCaptured, gRefunded, kAmount, kCaptured, kRefunded));
      }
    }

    void nothingPending() {
      if ("pending".equals(status)) {
        add(
            id,
            "nothing pending",
            "the payment is still pending (Klarna request " + Quiet.requestId(g) + ")");
      }
      long pendingCaps = caps.stream().filter(c -> "pending".equals(c.getString("status"))).count();
      long pendingRefs = refs.stream().filter(c -> "pending".equals(c.getString("status"))).count();
      if (pendingCaps + pendingRefs > 0) {
        add(
            id,
            "nothing pending",
            pendingCaps + " capture(s) and " + pendingRefs + " refund(s) still pending");
      }
      long capturable = g.getJsonObject("amounts").getJsonNumber("capturable").longValue();
      if ("AUTHORIZED".equals(gatewayTxState)
          && pendingCaps == 0
          && capturable != gAuthorized - gCaptured) {
        add(
            id,
            "nothing pending",
            "capturable %d of %d uncaptured: something (a release?) still holds"
                .formatted(capturable, gAuthorized - gCaptured));
      }
    }

    /** A late approval's refund is recorded as its release; an automatic capture is Klarna's. */
    void everyKlarnaEffectKnown() {
      if (tx == null || !authorized()) {
        return;
      }
      Set<String> known = new HashSet<>();
      caps.forEach(c -> known.add(c.getString("klarna_capture_id", "")));
      refs.forEach(r -> known.add(r.getString("klarna_refund_id", "")));
      long unknownCaptures =
          tx.getJsonArray("payment_captures").getValuesAs(JsonObject.class).stream()
              .filter(c -> !known.contains(c.getString("payment_capture_id")))
              .count();
      if (unknownCaptures > (automatic ? 1 : 0)) {
        add(
            id,
            "every Klarna effect known",
            unknownCaptures + " Klarna capture(s) the gateway has no record of");
      }
      for (JsonObject r : tx.getJsonArray("payment_refunds").getValuesAs(JsonObject.class)) {
        if (!known.contains(r.getString("payment_refund_id"))) {
          add(
              id,
              "every Klarna effect known",
              "Klarna refund "
                  + r.getString("payment_refund_id")
                  + " the gateway has no record of");
        }
      }
    }

    /** An Idempotency-Key never starts a second operation. */
    void oneOperationPerKey() {
      long captureKeys = keys("capture");
      long refundKeys = keys("refund");
      long captures = caps.stream().filter(c -> !"failed".equals(c.getString("status"))).count();
      long refunds = refs.stream().filter(c -> !"failed".equals(c.getString("status"))).count();
      if (captures > captureKeys + (automatic ? 1 : 0)) {
        add(
            id,
            "one operation per Idempotency-Key",
            captures + " captures from " + captureKeys + " keys");
      }
      if (refunds > refundKeys) {
        add(
            id,
            "one operation per Idempotency-Key",
            refunds + " refunds from " + refundKeys + " keys");
      }
    }

    private long keys(String kind) {
      return mine.stream().filter(o -> o.kind().startsWith(kind)).map(Op::key).distinct().count();
    }

    void neverFailedWhenKlarnaAuthorized() {
      if (tx == null) {
        return;
      }
      for (Op o : mine) {
        boolean aboutPayment =
            o.kind().startsWith("create")
                || o.kind().equals("cancel")
                || o.kind().equals("release")
                || o.kind().equals("read");
        if (aboutPayment
            && o.status() < 300
            && ("failed".equals(o.bodyStatus()) || "declined".equals(o.bodyStatus()))) {
          add(
              id,
              "never failed/declined when Klarna authorized",
              o.kind()
                  + (o.replay() ? " (replay)" : "")
                  + " answered "
                  + o.label()
                  + " at "
                  + Instant.ofEpochMilli(o.atMillis())
                  + "; Klarna holds "
                  + kState);
        }
      }
    }

    /** A sale the shopper completed ends authorized and is never canceled at Klarna. */
    void aCompletedSaleIsKept() {
      Pay p = ledger.byReference.get(g.getString("reference"));
      if (p == null || !p.completedByShopper) {
        return;
      }
      completedByShopper++;
      JsonObject request = q.requests().get(p.requestId);
      String requestState = request == null ? "unread" : request.getString("state");
      if ("CANCELED".equals(requestState)) {
        add(
            id,
            "a completed request is never canceled",
            "the shopper completed %s; Klarna holds it CANCELED (%s)"
                .formatted(p.requestId, request.getString("state_reason", "")));
      }
      if (!authorized()) {
        add(
            id,
            "no approved sale lost",
            "the shopper completed %s (Klarna: %s); the payment is %s"
                .formatted(p.requestId, requestState, status));
      }
    }
  }

  private static String string(JsonObject o, String field) {
    return o != null && o.get(field) instanceof JsonString s ? s.getString() : null;
  }
}
