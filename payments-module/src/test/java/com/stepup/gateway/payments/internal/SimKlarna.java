package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Klarna as the simulation's ground truth (KLARNA-API.md §1-3, 6.1, 10, and the sandbox's rules):
 * Payment Requests and their states, tokens valid 60 minutes after COMPLETED and good for one
 * transaction, transactions with their captures, refunds, voids and expiry, auto-capture, and
 * {@code Klarna-Idempotency-Key}s that replay the first answer for 24 hours and answer 409 while
 * the first call is still running. Faults are chosen by the scheduler per call; a slow call is
 * split in two: the gateway's side times out, Klarna acts at a later step.
 */
final class SimKlarna implements KlarnaPayments {

  /** What a call meets instead of a plain answer. */
  enum Fault {
    E500_AFTER_COMMIT,
    E503,
    TIMEOUT_BEFORE_COMMIT,
    TIMEOUT_AFTER_COMMIT,
    E429,
    E409_IN_FLIGHT,
    SLOW
  }

  static final Duration TOKEN_WINDOW = Duration.ofMinutes(60);
  static final Duration REQUEST_LIFE = Duration.ofHours(3);
  static final Duration AUTHORIZATION_LIFE = Duration.ofDays(28);
  static final Duration GRACE = Duration.ofDays(7);
  static final Duration KEY_MEMORY = Duration.ofHours(24);

  /** A Payment Request as Klarna holds it. */
  static final class Pr {
    String id;
    String reference; // the payment's id (our transaction reference)
    String stable; // the partner's reference: what Klarna's choices are drawn from, run after run
    long amount;
    String currency;
    boolean captureNow;
    PaymentRequestState state = PaymentRequestState.SUBMITTED;
    PaymentRequestState previous;
    String reason;
    Instant expiresAt;
    Instant updatedAt;
    Instant completedAt;
    String token;
    AuthorizeResult finalResult; // once a final authorization was answered
    boolean canceledAfterCompletion;
    boolean windowCancel; // ... in the window Klarna leaves open (read, shopper, DELETE)

    /** The gateway's last word with Klarna about it was a read that found it open. */
    boolean readOpenSinceTouch;
  }

  /** A transaction as Klarna holds it. */
  static final class Tx {
    String id;
    String reference;
    long amount;
    String currency;
    String state = KlarnaTransaction.AUTHORIZED;
    long captured;
    long refunded;
    Instant expiresAt;
    Instant updatedAt;
    final List<KlarnaTransaction.Capture> captures = new ArrayList<>();
    final Map<String, Long> refunds = new LinkedHashMap<>();
    final Map<String, String> refundOfCapture = new HashMap<>();
    int voids;
  }

  /** A Klarna call that moved money or created a transaction, with the key it came with. */
  record Effect(String kind, String key, String reference, String id, long amount) {}

  /** A webhook Klarna sends: a request's or a transaction's state at the time. */
  record Webhook(KlarnaPaymentRequest request, KlarnaTransaction transaction) {
    @Override
    public String toString() {
      return request != null
          ? "request " + request.id() + " " + request.state()
          : "transaction " + transaction.id() + " " + transaction.state();
    }
  }

  private record Outcome(Object answer, KlarnaException error, Instant at) {}

  private static final Outcome RUNNING = new Outcome(null, null, Instant.EPOCH);

  /** A slow call: Klarna acts on it when the scheduler finishes it. */
  record InFlight(String what, String key, Supplier<Object> effect, Instant startedAt) {}

  /** Klarna's idle time-out (KLARNA-API.md §1.5): no call runs longer at Klarna. */
  static final Duration LONGEST_CALL = Duration.ofSeconds(59);

  final SimClock clock;
  final long seed;

