package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's webhook registrations (KLARNA-API.md §7) and who hears of what: each state change of a
 * Payment Request, Payment Transaction or dispute goes to every ENABLED webhook of the account
 * concerned (and of the acquirer, who hears of every partner account) whose event types cover it.
 * {@link WebhookDeliveries} carries it there.
 */
@ApplicationScoped
public class Webhooks {

  /** The fields of a webhook its owner may change with PATCH. */
  static final List<String> WEBHOOK_FIELDS =
      List.of("url", "event_types", "event_version", "status", "signing_key_id");

  private final SandboxClock clock;
  private final SigningKeys signingKeys;
  private final WebhookDeliveries deliveries;

  private final Map<String, JsonObject> webhooks = new ConcurrentHashMap<>();

  @Inject
  Webhooks(SandboxClock clock, SigningKeys signingKeys, WebhookDeliveries deliveries) {
    this.clock = clock;
    this.signingKeys = signingKeys;
    this.deliveries = deliveries;
  }

  /** For CDI's client proxy only. */
  protected Webhooks() {
    this(null, null, null);
  }

  public JsonObject create(String account, JsonObject body) {
    List<KlarnaError.Invalid> invalid = rules(account, body);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    String url = body.getString("url");
    if (sameConfiguration(account, null, url, body.get("event_types"))) {
      throw KlarnaError.conflict("The webhook configuration already exists.");
    }
    String id = "krn:partner:global:notification:webhook:" + UUID.randomUUID();
    JsonObject webhook =
        Json.createObjectBuilder()
            .add("webhook_id", id)
            .add("url", url)
            .add("event_types", body.get("event_types"))
            .add("event_version", body.getString("event_version", "v2"))
            .add("signing_key_id", body.getString("signing_key_id"))
            .add("status", body.getString("status", "ENABLED"))
            .add("created_at", PaymentRequest.iso(clock.instant()))
            .add("account", account)
            .build();
    webhooks.put(id, webhook);
    return Json.without(webhook, "account");
  }

  public List<JsonObject> list(String account) {
    return webhooks.values().stream()
        .filter(w -> account.equals(w.getString("account")))
        .map(w -> Json.without(w, "account"))
        .toList();
  }

  private JsonObject webhook(String account, String id) {
    JsonObject w = webhooks.get(id);
    if (w == null || !account.equals(w.getString("account"))) {
      throw KlarnaError.notFound("Webhook " + id);
    }
    return w;
  }

  /** The webhook as Klarna shows it to its owner. */
  public JsonObject read(String account, String id) {
    return Json.without(webhook(account, id), "account");
  }

  /**
   * PATCH: changes the named fields, and nothing else. A field that is not one of {@link
   * #WEBHOOK_FIELDS} (the id, the creation time, anything unknown), an empty patch, or a result
   * Klarna would not have created is 400 with the same errors as a create; a result that is another
   * webhook's configuration is 409.
   */
  public JsonObject update(String account, String id, JsonObject patch) {
    JsonObject current = webhook(account, id);
    var invalid = new ArrayList<KlarnaError.Invalid>();
    for (String field : patch.keySet()) {
      if (!WEBHOOK_FIELDS.contains(field)) {
        invalid.add(
            new KlarnaError.Invalid(
                field,
                "cannot be changed; a webhook's fields: " + String.join(", ", WEBHOOK_FIELDS)));
      }
    }
    if (patch.isEmpty()) {
      invalid.add(
          new KlarnaError.Invalid(
              "body", "name at least one of " + String.join(", ", WEBHOOK_FIELDS)));
    }
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    var merged = Json.createObjectBuilder(current);
    for (String field : WEBHOOK_FIELDS) {
      if (patch.containsKey(field)) {
        merged.add(field, patch.get(field));
      }
    }
    JsonObject updated = merged.build();
    // the result must be a webhook Klarna would have created: the same rules, the same errors
    invalid.addAll(rules(account, updated));
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    if (sameConfiguration(account, id, updated.getString("url"), updated.get("event_types"))) {
      throw KlarnaError.conflict("The webhook configuration already exists.");
    }
    webhooks.put(id, updated);
    return Json.without(updated, "account");
  }

  public void delete(String account, String id) {
    webhook(account, id);
    webhooks.remove(id);
  }

