package com.stepup.gateway.bench.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chaos run's ledger and what both sides held at quiet, built without a server. */
record ChaosFixture(Ledger ledger, Quiet.Result settled, long startedMillis) {

  static JsonObject j(String s) {
    return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
  }

  static Http.Answer a(int status, String body) {
    return new Http.Answer(
        status, body, body == null ? null : j(body), status == 0 ? "IOException" : null);
  }

  static JsonObject pay(
      String id,
      String ref,
      String status,
      long auth,
      long cap,
      long ref2,
      long capturable,
      String tx,
      String txState,
      String pr,
      String mode) {
    return j(
        "{'id':'"
            + id
            + "','reference':'"
            + ref
            + "','status':'"
            + status
            + "','capture_mode':'"
            + mode
            + "','amounts':{'authorized':"
            + auth
            + ",'captured':"
            + cap
            + ",'refunded':"
            + ref2
            + ",'capturable':"
            + capturable
            + "},'klarna':{'payment_transaction_id':"
            + (tx == null ? "null" : "'" + tx + "'")
            + ",'transaction_state':"
            + (txState == null ? "null" : "'" + txState + "'")
            + ",'payment_request_id':"
            + (pr == null ? "null" : "'" + pr + "'")
            + "}}");
  }

  static JsonObject tx(
      String id,
      String ref,
      long amount,
      long cap,
      long refd,
      String state,
      String caps,
      String refs) {
    return j(
        "{'payment_transaction_id':'"
            + id
            + "','payment_transaction_reference':'"
            + ref
            + "','amount':"
            + amount
            + ",'captured_amount':"
            + cap
            + ",'refunded_amount':"
            + refd
            + ",'state':'"
            + state
            + "','payment_captures':["
            + caps
            + "],'payment_refunds':["
            + refs
            + "]}");
  }

  static Ledger.Op op(
      String kind,
      String ref,
      String pid,
      String key,
      boolean replay,
      int status,
      String label,
      String bodyStatus,
      String obj,
      long at) {
    return new Ledger.Op(kind, ref, pid, key, replay, status, label, bodyStatus, obj, at, null);
  }