  final Map<String, Pr> requests = new LinkedHashMap<>();
  final Map<String, Pr> byToken = new HashMap<>();
  final Map<String, Tx> transactions = new LinkedHashMap<>();
  final List<Effect> effects = new ArrayList<>();
  final List<Webhook> webhooks = new ArrayList<>();
  final List<InFlight> inFlight = new ArrayList<>();
  final List<String> violations = new ArrayList<>();
  private final Map<String, Outcome> keys = new HashMap<>();

  /** When an initial authorize reached Klarna, by payment (its transaction reference). */
  final Map<String, List<Instant>> authorizeCalls = new HashMap<>();

  private int ids;

  /** What happened, line by line, when a replayed seed is traced; null otherwise. */
  List<String> trace;

  void trace(String line) {
    if (trace != null) {
      trace.add(clock.instant() + " " + line);
    }
  }

  /** The scheduler's hooks: a call starts (its index), its fault, Klarna has acted. */
  IntSupplier callStarts = () -> 0;

  IntFunction<Fault> faultFor = n -> null;
  IntConsumer acted = n -> {};

  /** Who is calling: the step (partner cancel, a new sale's supersede, the janitor...). */
  Supplier<String> caller = () -> "?";

  SimKlarna(SimClock clock, long seed) {
    this.clock = clock;
    this.seed = seed;
  }

  /** Deterministic per reference and purpose, whatever the order of the steps. */
  int draw(String reference, String purpose, int bound) {
    long h = seed * 0x9E3779B97F4A7C15L + (reference + "|" + purpose).hashCode();
    h ^= (h >>> 31);
    h *= 0xBF58476D1CE4E5B9L;
    h ^= (h >>> 29);
    return (int) Math.floorMod(h, (long) bound);
  }

  // -- the port ------------------------------------------------------------------------------

  @Override
  public AuthorizeResult authorize(String account, AuthorizeRequest request, String key) {
    authorizeCalls
        .computeIfAbsent(request.transactionReference(), r -> new ArrayList<>())
        .add(clock.instant());
    return call(
        "authorize",
        key,
        () -> {
          String reference = request.transactionReference();
          int outcome = draw(request.purchaseReference(), "authorize", 100);
          if (outcome < 6) {
            return approved(
                reference,
                request.amount(),
                request.currency(),
                request.captureNow(),
                request.purchaseReference());
          }
          if (outcome < 9) {
            return declined();
          }
          Pr pr = new Pr();
          pr.id = "krn:payment:eu1:request:" + (++ids);
          pr.reference = reference;
          pr.stable = request.purchaseReference();
          pr.amount = request.amount();
          pr.currency = request.currency();
          pr.captureNow = request.captureNow();
          pr.expiresAt = clock.instant().plus(REQUEST_LIFE);
          pr.updatedAt = clock.instant();
          requests.put(pr.id, pr);
          announce(pr);
          return new AuthorizeResult(
              AuthorizeResult.STEP_UP_REQUIRED,
              null,
              null,
              snapshot(pr),
              Json.createObjectBuilder()
                  .add(
                      "payment_transaction_response",
                      Json.createObjectBuilder().add("result", "STEP_UP_REQUIRED"))
                  .add(
                      "payment_request",
                      Json.createObjectBuilder().add("payment_request_id", pr.id))
                  .build());
        });
  }

  @Override
  public AuthorizeResult finalAuthorize(
      String account,
      FinalAuthorizationToken token,
      String currency,
      long amount,
      String reference,
      boolean captureNow,
      String key) {
    return call(
        "final authorize",
        key,
        () -> {
          Pr pr = byToken.get(token.value());
          if (pr == null) {
            throw refused(400, "VALIDATION_ERROR", token.header() + " is not a valid token");
          }
          tick();
          if (pr.finalResult != null) {
            return pr.finalResult; // the same token gives the same result
          }
          if (pr.state != PaymentRequestState.COMPLETED) {
            throw refused(400, "VALIDATION_ERROR", "the payment request is " + pr.state);
          }
          if (clock.instant().isAfter(pr.completedAt.plus(TOKEN_WINDOW))) {
            throw refused(400, "VALIDATION_ERROR", "the token has expired");
          }
          if (amount != pr.amount || !pr.currency.equals(currency)) {
            throw refused(400, "VALIDATION_ERROR", "amount and currency must match");
          }
          pr.finalResult =
              draw(pr.stable, "final", 100) < 4
                  ? declined()
                  : approved(reference, amount, currency, captureNow, pr.stable);
          return pr.finalResult;
        });
  }

