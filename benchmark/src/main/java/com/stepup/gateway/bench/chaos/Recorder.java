package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Http.Answer;
import com.stepup.gateway.bench.chaos.Ledger.Pay;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the run's partner calls and shopper actions and writes each answer into the {@link Ledger}:
 * what the answer says of the payment (its id, its Klarna request and its state, its status) goes
 * into the run's {@link Pay}, and the call itself becomes an {@link Ledger.Op} or {@link
 * Ledger.Shopper}.
 */
final class Recorder {

  /** The Payment Request states a shopper can still act on. */
  static final Set<String> OPEN = Set.of("SUBMITTED", "IN_PROGRESS");

  /** The sandbox's refusal: "The payment request is CANCELED and cannot become COMPLETED." */
  private static final Pattern REFUSED_STATE = Pattern.compile("is ([A-Z_]+) and cannot");

  /** A partner POST as first sent: a replay sends exactly this again. */
  record Sent(String kind, Pay pay, String path, String body, String key) {}

  final Http http;
  final Ledger ledger;

  Recorder(Http http, Ledger ledger) {
    this.http = http;
    this.ledger = ledger;
  }

  /** Sends {@code s} (again when {@code replay}) and records the answer. */
  Answer call(Sent s, boolean replay) {
    Answer a = http.partner("POST", s.path(), s.body(), s.key());
    record(s.kind(), s.pay(), s.key(), replay, a);
    return a;
  }

  /** Reads the payment (recorded like every partner answer). */
  Answer read(Pay p) {
    Answer a = http.partner("GET", "/api/v1/payments/" + p.id, null, null);
    record("read", p, null, false, a);
    return a;
  }

  /** Records one partner answer to a call of {@code kind} about {@code p}. */
  void record(String kind, Pay p, String key, boolean replay, Answer a) {
    String objectId = null;
    if (a.json() != null) {
      objectId = a.string("id") != null ? a.string("id") : a.string("payment_id");
    }
    if (kind.startsWith("create") && a.json() != null) {
      learnCreated(p, a);
    }
    boolean paymentBody =
        kind.startsWith("create")
            || kind.equals("read")
            || kind.equals("release")
            || kind.equals("cancel");
    if (paymentBody && a.status() < 300 && !a.bodyStatus().isEmpty()) {
      p.status = a.bodyStatus();
    }
    String paymentId =
        a.json() != null && a.string("payment_id") != null ? a.string("payment_id") : p.id;
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

  /** A create's answer names the payment and, for a step-up, its Klarna request. */
  private static void learnCreated(Pay p, Answer a) {
    String id = a.string("id") != null ? a.string("id") : a.string("payment_id");
    if (id != null && id.startsWith("pay_") && p.id == null) {
      p.id = id;
    }
    JsonObject klarna = a.json().containsKey("klarna") ? a.json().getJsonObject("klarna") : null;
    if (klarna != null
        && klarna.get("payment_request_id") instanceof JsonString pr
        && p.requestId == null) {
      p.requestId = pr.getString();
      p.requestState = klarna.get("state") instanceof JsonString st ? st.getString() : "SUBMITTED";
    }
  }

  /**
   * A read's Klarna state, taken only when it tells of an end the run did not make (a superseded or
   * canceled request): the gateway's view may lag the shopper's, so it never moves what the run saw
   * back to open.
   */
  static void learnRead(Pay p, JsonObject payment) {
    JsonObject klarna = payment.getJsonObject("klarna");
    if (klarna != null && klarna.get("state") instanceof JsonString s) {
      boolean runSawOpen = p.requestState == null || OPEN.contains(p.requestState);
      if (runSawOpen && !OPEN.contains(s.getString()) && !p.completedByShopper) {
        p.requestState = s.getString();
      }
    }
  }

  /** The shopper acts on {@code p}'s request at the sandbox: open, complete, decline, ... */
  void shopper(Pay p, String action) {
    Answer a =
        http.sandbox("POST", "/sandbox/payment-requests/" + p.requestId + "/" + action, null);
    learnShopper(p, action, a);
    ledger.shopper.add(
        new Ledger.Shopper(
            p.reference,
            p.requestId,
            action,
            a.status(),
            a.string("state"),
            System.currentTimeMillis()));
  }

  /** The request's state after the shopper's {@code action}, from the sandbox's answer. */
  static void learnShopper(Pay p, String action, Answer a) {
    String state = a.string("state");
    if (a.status() == 200 && state != null) {
      p.requestState = state;
      if ("complete".equals(action) && "COMPLETED".equals(state)) {
        p.completedByShopper = true;
      }
    } else if (a.status() == 409 && a.string("error_message") != null) {
      Matcher m = REFUSED_STATE.matcher(a.string("error_message"));
      if (m.find()) {
        p.requestState = m.group(1);
      }
    } else if (a.status() == 404) {
      p.requestState = "GONE";
    }
  }
}
