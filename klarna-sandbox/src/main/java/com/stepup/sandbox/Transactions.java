package com.stepup.sandbox;

import com.stepup.sandbox.Transaction.Capture;
import com.stepup.sandbox.Transaction.Refund;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

  static final Duration GRACE = Duration.ofDays(7);
  static final int MAX_CAPTURES = 200;
  static final int MAX_REFUNDS = 200;
  static final int MAX_VOIDS = 200;
  static final int MAX_ACTIONS = 500;

  private final SandboxClock clock;
  private final Webhooks webhooks;
  private final Ledger ledger;

  /** A state change to announce once the transaction's lock is let go. */
  private record Change(Transaction transaction, JsonObject payload) {}

  /** A capture of a transaction with a dispute flag (§11.8), waiting for its dispute to open. */
  record FlaggedCapture(Transaction transaction, String captureId, Instant at) {}

  private final Map<String, Transaction> byId = new ConcurrentHashMap<>();

  /** Flagged captures not yet taken by {@link Disputes}. */
  private final List<FlaggedCapture> flagged = new ArrayList<>();

  @Inject
  Transactions(SandboxClock clock, Webhooks webhooks, Ledger ledger) {
    this.clock = clock;
    this.webhooks = webhooks;
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected Transactions() {
    this(null, null, null);
  }

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
    t.disputeFlag = DisputeFlags.flagOf(customerEmail);
    if (captureNow) {
      t.captures.add(new Capture(captureId(), amount, now));
      t.captured = amount;
      t.state = TransactionState.COMPLETED;
    }
    byId.put(t.id, t);
    if (captureNow) {
      ledger.captured(account, currency, t.id, reference, t.captures.get(0).id(), amount, now, now);
    }
    webhooks.publishTransaction(account, t.id, t.state, t.event(null));
    for (Capture c : t.captures) {
      announceCapture(t, c);
      flagged(t, c);
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

  /** Captures part or all of what remains authorized. */
  JsonObject capture(String account, String id, JsonObject body) {
    Transaction t = get(account, id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    long amount = TransactionRules.amount(body, invalid);
    AuthorizeValidation.checkLineItems(body, "line_items", amount, invalid);
    TransactionRules.shippingInfo(body, invalid);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Change change;
    Capture capture;
    synchronized (t) {
      if (t.state != TransactionState.AUTHORIZED) {
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
      change = t.captured == t.amount ? move(t, TransactionState.COMPLETED) : null;
      ledger.captured(
          account, t.currency, t.id, t.reference, capture.id(), amount, t.createdAt, now);
    }
    announce(change);
    announceCapture(t, capture);
    flagged(t, capture);
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
    TransactionRules.refundFields(body, invalid);
    long amount = TransactionRules.amount(body, invalid);
    AuthorizeValidation.checkLineItems(body, "line_items", amount, invalid);
    String reason = TransactionRules.reason(body, invalid);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Refund refund;
    synchronized (t) {
      if (t.state == TransactionState.CLOSED) {
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
    JsonObject answer = t.refundAnswer(refund);
    webhooks.publishTransactionEvent(
        t.account, t.id, EventTypes.TRANSACTION_REFUNDED, t.moveEvent(answer));
    return answer;
  }

  private void announceCapture(Transaction t, Capture c) {
    webhooks.publishTransactionEvent(
        t.account,
        t.id,
        EventTypes.TRANSACTION_CAPTURED,
        t.moveEvent(
            Json.createObjectBuilder()
                .add("payment_capture_id", c.id())
                .add("amount", c.amount())
                .add("created_at", PaymentRequest.iso(c.at()))
                .build()));
  }

  /** Releases what is authorized and not captured. */
  JsonObject voidTransaction(String account, String id) {
    Transaction t = get(account, id);
    Change change;
    synchronized (t) {
      boolean voidable =
          (t.state == TransactionState.AUTHORIZED || t.state == TransactionState.EXPIRED)
              && t.captured < t.amount;
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
      change = move(t, ended(t));
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
      if (t.state != TransactionState.AUTHORIZED) {
        throw KlarnaError.conflict("Only an AUTHORIZED transaction can expire; it is " + t.state);
      }
      t.expiresAt = clock.instant();
    }
    expireIfDue(t);
    return t.toJson();
  }

  /** Applies the clock: AUTHORIZED past {@code expires_at} → EXPIRED; EXPIRED 7 days on → end. */
  void expireIfDue(Transaction t) {
    Change expired = null;
    Change ended = null;
    synchronized (t) {
      Instant now = clock.instant();
      if (t.state == TransactionState.AUTHORIZED && !now.isBefore(t.expiresAt)) {
        t.updatedAt = t.expiresAt;
        expired = move(t, TransactionState.EXPIRED);
      }
      if (t.state == TransactionState.EXPIRED && !now.isBefore(t.expiresAt.plus(GRACE))) {
        t.updatedAt = t.expiresAt.plus(GRACE);
        ended = move(t, ended(t));
      }
    }
    // announced in order, outside the lock; nothing allocated for the many with nothing due
    if (expired != null) {
      announce(expired);
    }
    if (ended != null) {
      announce(ended);
    }
  }

  /** Moves every transaction the clock has reached, and forgets those closed long ago. */
  void sweep(Duration retention) {
    byId.values().forEach(this::expireIfDue);
    Instant before = clock.instant().minus(retention);
    byId.values()
        .removeIf(
            t -> {
              synchronized (t) {
                return t.state == TransactionState.CLOSED && t.updatedAt.isBefore(before);
              }
            });
  }

  /** Where a transaction ends: CLOSED when nothing was captured, else COMPLETED. */
  private static TransactionState ended(Transaction t) {
    return t.captured == 0 ? TransactionState.CLOSED : TransactionState.COMPLETED;
  }

  private static Change move(Transaction t, TransactionState to) {
    TransactionState previous = t.state;
    t.state = to;
    return new Change(t, t.event(previous));
  }

  private void announce(Change change) {
    if (change != null) {
      Transaction t = change.transaction();
      webhooks.publishTransaction(t.account, t.id, t.state, change.payload());
    }
  }

  /** Keeps a capture of a flagged transaction for {@link Disputes} to open its dispute. */
  private void flagged(Transaction t, Capture c) {
    if (t.disputeFlag != null) {
      synchronized (flagged) {
        flagged.add(new FlaggedCapture(t, c.id(), c.at()));
      }
    }
  }

  /** Takes the flagged captures made at or before {@code before}. */
  List<FlaggedCapture> takeFlaggedCaptures(Instant before) {
    List<FlaggedCapture> due = new ArrayList<>();
    synchronized (flagged) {
      flagged.removeIf(
          f -> {
            if (!f.at().isAfter(before)) {
              due.add(f);
              return true;
            }
            return false;
          });
    }
    return due;
  }

  private static void limits(Transaction t, int count, int max, String what) {
    if (count >= max) {
      throw KlarnaError.forbidden("At most " + max + " " + what + " per transaction.");
    }
    if (t.actions() >= MAX_ACTIONS) {
      throw KlarnaError.forbidden("At most " + MAX_ACTIONS + " actions per transaction.");
    }
  }

  private static String captureId() {
    return "krn:payment:eu1:capture:" + UUID.randomUUID();
  }
}
