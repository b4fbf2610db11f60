package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's Payment Transactions (KLARNA-API.md §10, the emulator's behaviour §10.4). Every APPROVED
 * authorize creates one: AUTHORIZED for 28 days (sandbox time), or COMPLETED with one capture of
 * the whole amount when the authorize asked for {@code capture: "NOW"}.
 *
 * <ul>
 *   <li>Captures: while AUTHORIZED, at most what remains authorized (else 400 naming {@code
 *       amount}); capturing the rest makes it COMPLETED. At most 200.
 *   <li>Refunds: of what was captured and not refunded (of one capture when {@code
 *       payment_capture_id} names it), in any state but CLOSED. At most 200.
 *   <li>Void: while AUTHORIZED or EXPIRED with something uncaptured; CLOSED when nothing was
 *       captured, else COMPLETED. At most 200.
 *   <li>At most 500 actions (captures, refunds, voids) in all; beyond a limit: 403.
 *   <li>At {@code expires_at} an AUTHORIZED transaction becomes EXPIRED; 7 days later CLOSED if
 *       nothing was captured, else COMPLETED (the uncaptured rest is gone, refunds stay possible).
 * </ul>
 *
 * Each state change sends {@code payment.transaction.state-change.<state>}.
 */
@ApplicationScoped
public class Transactions {

  static final Duration AUTHORIZATION = Duration.ofDays(28);
  static final Duration GRACE = Duration.ofDays(7);
  static final int MAX_CAPTURES = 200;
  static final int MAX_REFUNDS = 200;
  static final int MAX_VOIDS = 200;
  static final int MAX_ACTIONS = 500;

  static final String CAPTURED_EVENT = "payment.transaction.captured";
  static final String REFUNDED_EVENT = "payment.transaction.refunded";

  /** What a refund's body may hold; the capture a refund is of is named by its path. */
  static final java.util.Set<String> REFUND_FIELDS =
      java.util.Set.of("amount", "reason", "line_items");

  @Inject SandboxClock clock;
  @Inject Notifications notifications;
  @Inject Ledger ledger;
  @Inject Disputes disputes;

  record Capture(String id, long amount, Instant at) {}

  record Refund(String id, long amount, String captureId, String reason, Instant at) {}

  /** A state change to announce once the transaction's lock is let go. */
  private record Change(Transaction transaction, String previous, JsonObject payload) {}

  /** One transaction; changed under its own lock. */
  static final class Transaction {
    final String id;
    final String account;
    final String reference;
    final long amount;
    final String currency;
    final Instant createdAt;
    Instant expiresAt;
    String state = "AUTHORIZED";
    long captured;
    long refunded;
    int voids;
    final List<Capture> captures = new ArrayList<>();
    final List<Refund> refunds = new ArrayList<>();
    Instant updatedAt;

    /** Klarna's sandbox dispute flag in the shopper's e-mail (§11.8), or null. */
    String disputeFlag;

    Transaction(
        String id, String account, String reference, long amount, String currency, Instant now) {
      this.id = id;
      this.account = account;
      this.reference = reference;
      this.amount = amount;
      this.currency = currency;
      this.createdAt = now;
      this.expiresAt = now.plus(AUTHORIZATION);
      this.updatedAt = now;
    }

    int actions() {
      return captures.size() + refunds.size() + voids;
    }

    long refundedOf(String captureId) {
      return refunds.stream()
          .filter(r -> captureId.equals(r.captureId()))
          .mapToLong(Refund::amount)
          .sum();
    }

    synchronized JsonObject toJson() {
      JsonArrayBuilder caps = Json.createArrayBuilder();
      for (Capture c : captures) {
        caps.add(
            Json.createObjectBuilder()
                .add("payment_capture_id", c.id())
                .add("amount", c.amount())
                .add("refunded_amount", refundedOf(c.id()))
                .add("created_at", PaymentRequest.iso(c.at())));
      }
      JsonArrayBuilder refs = Json.createArrayBuilder();
      for (Refund r : refunds) {
        JsonObjectBuilder json =
            Json.createObjectBuilder()
                .add("payment_refund_id", r.id())
                .add("amount", r.amount())
                .add("created_at", PaymentRequest.iso(r.at()));
        if (r.captureId() != null) {
          json.add("payment_capture_id", r.captureId());
        }
        refs.add(json);
      }
      return Json.createObjectBuilder()
          .add("payment_transaction_id", id)
          .add("payment_transaction_reference", reference == null ? "" : reference)
          .add("state", state)
          .add("amount", amount)
          .add("currency", currency)
          .add("captured_amount", captured)
          .add("refunded_amount", refunded)
          .add("payment_captures", caps)
          .add("payment_refunds", refs)
          .add("payment_funding", JsonValue.EMPTY_JSON_OBJECT)
          .add("payment_pricing", JsonValue.EMPTY_JSON_OBJECT)
          .add("created_at", PaymentRequest.iso(createdAt))
          .add("updated_at", PaymentRequest.iso(updatedAt))
          .add("expires_at", PaymentRequest.iso(expiresAt))
          .build();
    }