  /** A run in which every rule is broken once, beside payments that keep them. */
  static ChaosFixture everyRuleBroken(boolean quiet) {
    Ledger ledger = new Ledger();
    String[] refs = {"chaos-7-0-0", "chaos-7-0-1", "chaos-7-0-2", "chaos-7-0-3", "chaos-7-0-9"};
    for (String r : refs) {
      ledger.add(new Ledger.Pay(r, "create in store (QR)", 1000, 0, "t"));
    }
    Ledger.Pay p1 = ledger.byReference.get("chaos-7-0-0");
    p1.id = "pay_1";
    p1.requestId = "pr1";
    p1.completedByShopper = true;
    Ledger.Pay p3 = ledger.byReference.get("chaos-7-0-2");
    p3.id = "pay_3";
    p3.requestId = "pr3";
    p3.completedByShopper = true;
    long t = 1764600000000L;
    ledger.record(
        op(
            "create in store (QR)",
            "chaos-7-0-0",
            "pay_1",
            "k0",
            false,
            201,
            "201 pending",
            "pending",
            "pay_1",
            t));
    ledger.record(
        op(
            "create in store (QR)",
            "chaos-7-0-0",
            "pay_5",
            "k0",
            true,
            201,
            "201 pending",
            "pending",
            "pay_5",
            t + 1));
    ledger.record(
        op(
            "create online, approved at once",
            "chaos-7-0-1",
            "pay_2",
            "k1",
            false,
            201,
            "201 authorized",
            "authorized",
            "pay_2",
            t + 2));
    ledger.record(
        op(
            "create in store (QR)",
            "chaos-7-0-2",
            "pay_3",
            "k2",
            false,
            201,
            "201 declined",
            "declined",
            "pay_3",
            t + 3));
    ledger.record(
        op(
            "create in store (QR)",
            "chaos-7-0-9",
            null,
            "k9",
            false,
            201,
            "201 pending",
            "pending",
            "pay_9x",
            t + 4));
    ledger.record(
        op(
            "capture",
            "chaos-7-0-0",
            "pay_1",
            "kc1",
            false,
            201,
            "201 succeeded",
            "succeeded",
            "cap_1",
            t + 5));
    ledger.record(
        op(
            "capture",
            "chaos-7-0-0",
            "pay_1",
            "kc1",
            true,
            201,
            "201 succeeded",
            "succeeded",
            "cap_1",
            t + 6));
    ledger.record(
        op(
            "capture (two at once)",
            "chaos-7-0-1",
            "pay_2",
            "kc2",
            false,
            201,
            "201 succeeded",
            "succeeded",
            "cap_2",
            t + 7));
    ledger.record(
        op(
            "capture",
            "chaos-7-0-1",
            "pay_2",
            "kc2",
            true,
            201,
            "201 succeeded",
            "succeeded",
            "cap_3",
            t + 8));
    ledger.record(
        op(
            "refund",
            "chaos-7-0-0",
            "pay_1",
            "kr1",
            false,
            503,
            "503 from HAProxy",
            "",
            null,
            t + 9));
    ledger.record(
        op("read", "chaos-7-0-3", "pay_9", null, false, 0, "no answer", "", null, t + 10));
    ledger.shopper.add(new Ledger.Shopper("chaos-7-0-0", "pr1", "open", 200, "IN_PROGRESS", t));
    ledger.shopper.add(new Ledger.Shopper("chaos-7-0-0", "pr1", "complete", 200, "COMPLETED", t));
    ledger.shopper.add(new Ledger.Shopper("chaos-7-0-2", "pr3", "complete", 409, null, t));
    ledger.faults.add(new Ledger.Fault("capture", "HTTP_500", 2, 0, t));
    ledger.faults.add(new Ledger.Fault("webhook", "DELAY", 1, 900, t));
    ledger.faults.add(new Ledger.Fault("capture", "HTTP_500", 3, 0, t));

    Map<String, JsonObject> payments = new LinkedHashMap<>();
    payments.put(
        "pay_1",
        pay(
            "pay_1",
            "chaos-7-0-0",
            "authorized",
            1000,
            500,
            100,
            400,
            "tx1",
            "AUTHORIZED",
            "pr1",
            "manual"));
    payments.put(
        "pay_5",
        pay("pay_5", "chaos-7-0-0", "canceled", 1000, 0, 0, 0, null, null, "pr5", "manual"));
    payments.put(
        "pay_2",
        pay(
            "pay_2",
            "chaos-7-0-1",
            "authorized",
            2000,
            0,
            0,
            2000,
            "tx2",
            "AUTHORIZED",
            null,
            "automatic"));
    payments.put(
        "pay_3",
        pay("pay_3", "chaos-7-0-2", "canceled", 3000, 0, 0, 0, null, null, "pr3", "manual"));
    payments.put(
        "pay_4", pay("pay_4", "chaos-7-0-3", "pending", 0, 0, 0, 0, null, null, "pr4", "manual"));
    payments.put(
        "pay_6", pay("pay_6", "chaos-7-1-0", "expired", 0, 0, 0, 0, null, null, "pr6", "manual"));
    Map<String, List<JsonObject>> captures = new HashMap<>();
    captures.put(
        "pay_1",
        List.of(
            j("{'status':'succeeded','klarna_capture_id':'c1'}"),
            j("{'status':'pending','klarna_capture_id':'c2'}")));
    captures.put(
        "pay_2",
        List.of(
            j("{'status':'succeeded','klarna_capture_id':'c3'}"),
            j("{'status':'succeeded','klarna_capture_id':'c4'}")));
    Map<String, List<JsonObject>> refunds = new HashMap<>();
    refunds.put("pay_1", List.of(j("{'status':'succeeded','klarna_refund_id':'r1'}")));
    Map<String, List<JsonObject>> transactions = new HashMap<>();
    transactions.put(
        "pay_1",
        List.of(
            tx(
                "tx1",
                "pay_1",
                1000,
                600,
                100,
                "AUTHORIZED",
                "{'payment_capture_id':'c1'},{'payment_capture_id':'cX'}",
                "{'payment_refund_id':'r1'},{'payment_refund_id':'rX'}")));
    transactions.put(
        "pay_2",
        List.of(
            tx(
                "tx2",
                "pay_2",
                2000,
                0,
                0,
                "AUTHORIZED",
                "{'payment_capture_id':'cA'},{'payment_capture_id':'cB'}",
                ""),
            tx("tx2b", "pay_2", 2000, 0, 0, "AUTHORIZED", "", "")));
    transactions.put("pay_3", List.of(tx("tx3", "pay_3", 3000, 0, 0, "AUTHORIZED", "", "")));
    transactions.put("pay_6", List.of(tx("tx6", "pay_6", 500, 0, 0, "CLOSED", "", "")));
    transactions.put("pay_9", List.of(tx("tx9", "pay_9", 500, 0, 0, "AUTHORIZED", "", "")));
    Map<String, JsonObject> requests = new HashMap<>();
    requests.put("pr1", j("{'state':'COMPLETED'}"));
    requests.put("pr3", j("{'state':'CANCELED','state_reason':'a|b'}"));
    return new ChaosFixture(
        ledger,
        new Quiet.Result(payments, captures, refunds, transactions, requests, 3, 49_000, quiet),
        t);
  }
}