  @Override
  public KlarnaPaymentRequest read(String account, String id) {
    return call(
        "read",
        null,
        () -> {
          Pr pr = request(id);
          pr.readOpenSinceTouch =
              pr.state == PaymentRequestState.SUBMITTED
                  || pr.state == PaymentRequestState.IN_PROGRESS;
          return snapshot(pr);
        });
  }

  @Override
  public KlarnaPaymentRequest cancel(String account, String id) {
    // whether the gateway read the request, found it open, and said nothing since: the one window
    // Klarna leaves open is a shopper who completes between that read and this DELETE
    Pr sent = requests.get(id);
    boolean afterOpenRead = sent != null && sent.readOpenSinceTouch;
    String by = caller.get();
    if (sent != null) {
      sent.readOpenSinceTouch = false;
    }
    return call(
        "cancel",
        null,
        () -> {
          Pr pr = request(id);
          if (pr.state == PaymentRequestState.COMPLETED && pr.finalResult != null) {
            throw refused(409, "RESOURCE_CONFLICT", "The payment request has been authorized.");
          }
          if (!pr.state.equals(PaymentRequestState.CANCELED)
              && !PaymentStateMachine.canMove(pr.state, PaymentRequestState.CANCELED)) {
            throw refused(409, "RESOURCE_CONFLICT", "The payment request is " + pr.state);
          }
          if (pr.state == PaymentRequestState.CANCELED) {
            return snapshot(pr);
          }
          if (pr.state == PaymentRequestState.COMPLETED) {
            pr.canceledAfterCompletion = true;
            pr.windowCancel = afterOpenRead;
            if (!afterOpenRead) {
              violations.add(
                  "approved sale canceled at Klarna by "
                      + by
                      + ": DELETE of "
                      + pr.id
                      + " (payment "
                      + pr.reference
                      + ") after the shopper completed it, without a read that found it open"
                      + " just before");
            }
          }
          move(pr, PaymentRequestState.CANCELED, "PARTNER_CANCELED");
          return snapshot(pr);
        });
  }

  @Override
  public KlarnaTransaction readTransaction(String account, String transactionId) {
    return call("read transaction", null, () -> snapshot(transaction(transactionId)));
  }

  @Override
  public KlarnaMoneyMove capture(
      String account,
      String transactionId,
      long amount,
      JsonArray lineItems,
      JsonArray shippingInfo,
      String key) {
    return call(
        "capture",
        key,
        () -> {
          Tx t = transaction(transactionId);
          if (amount <= 0) {
            throw refused(400, "VALIDATION_ERROR", "amount must be positive");
          }
          if (!KlarnaTransaction.AUTHORIZED.equals(t.state)) {
            throw refused(409, "RESOURCE_CONFLICT", "the transaction is " + t.state);
          }
          if (amount > t.amount - t.captured) {
            throw refused(400, "VALIDATION_ERROR", "more than the remaining authorized amount");
          }
          String id = "kcap-" + (++ids);
          t.captures.add(new KlarnaTransaction.Capture(id, amount));
          t.captured += amount;
          t.updatedAt = clock.instant();
          effects.add(new Effect("capture", key, t.reference, id, amount));
          if (t.captured == t.amount) {
            moveTransaction(t, KlarnaTransaction.COMPLETED);
          }
          JsonObject raw =
              Json.createObjectBuilder()
                  .add("payment_capture_id", id)
                  .add("amount", amount)
                  .build();
          return new KlarnaMoneyMove(id, amount, t.state, raw);
        });
  }