    /** The state-change event's payload (§10.4). */
    JsonObject event(String previous) {
      return Json.createObjectBuilder()
          .add("payment_transaction_id", id)
          .add("payment_transaction_reference", reference == null ? "" : reference)
          .add("state", state)
          .add("previous_state", previous)
          .add("amount", amount)
          .add("currency", currency)
          .add("captured_amount", captured)
          .add("refunded_amount", refunded)
          .add("expires_at", PaymentRequest.iso(expiresAt))
          .add("updated_at", PaymentRequest.iso(updatedAt))
          .build();
    }
  }

  private final Map<String, Transaction> byId = new ConcurrentHashMap<>();

  /**
   * A new transaction, as the APPROVED answer carries it: AUTHORIZED, or COMPLETED with one capture
   * of the whole amount when {@code captureNow}.
   */
  JsonObject create(
      String account, String reference, long amount, String currency, boolean captureNow) {
    return create(account, reference, amount, currency, captureNow, null);
  }

  /**
   * As above, for a shopper whose e-mail ({@code supplementary_purchase_data.customer.email}) may
   * carry a sandbox dispute flag: each capture of such a transaction is disputed a few seconds
   * later.
   */
  JsonObject create(
      String account,
      String reference,
      long amount,
      String currency,
      boolean captureNow,
      String customerEmail) {
    Instant now = clock.instant();
    Transaction t =
        new Transaction(
            "krn:payment:eu1:transaction:" + UUID.randomUUID(),
            account,
            reference,
            amount,
            currency,
            now);
    t.disputeFlag = Disputes.flagOf(customerEmail);
    if (captureNow) {
      t.captures.add(new Capture(captureId(), amount, now));
      t.captured = amount;
      t.state = "COMPLETED";
    }
    byId.put(t.id, t);
    if (captureNow) {
      ledger.captured(account, currency, t.id, reference, t.captures.get(0).id(), amount, now, now);
    }
    notifications.publishTransaction(account, t.id, t.state, t.event("NONE"));
    for (Capture c : t.captures) {
      announceCapture(t, c);
    }
    if (captureNow && disputes != null) {
      disputes.captured(t, t.captures.get(0).id());
    }
    return t.toJson();
  }

  Collection<Transaction> all() {
    return byId.values();
  }

  /** Any account's transaction (the sandbox's controls act for every account). */
  Transaction find(String id) {
    Transaction t = id == null ? null : byId.get(id);
    if (t == null) {
      throw KlarnaError.notFound("Payment transaction " + id);
    }
    expireIfDue(t);
    return t;
  }

  Transaction get(String account, String id) {
    Transaction t = byId.get(id);
    if (t == null || !t.account.equals(account)) {
      throw KlarnaError.notFound("Payment transaction " + id);
    }
    expireIfDue(t);
    return t;
  }

  /** The fields of one {@code shipping_info} entry of a capture (KLARNA-API.md §10.2). */
  static final List<String> SHIPPING_INFO =
      List.of("tracking_number", "tracking_url", "shipping_carrier");

  /**
   * A capture's {@code shipping_info}: an array of objects with only the fields of {@link
   * #SHIPPING_INFO}, each a string of at most 100 characters (the URL at most 2000, absolute http
   * or https).
   */
  static void shippingInfo(JsonObject body, List<KlarnaError.Invalid> invalid) {
    if (!body.containsKey("shipping_info")) {
      return;
    }
    if (!(body.get("shipping_info") instanceof JsonArray items)) {
      invalid.add(new KlarnaError.Invalid("shipping_info", "must be an array"));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      String at = "shipping_info[" + i + "]";
      if (!(items.get(i) instanceof JsonObject item)) {
        invalid.add(
            new KlarnaError.Invalid(
                at, "must be an object with " + String.join(", ", SHIPPING_INFO)));
        continue;
      }
      for (var field : item.entrySet()) {
        String name = at + "." + field.getKey();
        if (!SHIPPING_INFO.contains(field.getKey())) {
          invalid.add(new KlarnaError.Invalid(name, "is not a field of shipping_info"));
        } else if (!(field.getValue() instanceof jakarta.json.JsonString text)
            || text.getString().length() > ("tracking_url".equals(field.getKey()) ? 2000 : 100)) {
          invalid.add(
              new KlarnaError.Invalid(
                  name,
                  "must be a string of at most "
                      + ("tracking_url".equals(field.getKey()) ? 2000 : 100)
                      + " characters"));
        } else if ("tracking_url".equals(field.getKey())
            && !text.getString().isEmpty()
            && !SandboxStores.isHttpUrl(text.getString())) {
          invalid.add(new KlarnaError.Invalid(name, "must be an absolute http or https URL"));
        }
      }
    }
  }