  /** The rules a webhook (created, or as a PATCH leaves it) keeps; what it breaks. */
  private List<KlarnaError.Invalid> rules(String account, JsonObject webhook) {
    var invalid = new ArrayList<KlarnaError.Invalid>();
    String url = webhook.getString("url", null);
    if (!SandboxStores.isHttpUrl(url)) {
      invalid.add(new KlarnaError.Invalid("url", "must be an https URL (http on localhost)"));
    } else {
      URI uri = URI.create(url);
      boolean local = List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
      int port = uri.getPort() == -1 ? 443 : uri.getPort();
      if (!local && (!"https".equals(uri.getScheme()) || (port != 443 && port != 8443))) {
        invalid.add(new KlarnaError.Invalid("url", "must be https on port 443 or 8443"));
      }
    }
    if (!(webhook.get("event_types") instanceof JsonArray types) || types.isEmpty()) {
      invalid.add(new KlarnaError.Invalid("event_types", "at least one event type is required"));
    } else if (!types.stream().allMatch(Webhooks::knownEventPattern)) {
      invalid.add(
          new KlarnaError.Invalid(
              "event_types", "unknown event type; known: " + String.join(", ", EventTypes.ALL)));
    }
    if (webhook.containsKey("event_version")
        && !(webhook.get("event_version") instanceof JsonString v
            && List.of("v1", "v2").contains(v.getString()))) {
      invalid.add(new KlarnaError.Invalid("event_version", "must be v1 or v2"));
    }
    if (webhook.containsKey("status")
        && !(webhook.get("status") instanceof JsonString status
            && List.of("ENABLED", "DISABLED").contains(status.getString()))) {
      invalid.add(new KlarnaError.Invalid("status", "must be ENABLED or DISABLED"));
    }
    if (!signingKeys.belongsTo(account, webhook.getString("signing_key_id", null))) {
      invalid.add(new KlarnaError.Invalid("signing_key_id", "must name a signing key of yours"));
    }
    return invalid;
  }

  /** Whether another webhook of the account ({@code except} aside) has this configuration. */
  private boolean sameConfiguration(
      String account, String except, String url, JsonValue eventTypes) {
    return webhooks.values().stream()
        .anyMatch(
            w ->
                account.equals(w.getString("account"))
                    && !w.getString("webhook_id").equals(except)
                    && url.equals(w.getString("url"))
                    && eventTypes.equals(w.get("event_types")));
  }

  /** A synthetic event of the given type for a made-up payment request. */
  public JsonObject simulate(String account, String id, String eventType) {
    JsonObject webhook = webhook(account, id);
    JsonObject payload =
        Json.createObjectBuilder()
            .add("payment_request_id", "krn:payment:eu1:request:" + UUID.randomUUID())
            .add("state", eventType.substring(eventType.lastIndexOf('.') + 1).toUpperCase())
            .add("updated_at", PaymentRequest.iso(clock.instant()))
            .build();
    String eventId = deliveries.enqueue(webhook, eventType, payload, null, account, false, false);
    return Json.createObjectBuilder().add("event_id", eventId).build();
  }

  /** Queues the state change of {@code request} to {@code state} for every matching webhook. */
  void publish(PaymentRequest request, PaymentRequestState state) {
    publish(request.partnerAccountId, request.id, state.eventType(), request.event(), false);
  }

  /**
   * A Payment Transaction changed state: {@code payment.transaction.state-change.<state>} to the
   * webhooks that listen for it (KLARNA-API.md §10.4).
   */
  void publishTransaction(
      String account, String transactionId, TransactionState state, JsonObject payload) {
    publishTransactionEvent(account, transactionId, state.eventType(), payload);
  }

  /**
   * Every capture and refund, whoever made it: {@link EventTypes#TRANSACTION_CAPTURED} and {@link
   * EventTypes#TRANSACTION_REFUNDED}, in the transaction's order of events.
   */
  void publishTransactionEvent(
      String account, String transactionId, String type, JsonObject payload) {
    publish(account, transactionId, type, payload, false);
  }

  /**
   * A dispute changed: {@code payment.dispute.state-change.<state>} or {@code
   * payment.dispute.updated.<what>} to the webhooks that listen for it, in v4's envelope (§11.7:
   * {@code event_type}, {@code event_id} and {@code occurred_at} also at the top), one at a time
   * per dispute so its events arrive in order.
   */
  void publishDispute(String account, String disputeId, String type, JsonObject payload) {
    publish(account, disputeId, type, payload, true);
  }

  /**
   * To every ENABLED webhook of {@code account} or of the acquirer (whose webhooks, registered
   * without Klarna-Partner-Account, hear about every partner account) that covers {@code type}.
   */
  private void publish(
      String account, String subjectId, String type, JsonObject payload, boolean v4) {
    for (JsonObject webhook : webhooks.values()) {
      String owner = webhook.getString("account");
      if ((owner.equals(account) || owner.equals(ApiKeys.ACQUIRER))
          && "ENABLED".equals(webhook.getString("status"))
          && matches(webhook.getJsonArray("event_types"), type)) {
        deliveries.enqueue(webhook, type, payload, subjectId, account, true, v4);
      }
    }
  }

  /** {@code *}, a known type, or a wildcard ({@code payment.request.*}) that covers one. */
  static boolean knownEventPattern(JsonValue value) {
    if (!(value instanceof JsonString s)) {
      return false;
    }
    String p = s.getString();
    return p.equals("*")
        || EventTypes.ALL.contains(p)
        || (p.endsWith(".*")
            && EventTypes.ALL.stream().anyMatch(t -> t.startsWith(p.substring(0, p.length() - 1))));
  }

  static boolean matches(JsonArray patterns, String type) {
    for (JsonValue v : patterns) {
      if (v instanceof JsonString s) {
        String p = s.getString();
        if (p.equals("*")
            || p.equals(type)
            || (p.endsWith(".*") && type.startsWith(p.substring(0, p.length() - 1)))) {
          return true;
        }
      }
    }
    return false;
  }
}