  @Override
  public KlarnaMoneyMove refund(
      String account,
      String transactionId,
      long amount,
      String captureId,
      String reason,
      JsonArray lineItems,
      String key) {
    return call(
        "refund",
        key,
        () -> {
          Tx t = transaction(transactionId);
          if (amount <= 0) {
            throw refused(400, "VALIDATION_ERROR", "amount must be positive");
          }
          if (KlarnaTransaction.CLOSED.equals(t.state)) {
            throw refused(409, "RESOURCE_CONFLICT", "the transaction is CLOSED");
          }
          long refundable = t.captured - t.refunded;
          if (captureId != null) {
            KlarnaTransaction.Capture c =
                t.captures.stream()
                    .filter(x -> x.id().equals(captureId))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            refused(400, "VALIDATION_ERROR", "not a capture of this transaction"));
            long ofCapture =
                t.refunds.entrySet().stream()
                    .filter(r -> captureId.equals(t.refundOfCapture.get(r.getKey())))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            refundable = Math.min(refundable, c.amount() - ofCapture);
          }
          if (amount > refundable) {
            throw refused(400, "VALIDATION_ERROR", "more than the captured amount not refunded");
          }
          String id = "kref-" + (++ids);
          t.refunds.put(id, amount);
          if (captureId != null) {
            t.refundOfCapture.put(id, captureId);
          }
          t.refunded += amount;
          t.updatedAt = clock.instant();
          effects.add(new Effect("refund", key, t.reference, id, amount));
          JsonObject raw =
              Json.createObjectBuilder().add("payment_refund_id", id).add("amount", amount).build();
          return new KlarnaMoneyMove(id, amount, t.state, raw);
        });
  }

  @Override
  public KlarnaTransaction voidTransaction(String account, String transactionId, String key) {
    return call(
        "void",
        key,
        () -> {
          Tx t = transaction(transactionId);
          boolean voidable =
              (KlarnaTransaction.AUTHORIZED.equals(t.state)
                      || KlarnaTransaction.EXPIRED.equals(t.state))
                  && t.captured < t.amount;
          if (!voidable) {
            throw refused(409, "RESOURCE_CONFLICT", "cannot void a transaction " + t.state);
          }
          t.voids++;
          t.updatedAt = clock.instant();
          effects.add(new Effect("void", key, t.reference, t.id, t.amount - t.captured));
          moveTransaction(
              t, t.captured == 0 ? KlarnaTransaction.CLOSED : KlarnaTransaction.COMPLETED);
          return snapshot(t);
        });
  }

  // -- one call: idempotency, faults, slowness -------------------------------------------------

  private <T> T call(String what, String key, Supplier<T> effect) {
    if (trace == null) {
      return attempt(what, key, effect);
    }
    int n = trace.size();
    trace("Klarna " + what + (key == null ? "" : " key " + key.substring(0, 8)) + " ...");
    try {
      T answer = attempt(what, key, effect);
      trace.set(n, trace.get(n) + " answered " + describe(answer));
      return answer;
    } catch (KlarnaException e) {
      trace.set(n, trace.get(n) + " failed " + e.describe());
      throw e;
    } catch (Error e) {
      trace.set(n, trace.get(n) + " CRASH");
      throw e;
    }
  }

  private static String describe(Object answer) {
    if (answer instanceof AuthorizeResult r) {
      return r.result()
          + (r.transactionId() != null ? " " + r.transactionId() : "")
          + (r.paymentRequest() != null ? " " + r.paymentRequest().id() : "");
    }
    if (answer instanceof KlarnaPaymentRequest pr) {
      return pr.id() + " " + pr.state();
    }
    if (answer instanceof KlarnaTransaction t) {
      return t.id() + " " + t.state() + " captured " + t.capturedAmount();
    }
    if (answer instanceof KlarnaMoneyMove m) {
      return m.id() + " " + m.amount() + " " + m.transactionState();
    }
    return String.valueOf(answer);
  }

  @SuppressWarnings("unchecked")
  private <T> T attempt(String what, String key, Supplier<T> effect) {
    int n = callStarts.getAsInt();
    tick();
    Fault fault = faultFor.apply(n);
    if (key != null) {
      Outcome known = keys.get(key);
      if (known != null
          && known != RUNNING
          && known.at.plus(KEY_MEMORY).isBefore(clock.instant())) {
        keys.remove(key);
        known = null;
      }
      if (known == RUNNING) {
        acted.accept(n);
        throw refused(
            409, "RESOURCE_CONFLICT", "Idempotent operation with this key is still in progress");
      }
      if (known != null) {
        acted.accept(n);
        if (fault == Fault.TIMEOUT_AFTER_COMMIT || fault == Fault.E500_AFTER_COMMIT) {
          throw fault == Fault.E500_AFTER_COMMIT ? error500() : timeout();
        }
        if (known.error != null) {
          throw copy(known.error);
        }
        return (T) known.answer;
      }
    }
    if (fault != null) {
      switch (fault) {
        case E503 ->
            throw new KlarnaException(
                503, null, null, "Service Temporarily Unavailable", null, List.of());
        case E429 ->
            throw new KlarnaException(
                429, "ACCESS_ERROR", "RATE_LIMITED", "rate limited", null, List.of());
        case TIMEOUT_BEFORE_COMMIT -> throw timeout();
        case E409_IN_FLIGHT -> {
          if (key != null) {
            throw refused(
                409,
                "RESOURCE_CONFLICT",
                "Idempotent operation with this key is still in progress");
          }
        }
        case SLOW -> {
          if (key != null) {
            keys.put(key, RUNNING);
          }
          inFlight.add(new InFlight(what, key, (Supplier<Object>) effect, clock.instant()));
          throw timeout();
        }
        default -> {}
      }
    }
    T answer;
    try {
      answer = effect.get();
      if (key != null) {
        keys.put(key, new Outcome(answer, null, clock.instant()));
      }
    } catch (KlarnaException e) {
      if (key != null && e.status() < 500) {
        keys.put(key, new Outcome(null, e, clock.instant()));
      }
      acted.accept(n);
      throw e;
    }
    acted.accept(n);
    if (fault == Fault.E500_AFTER_COMMIT) {
      throw error500();
    }
    if (fault == Fault.TIMEOUT_AFTER_COMMIT) {
      throw timeout();
    }
    return answer;
  }

  /** Klarna finishes a slow call: its effect happens now; nobody hears the answer. */
  void finish(int index) {
    if (inFlight.isEmpty()) {
      return;
    }
    InFlight call = inFlight.remove(Math.floorMod(index, inFlight.size()));
    finishing = true;
    if (trace != null) {
      trace("Klarna finishes the slow " + call.what());
    }
    try {
      tick();
      Object answer = call.effect().get();
      if (call.key() != null) {
        keys.put(call.key(), new Outcome(answer, null, clock.instant()));
      }
    } catch (KlarnaException e) {
      if (call.key() != null) {
        if (e.status() < 500) {
          keys.put(call.key(), new Outcome(null, e, clock.instant()));
        } else {
          keys.remove(call.key());
        }
      }
    } finally {
      finishing = false;
    }
  }

  // -- the shopper and time --------------------------------------------------------------------

  /** The shopper acts on a request: open, complete, decline or abort. Answers what happened. */
  String shopper(int index, String action) {
    if (requests.isEmpty()) {
      return "no request";
    }
    tick();
    Pr pr = new ArrayList<>(requests.values()).get(Math.floorMod(index, requests.size()));
    switch (action) {
      case "open" -> {
        if (pr.state == PaymentRequestState.SUBMITTED) {
          move(pr, PaymentRequestState.IN_PROGRESS, null);
        }
      }
      case "complete" -> {
        if (pr.state == PaymentRequestState.SUBMITTED) {
          move(pr, PaymentRequestState.IN_PROGRESS, null);
        }
        if (pr.state == PaymentRequestState.IN_PROGRESS) {
          pr.completedAt = clock.instant();
          pr.token = "krn:payment:eu1:klarna-network-session-token:" + (++ids);
          byToken.put(pr.token, pr);
          move(pr, PaymentRequestState.COMPLETED, null);
        }
      }
      case "decline" -> {
        if (pr.state == PaymentRequestState.IN_PROGRESS) {
          move(pr, PaymentRequestState.DECLINED, null);
        }
      }
      case "abort" -> {
        if (pr.state == PaymentRequestState.IN_PROGRESS) {
          move(pr, PaymentRequestState.SUBMITTED, "PURCHASE_FLOW_ABORTED");
        }
      }
      default -> throw new IllegalArgumentException(action);
    }
    if (trace != null) {
      trace("shopper " + action + " " + pr.id + " → " + pr.state);
    }
    return null;
  }

  private boolean finishing;

  /** Klarna's clock: slow calls end within a minute; requests and authorizations run out. */
  void tick() {
    Instant now = clock.instant();
    if (!finishing) {
      for (int i = 0; i < inFlight.size(); ) {
        if (inFlight.get(i).startedAt().plus(LONGEST_CALL).isAfter(now)) {
          i++;
        } else {
          finish(i);
        }
      }
    }
    for (Pr pr : requests.values()) {
      boolean open =
          pr.state == PaymentRequestState.SUBMITTED
              || pr.state == PaymentRequestState.IN_PROGRESS
              || (pr.state == PaymentRequestState.COMPLETED && pr.finalResult == null);
      if (open && !now.isBefore(pr.expiresAt)) {
        move(pr, PaymentRequestState.EXPIRED, null);
      }
    }
    for (Tx t : transactions.values()) {
      if (KlarnaTransaction.AUTHORIZED.equals(t.state) && !now.isBefore(t.expiresAt)) {
        t.updatedAt = t.expiresAt;
        moveTransaction(t, KlarnaTransaction.EXPIRED);
      }
      if (KlarnaTransaction.EXPIRED.equals(t.state) && !now.isBefore(t.expiresAt.plus(GRACE))) {
        t.updatedAt = t.expiresAt.plus(GRACE);
        moveTransaction(
            t, t.captured == 0 ? KlarnaTransaction.CLOSED : KlarnaTransaction.COMPLETED);
      }
    }
  }

  // -- the model ------------------------------------------------------------------------------

  private AuthorizeResult approved(
      String reference, long amount, String currency, boolean captureNow, String stable) {
    Tx t = new Tx();
    t.id = "krn:payment:eu1:transaction:" + (++ids);
    t.reference = reference;
    t.amount = amount;
    t.currency = currency;
    t.expiresAt = clock.instant().plus(AUTHORIZATION_LIFE);
    t.updatedAt = clock.instant();
    if (captureNow) {
      String capture = "kcap-" + (++ids);
      t.captures.add(new KlarnaTransaction.Capture(capture, amount));
      t.captured = amount;
      t.state = KlarnaTransaction.COMPLETED;
    }
    transactions.put(t.id, t);
    effects.add(new Effect("transaction", null, reference, t.id, amount));
    for (KlarnaTransaction.Capture c : t.captures) {
      effects.add(new Effect("capture", null, reference, c.id(), c.amount()));
    }
    webhooks.add(new Webhook(null, snapshot(t)));
    // Klarna's documented answer has no state; the sandbox's has it: either may come
    boolean withState = draw(stable, "answer-state", 2) == 0;
    JsonObjectBuilder tx =
        Json.createObjectBuilder()
            .add("payment_transaction_id", t.id)
            .add("payment_transaction_reference", reference)
            .add("amount", amount)
            .add("currency", currency)
            .add("expires_at", t.expiresAt.toString());
    if (withState) {
      tx.add("state", t.state).add("captured_amount", t.captured);
    }
    if (!t.captures.isEmpty()) {
      JsonArrayBuilder caps = Json.createArrayBuilder();
      t.captures.forEach(
          c ->
              caps.add(
                  Json.createObjectBuilder()
                      .add("payment_capture_id", c.id())
                      .add("amount", c.amount())));
      tx.add("payment_captures", caps);
    }
    return AuthorizeResult.from(
        Json.createObjectBuilder()
            .add(
                "payment_transaction_response",
                Json.createObjectBuilder().add("result", "APPROVED").add("payment_transaction", tx))
            .build());
  }

  private static AuthorizeResult declined() {
    return AuthorizeResult.from(
        Json.createObjectBuilder()
            .add(
                "payment_transaction_response",
                Json.createObjectBuilder().add("result", "DECLINED").add("result_reason", "RISK"))
            .build());
  }

  private void move(Pr pr, PaymentRequestState to, String reason) {
    pr.previous = pr.state;
    pr.state = to;
    pr.reason = reason;
    pr.updatedAt = clock.instant();
    announce(pr);
  }

  private void announce(Pr pr) {
    webhooks.add(new Webhook(snapshot(pr), null));
  }

  private void moveTransaction(Tx t, String to) {
    t.state = to;
    webhooks.add(new Webhook(null, snapshot(t)));
  }

  private Pr request(String id) {
    Pr pr = requests.get(id);
    if (pr == null) {
      throw refused(404, "RESOURCE_NOT_FOUND", "Payment request " + id);
    }
    return pr;
  }

  private Tx transaction(String id) {
    Tx t = id == null ? null : transactions.get(id);
    if (t == null) {
      throw refused(404, "RESOURCE_NOT_FOUND", "Payment transaction " + id);
    }
    return t;
  }

  KlarnaPaymentRequest snapshot(Pr pr) {
    boolean completed = pr.state == PaymentRequestState.COMPLETED;
    return new KlarnaPaymentRequest(
        pr.id,
        pr.reference,
        pr.state.name(),
        pr.previous == null ? null : pr.previous.name(),
        pr.reason,
        pr.expiresAt,
        pr.updatedAt,
        null,
        null,
        "https://pay.klarna.example/" + pr.id,
        completed ? pr.token : null,
        null);
  }

  static KlarnaTransaction snapshot(Tx t) {
    return new KlarnaTransaction(
        t.id,
        t.state,
        t.amount,
        t.captured,
        t.refunded,
        t.expiresAt,
        t.updatedAt,
        List.copyOf(t.captures),
        t.refunds.entrySet().stream()
            .map(
                r ->
                    new KlarnaTransaction.Refund(
                        r.getKey(), r.getValue(), t.refundOfCapture.get(r.getKey())))
            .toList(),
        t.reference);
  }

  private static KlarnaException refused(int status, String code, String message) {
    return new KlarnaException(
        status,
        status == 409 || status == 404 ? "RESOURCE_ERROR" : "INPUT_ERROR",
        code,
        message,
        null,
        List.of());
  }

  private static KlarnaException copy(KlarnaException e) {
    return new KlarnaException(
        e.status(), e.errorType(), e.errorCode(), e.getMessage(), null, e.validationErrors());
  }

  private static KlarnaException error500() {
    return new KlarnaException(
        500, "TECHNICAL_ERROR", "INTERNAL_ERROR", "after commit", null, List.of());
  }

  private static KlarnaException timeout() {
    return KlarnaException.unreachable(new HttpTimeoutException("read time-out"));
  }
}