  /** Captures part or all of what remains authorized. */
  JsonObject capture(String account, String id, JsonObject body) {
    Transaction t = get(account, id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    long amount = amount(body, invalid);
    PaymentRequests.checkLineItems(body, "line_items", amount, invalid);
    shippingInfo(body, invalid);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Change change;
    Capture capture;
    synchronized (t) {
      if (!"AUTHORIZED".equals(t.state)) {
        throw KlarnaError.conflict(
            "Only an AUTHORIZED transaction can be captured; it is " + t.state + ".");
      }
      limits(t, t.captures.size(), MAX_CAPTURES, "captures");
      long remaining = t.amount - t.captured;
      if (amount > remaining) {
        throw KlarnaError.validation(
            "amount",
            "Captured amount is higher than the remaining authorized amount (" + remaining + ")");
      }
      Instant now = clock.instant();
      capture = new Capture(captureId(), amount, now);
      t.captures.add(capture);
      t.captured += amount;
      t.updatedAt = now;
      change = t.captured == t.amount ? move(t, "COMPLETED") : null;
      ledger.captured(
          account, t.currency, t.id, t.reference, capture.id(), amount, t.createdAt, now);
    }
    announce(change);
    announceCapture(t, capture);
    if (disputes != null) {
      disputes.captured(t, capture.id());
    }
    return Json.createObjectBuilder()
        .add("payment_capture_id", capture.id())
        .add("amount", capture.amount())
        .add("created_at", PaymentRequest.iso(capture.at()))
        .add("payment_transaction", t.toJson())
        .build();
  }

  /**
   * Refunds part or all of what was captured and not refunded: of the transaction ({@code
   * refundPaymentTransaction}, {@code captureId} null) or of one capture ({@code
   * refundPaymentCapture}, the capture named by the path). Two operations, as Klarna documents
   * them: a transaction refund that names a capture in its body is refused.
   */
  JsonObject refund(String account, String id, String captureId, JsonObject body) {
    Transaction t = get(account, id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    for (String field : body.keySet()) {
      if (field.equals("payment_capture_id")) {
        invalid.add(
            new KlarnaError.Invalid(
                "payment_capture_id",
                "a refund of one capture is its own operation: POST"
                    + " .../payment/transactions/{id}/captures/{payment_capture_id}/refunds"));
      } else if (!REFUND_FIELDS.contains(field)) {
        invalid.add(new KlarnaError.Invalid(field, "is not a known field"));
      }
    }
    long amount = amount(body, invalid);
    PaymentRequests.checkLineItems(body, "line_items", amount, invalid);
    String reason = body.get("reason") instanceof JsonString s ? s.getString() : null;
    if (reason != null && reason.length() > 255) {
      invalid.add(new KlarnaError.Invalid("reason", "must be at most 255 characters"));
    }
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Refund refund;
    synchronized (t) {
      if ("CLOSED".equals(t.state)) {
        throw KlarnaError.conflict("The transaction is CLOSED; no refund can be made.");
      }
      limits(t, t.refunds.size(), MAX_REFUNDS, "refunds");
      long refundable = t.captured - t.refunded;
      if (captureId != null) {
        Capture c =
            t.captures.stream()
                .filter(x -> x.id().equals(captureId))
                .findFirst()
                .orElseThrow(() -> KlarnaError.notFound("Capture " + captureId + " of " + id));
        refundable = Math.min(refundable, c.amount() - t.refundedOf(c.id()));
      }
      if (amount > refundable) {
        throw KlarnaError.validation(
            "amount",
            "Refunded amount is higher than the captured amount not yet refunded ("
                + refundable
                + ")");
      }
      Instant now = clock.instant();
      refund =
          new Refund("krn:payment:eu1:refund:" + UUID.randomUUID(), amount, captureId, reason, now);
      t.refunds.add(refund);
      t.refunded += amount;
      t.updatedAt = now;
      Instant capturedAt =
          t.captures.stream()
              .filter(c -> captureId == null || c.id().equals(captureId))
              .map(Capture::at)
              .findFirst()
              .orElse(now);
      ledger.refunded(
          account,
          t.currency,
          t.id,
          t.reference,
          refund.id(),
          amount,
          t.createdAt,
          capturedAt,
          now);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("payment_refund_id", refund.id())
            .add("amount", refund.amount())
            .add("created_at", PaymentRequest.iso(refund.at()));
    if (captureId != null) {
      json.add("payment_capture_id", captureId);
    }
    if (reason != null) {
      json.add("reason", reason);
    }
    JsonObject answer = json.add("payment_transaction", t.toJson()).build();
    notifications.publishTransactionEvent(t.account, t.id, REFUNDED_EVENT, moveEvent(t, answer));
    return answer;
  }

  private void announceCapture(Transaction t, Capture c) {
    notifications.publishTransactionEvent(
        t.account,
        t.id,
        CAPTURED_EVENT,
        moveEvent(
            t,
            Json.createObjectBuilder()
                .add("payment_capture_id", c.id())
                .add("amount", c.amount())
                .add("created_at", PaymentRequest.iso(c.at()))
                .build()));
  }

  /**
   * A capture's or refund's event payload (inferred: KLARNA-API.md Part three names the event, not
   * its payload): the transaction's id and reference, the move's own fields, and the transaction
   * after it.
   */
  private static JsonObject moveEvent(Transaction t, JsonObject move) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("payment_transaction_id", t.id)
            .add("payment_transaction_reference", t.reference == null ? "" : t.reference);
    move.forEach(
        (k, v) -> {
          if (!k.equals("payment_transaction")) {
            json.add(k, v);
          }
        });
    return json.add("payment_transaction", t.toJson()).build();
  }

  /** Releases what is authorized and not captured. */
  JsonObject voidTransaction(String account, String id) {
    Transaction t = get(account, id);
    Change change;
    synchronized (t) {
      boolean voidable =
          ("AUTHORIZED".equals(t.state) || "EXPIRED".equals(t.state)) && t.captured < t.amount;
      if (!voidable) {
        throw KlarnaError.conflict(
            "Only an AUTHORIZED or EXPIRED transaction with something uncaptured can be voided; it"
                + " is "
                + t.state
                + ".");
      }
      limits(t, t.voids, MAX_VOIDS, "voids");
      t.voids++;
      t.updatedAt = clock.instant();
      change = move(t, t.captured == 0 ? "CLOSED" : "COMPLETED");
    }
    announce(change);
    return t.toJson();
  }

  /** The test control: the authorization runs out now (sandbox time). */
  JsonObject expireNow(String id) {
    Transaction t = byId.get(id);
    if (t == null) {
      throw KlarnaError.notFound("Payment transaction " + id);
    }
    synchronized (t) {
      if (!"AUTHORIZED".equals(t.state)) {
        throw KlarnaError.conflict("Only an AUTHORIZED transaction can expire; it is " + t.state);
      }
      t.expiresAt = clock.instant();
    }
    expireIfDue(t);
    return t.toJson();
  }

  /** Applies the clock: AUTHORIZED past {@code expires_at} → EXPIRED; EXPIRED 7 days on → end. */
  void expireIfDue(Transaction t) {
    List<Change> changes = new ArrayList<>(2);
    synchronized (t) {
      Instant now = clock.instant();
      if ("AUTHORIZED".equals(t.state) && !now.isBefore(t.expiresAt)) {
        t.updatedAt = t.expiresAt;
        changes.add(move(t, "EXPIRED"));
      }
      if ("EXPIRED".equals(t.state) && !now.isBefore(t.expiresAt.plus(GRACE))) {
        t.updatedAt = t.expiresAt.plus(GRACE);
        changes.add(move(t, t.captured == 0 ? "CLOSED" : "COMPLETED"));
      }
    }
    changes.forEach(this::announce);
  }

  /** Moves every transaction the clock has reached, and forgets those closed long ago. */
  void sweep(Duration retention) {
    byId.values().forEach(this::expireIfDue);
    Instant before = clock.instant().minus(retention);
    byId.values()
        .removeIf(
            t -> {
              synchronized (t) {
                return "CLOSED".equals(t.state) && t.updatedAt.isBefore(before);
              }
            });
  }

  private static Change move(Transaction t, String to) {
    String previous = t.state;
    t.state = to;
    return new Change(t, previous, t.event(previous));
  }

  private void announce(Change change) {
    if (change != null) {
      notifications.publishTransaction(
          change.transaction().account,
          change.transaction().id,
          change.payload().getString("state"),
          change.payload());
    }
  }

  private static void limits(Transaction t, int count, int max, String what) {
    if (count >= max) {
      throw KlarnaError.forbidden("At most " + max + " " + what + " per transaction.");
    }
    if (t.actions() >= MAX_ACTIONS) {
      throw KlarnaError.forbidden("At most " + MAX_ACTIONS + " actions per transaction.");
    }
  }

  private static long amount(JsonObject body, List<KlarnaError.Invalid> invalid) {
    Long amount = PaymentRequests.exactLong(body.get("amount"));
    if (amount != null && amount >= 1) {
      return amount;
    }
    invalid.add(
        new KlarnaError.Invalid("amount", "must be an integer of at least 1 (minor units)"));
    return 0;
  }

  private static String captureId() {
    return "krn:payment:eu1:capture:" + UUID.randomUUID();
  }
}
