package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaWire;
import com.stepup.gateway.platform.GroupCommit;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.stores.Merchants;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Takes one Klarna webhook: checks Klarna's signature over the exact bytes, stores the event in the
 * inbox (committed before the answer), and has it acted on off the caller's thread. Nothing is
 * stored or acted on when the signature, the key or the body is wrong.
 */
@ApplicationScoped
class KlarnaWebhookIntake {

  static final String REQUEST_EVENTS = KlarnaWire.REQUEST_STATE_CHANGE;
  private static final Logger LOG = Logger.getLogger(KlarnaWebhookIntake.class.getName());

  @Inject SigningKeys keys;
  @Inject KlarnaInbox inbox;
  @Inject InboxWorker worker;
  @Inject Clock clock;
  @Inject WebhookMetrics metrics;
  @Inject Rejections rejections;
  @Inject Merchants merchants;

  /**
   * Partner accounts a merchant here has: an account is never taken from its merchant and no
   * merchant is deleted, so once known it stays known, and each webhook need not ask the stores
   * module again. Only accounts found are kept, so what strangers send cannot fill it.
   */
  private final Set<String> knownAccounts = ConcurrentHashMap.newKeySet();

  boolean knownAccount(String account) {
    if (knownAccounts.contains(account)) {
      return true;
    }
    boolean known = merchants.findByPartnerAccount(account).isPresent();
    if (known) {
      knownAccounts.add(account);
    }
    return known;
  }

  /** Events arriving together are committed together (still each before its 200). */
  private GroupCommit<KlarnaInbox.Arrival, Optional<KlarnaInbox.Claimed>> storing;

  @PostConstruct
  void startStoring() {
    storing = new GroupCommit<>(inbox::storeAll, this::storeAlone, 64);
  }

  /**
   * How old a signed event may be: Klarna's own retries end about 21 hours after the event (10 s, 2
   * min, 15 min, 3 h, 6 h, 12 h), so anything older is a replay, not a delivery. Events are kept in
   * the inbox far longer than this, so a repeat inside the window is still recognised.
   */
  static final Duration MAX_AGE = Duration.ofHours(24);

  /**
   * Why an event's {@code occurred_at} is too old or absent, or null when it is fine: without it
   * the replay window could not be applied, so it is refused (issue 30). An event "from the future"
   * is not refused: only Klarna can sign one, and a clock ahead of ours (the sandbox's, moved
   * forward by a test) is no replay.
   */
  static String staleness(Instant occurredAt, Instant now) {
    if (occurredAt == null) {
      return "has no occurred_at (an ISO-8601 instant)";
    }
    if (occurredAt.isBefore(now.minus(MAX_AGE))) {
      return "occurred more than " + MAX_AGE.toHours() + " hours ago";
    }
    return null;
  }

  /**
   * Why a correctly signed event is not for this gateway, or null when it is: signed with a key the
   * gateway registered for one webhook but naming another ({@code metadata.webhook_id}), or about a
   * partner account no merchant here has ({@code metadata.subject_account_id}). Either is checked
   * when the event carries it (Klarna's do; a key from the Partner Portal names no webhook here).
   */
  static String foreignness(
      JsonObject metadata, Optional<String> registeredWebhook, Predicate<String> knownAccount) {
    String webhook = text(metadata, "webhook_id");
    if (webhook != null
        && registeredWebhook.isPresent()
        && !registeredWebhook.get().equals(webhook)) {
      return "was sent for another webhook than its signing key's";
    }
    String account = text(metadata, "subject_account_id");
    if (account != null && !knownAccount.test(account)) {
      return "is about a partner account no merchant here has";
    }
    return null;
  }

  private static String text(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }

  /**
   * Klarna's answer for the event: accepted, duplicate or ignored; {@link WebhookRefused} when
   * refused.
   */
  String receive(byte[] body, String keyId, String signature) {
    if (keyId == null || keyId.isBlank()) {
      throw refuse("unknown signing key: none given", null, "Klarna-Signing-Key-Id is missing.");
    }
    Optional<String> secret = keys.secret(keyId);
    if (secret.isEmpty()) {
      throw refuse(
          "unknown signing key",
          keyId,
          "The signing key named by Klarna-Signing-Key-Id is unknown.");
    }
    if (!Signatures.klarnaMatches(secret.get(), body, signature)) {
      throw refuse(
          "signature does not match",
          keyId,
          "Klarna-Signature is not the HMAC-SHA256 of this body with the named key.");
    }
    JsonObject envelope = parse(body, keyId);
    JsonObject metadata = envelope.getJsonObject("metadata");
    String foreign = foreignness(metadata, keys.webhookOf(keyId), this::knownAccount);
    if (foreign != null) {
      throw refuse("event not ours: " + foreign, keyId, "The event " + foreign + ".");
    }
    String stale = staleness(instant(metadata.getString("occurred_at", null)), clock.instant());
    if (stale != null) {
      throw refuse("event out of time: " + stale, keyId, "The event " + stale + ".");
    }
    String eventId = metadata.getString("event_id");
    String eventType = metadata.getString("event_type");
    if (!eventType.startsWith(REQUEST_EVENTS)
        && !KlarnaWire.isTransactionEvent(eventType)
        && !KlarnaWire.isDisputeEvent(eventType)
        && !KlarnaWire.isSettlementEvent(eventType)) {
      LOG.info(() -> "Klarna event " + eventId + " of type " + eventType + " ignored");
      return answer("ignored", eventId, "The gateway does not act on " + eventType + " events.");
    }
    JsonObject payload = envelope.getJsonObject("payload");
    Optional<KlarnaInbox.Claimed> stored =
        storing.write(
            new KlarnaInbox.Arrival(
                eventId,
                eventType,
                subject(eventType, payload),
                keyId,
                instant(metadata.getString("occurred_at", null)),
                new String(body, StandardCharsets.UTF_8)));
    if (stored.isEmpty()) {
      return answer("duplicate", eventId, "This event was received before; nothing more is done.");
    }
    worker.soon(stored.get());
    return answer("accepted", eventId, null);
  }

  /**
   * What the event is about: the payment request, the transaction, or the dispute (a settlement
   * report's names none the gateway relies on: its payload is not public).
   */
  static String subject(String eventType, JsonObject payload) {
    if (KlarnaWire.isDisputeEvent(eventType)) {
      return payload.getString("payment_dispute_id", null);
    }
    if (KlarnaWire.isSettlementEvent(eventType)) {
      return payload != null
              && payload.get("payment_reference") instanceof JsonString s
              && s.getString().length() <= 200
          ? s.getString()
          : null;
    }
    return payload.getString(
        "payment_request_id", payload.getString("payment_transaction_id", null));
  }

  /** An event alone, when its batch could not be stored: a race lost is a duplicate. */
  private Optional<KlarnaInbox.Claimed> storeAlone(KlarnaInbox.Arrival arrival) {
    try {
      return inbox.store(arrival);
    } catch (RuntimeException raced) {
      if (!inbox.exists(arrival.eventId())) {
        throw raced;
      }
      inbox.countDuplicate(arrival.eventId()); // the same event twice at once: the other stored it
      return Optional.empty();
    }
  }

  private String answer(String status, String eventId, String detail) {
    metrics.received(status);
    var json = Json.createObjectBuilder().add("status", status).add("event_id", eventId);
    if (detail != null) {
      json.add("detail", detail);
    }
    return json.build().toString();
  }

  private JsonObject parse(byte[] body, String keyId) {
    JsonObject envelope;
    try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
      envelope = reader.readObject();
    } catch (RuntimeException e) {
      throw refuse("body is not a JSON object", keyId, "The body is not a JSON object.");
    }
    JsonValue metadata = envelope.get("metadata");
    if (!(metadata instanceof JsonObject m)
        || !(m.get("event_id") instanceof JsonString id)
        || id.getString().isBlank()
        || id.getString().length() > 100
        || !(m.get("event_type") instanceof JsonString)
        || !(envelope.get("payload") instanceof JsonObject)) {
      throw refuse(
          "envelope incomplete",
          keyId,
          "The body needs metadata.event_id, metadata.event_type and a payload object.");
    }
    return envelope;
  }

  /** Counts the refusal (logged without any secret, once per kind and flush), and answers 400. */
  private WebhookRefused refuse(String reason, String keyId, String detail) {
    metrics.received("rejected");
    // counted, not a row and a log line each: anyone can send refusals (Rejections)
    rejections.count(reason, keyId);
    return new WebhookRefused(detail);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
