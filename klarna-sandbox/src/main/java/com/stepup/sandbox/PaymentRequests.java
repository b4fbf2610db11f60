package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's side of a payment: the initial authorize (APPROVED, DECLINED or a Payment Request for
 * the step-up), the Payment Request's life, and the final authorization with the token minted at
 * COMPLETED (valid 60 minutes, used once, the same result on every repeat).
 */
@ApplicationScoped
public class PaymentRequests {

  static final Duration DEFAULT_EXPIRY = Duration.ofHours(3);
  static final Duration MIN_EXPIRY = Duration.ofMinutes(15);
  static final Duration MAX_EXPIRY = Duration.ofHours(48);
  static final Duration TOKEN_WINDOW = Duration.ofMinutes(60);

  /**
   * A request that is over (final, or COMPLETED) is forgotten this long (sandbox time) after its
   * last change; by then its token has long expired.
   */
  static final Duration RETENTION = Duration.ofHours(48);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject SandboxClock clock;
  @Inject SandboxStores stores;
  @Inject Notifications notifications;
  @Inject Transactions transactions;
  @Inject Disputes disputes;

  private final Map<String, PaymentRequest> byId = new ConcurrentHashMap<>();
  private final Map<String, PaymentRequest> byUuid = new ConcurrentHashMap<>();
  private final Map<String, PaymentRequest> byToken = new ConcurrentHashMap<>();

  /** Whether this header value is a token the sandbox minted (so the call is a final one). */
  public boolean isMintedToken(String token) {
    return token != null && byToken.containsKey(token);
  }

  /** The initial authorize. {@code outcome} is the Sandbox-Outcome header, or null. */
  public JsonObject authorize(String account, JsonObject body, String outcome, String baseUrl) {
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String currency = currency(body, invalid);
    JsonObject transaction = object(body, "request_payment_transaction");
    long amount = transaction == null ? 0 : amount(transaction, invalid);
    String transactionRef =
        transaction == null ? null : transaction.getString("payment_transaction_reference", null);
    if (transaction == null) {
      invalid.add(new KlarnaError.Invalid("request_payment_transaction", "is required"));
    } else if (transactionRef == null || transactionRef.isBlank()) {
      invalid.add(
          new KlarnaError.Invalid(
              "request_payment_transaction.payment_transaction_reference", "is required"));
    }
    JsonObject purchase = object(body, "supplementary_purchase_data");
    checkLineItems(purchase, "supplementary_purchase_data.line_items", amount, invalid);
    PurchaseDataRules.check(purchase, "supplementary_purchase_data", invalid);
    if (body.containsKey("klarna_network_data") && body.containsKey("interoperability_data")) {
      invalid.add(
          new KlarnaError.Invalid(
              "interoperability_data",
              "is the older name of klarna_network_data; send the data under one name"));
    }
    captureNow(transaction); // refuses a capture value Klarna does not know before anything else
    JsonObject stepUp = object(body, "step_up_config");
    JsonObject interaction = stepUp == null ? null : object(stepUp, "customer_interaction_config");
    Duration expiry = DEFAULT_EXPIRY;
    if (stepUp != null) {
      expiry = checkStepUp(account, stepUp, interaction, invalid);
    }
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }

    String result = chooseOutcome(outcome, amount, stepUp != null);
    Instant now = clock.instant();
    if ("DECLINED".equals(result)) {
      return Json.createObjectBuilder()
          .add(
              "payment_transaction_response",
              Json.createObjectBuilder().add("result", "DECLINED").add("result_reason", "DECLINED"))
          .build();
    }
    if ("APPROVED".equals(result)) {
      return approved(
          account, transactionRef, amount, currency, captureNow(transaction), email(purchase));
    }
    onboardInlineStore(account, interaction);
    String uuid = UUID.randomUUID().toString();
    var request =
        new PaymentRequest(
            uuid,
            account,
            amount,
            currency,
            transactionRef,
            stepUp.getString("payment_request_reference", null),
            interaction.getString("method"),
            interaction,
            purchase,
            baseUrl,
            now,
            now.plus(expiry));
    byId.put(request.id, request);
    byUuid.put(uuid, request);
    notifications.publish(request, PaymentRequestState.SUBMITTED);
    return Json.createObjectBuilder()
        .add(
            "payment_transaction_response",
            Json.createObjectBuilder().add("result", "STEP_UP_REQUIRED"))
        .add("payment_request", request.toJson())
        .build();
  }

  /** The final authorize with a token minted at COMPLETED, named by {@code header}. */
  public JsonObject finalAuthorize(
      String account,
      String header,
      String token,
      JsonObject body,
      String outcome,
      Runnable whileHeld) {
    PaymentRequest request = byToken.get(token);
    if (request == null || !request.partnerAccountId.equals(account)) {
      throw KlarnaError.validation(header, "is not a valid token");
    }
    if (!request.finalizing.compareAndSet(false, true)) {
      throw KlarnaError.conflict("A final authorization with this token is in progress.");
    }
    try {
      whileHeld.run();
      synchronized (request) {
        if (request.finalResult != null) {
          return request.finalResult; // idempotent: the same token gives the same result
        }
        Instant now = clock.instant();
        if (request.state != PaymentRequestState.COMPLETED) {
          throw KlarnaError.validation(
              header, "is no longer valid: the payment request is " + request.state);
        }
        if (now.isAfter(request.completedAt.plus(TOKEN_WINDOW))) {
          throw KlarnaError.validation(header, "has expired (valid 60 minutes after COMPLETED)");
        }
        List<KlarnaError.Invalid> invalid = new ArrayList<>();
        String currency = currency(body, invalid);
        JsonObject transaction = object(body, "request_payment_transaction");
        long amount = transaction == null ? 0 : amount(transaction, invalid);
        if (transaction == null) {
          invalid.add(new KlarnaError.Invalid("request_payment_transaction", "is required"));
        } else if (transaction.getString("payment_transaction_reference", "").isBlank()) {
          invalid.add(
              new KlarnaError.Invalid(
                  "request_payment_transaction.payment_transaction_reference", "is required"));
        }
        if (!invalid.isEmpty()) {
          throw KlarnaError.validation(invalid);
        }
        if (amount != request.amount || !request.currency.equals(currency)) {
          throw KlarnaError.validation(
              "request_payment_transaction.amount",
              "amount and currency must match the payment request ("
                  + request.amount
                  + " "
                  + request.currency
                  + ")");
        }
        String reference =
            transaction.getString("payment_transaction_reference", request.transactionReference);
        request.finalResult =
            "DECLINED".equals(outcome)
                ? Json.createObjectBuilder()
                    .add(
                        "payment_transaction_response",
                        Json.createObjectBuilder()
                            .add("result", "DECLINED")
                            .add("result_reason", "DECLINED"))
                    .build()
                : approved(
                    account,
                    reference,
                    amount,
                    currency,
                    captureNow(transaction),
                    email(
                        body.get("supplementary_purchase_data") instanceof JsonObject p
                            ? p
                            : request.purchaseData));
        return request.finalResult;
      }
    } finally {
      request.finalizing.set(false);
    }
  }

  public PaymentRequest get(String account, String id) {
    PaymentRequest request = byId.get(id);
    if (request == null || (account != null && !request.partnerAccountId.equals(account))) {
      throw KlarnaError.notFound("Payment request " + id);
    }
    expireIfDue(request);
    return request;
  }

  public Optional<PaymentRequest> byUuid(String uuid) {
    Optional<PaymentRequest> request = Optional.ofNullable(byUuid.get(uuid));
    request.ifPresent(this::expireIfDue);
    return request;
  }

  public Collection<PaymentRequest> all() {
    return byId.values();
  }

  public PaymentRequest update(String account, String id, JsonObject patch) {
    PaymentRequest request = get(account, id);
    synchronized (request) {
      if (request.state != PaymentRequestState.SUBMITTED) {
        throw KlarnaError.conflict(
            "Only a SUBMITTED payment request can be updated; it is " + request.state + ".");
      }
      if (patch.containsKey("payment_request_reference")) {
        request.reference = patch.getString("payment_request_reference");
      }
      request.updatedAt = clock.instant();
    }
    return request;
  }

  /** A state change the shopper or Klarna makes (journey page, test controls, expiry, cancel). */
  public PaymentRequest move(PaymentRequest request, String action, String paymentOption) {
    PaymentRequestState target;
    String reason = null;
    synchronized (request) {
      switch (action) {
        case "open" -> target = PaymentRequestState.IN_PROGRESS;
        case "complete" -> {
          target = PaymentRequestState.COMPLETED;
          if (request.state == PaymentRequestState.SUBMITTED) {
            // a shopper who never "opened" still passes through IN_PROGRESS
            request.moveTo(PaymentRequestState.IN_PROGRESS, null, clock.instant());
            notifications.publish(request, PaymentRequestState.IN_PROGRESS);
          }
        }
        case "decline" -> target = PaymentRequestState.DECLINED;
        case "abort" -> {
          target = PaymentRequestState.SUBMITTED;
          reason = "PURCHASE_FLOW_ABORTED";
        }
        case "expire" -> target = PaymentRequestState.EXPIRED;
        case "cancel" -> {
          target = PaymentRequestState.CANCELED;
          reason = "PARTNER_CANCELED";
          if (request.state == PaymentRequestState.COMPLETED && request.finalResult != null) {
            throw KlarnaError.conflict("The payment request has been authorized.");
          }
        }
        default -> throw KlarnaError.notFound("Action " + action);
      }
      Instant now = clock.instant();
      request.moveTo(target, reason, now);
      if (target == PaymentRequestState.COMPLETED) {
        request.completedAt = now;
        request.paymentOption = paymentOption;
        request.networkSessionToken =
            "krn:payment:eu1:klarna-network-session-token:" + randomToken();
        request.paymentToken = "krn:payment:eu1:payment-token:" + randomToken();
        byToken.put(request.networkSessionToken, request);
        byToken.put(request.paymentToken, request);
      }
    }
    notifications.publish(request, target);
    return request;
  }

  /**
   * Moves every overdue request to EXPIRED, and forgets requests final for {@link #RETENTION}, so a
   * long-running sandbox does not grow without bound; run by the sweeper and on every read.
   */
  public void sweep() {
    transactions.sweep(RETENTION);
    if (disputes != null) {
      disputes.sweep();
    }
    byId.values().forEach(this::expireIfDue);
    Instant forgetBefore = clock.instant().minus(RETENTION);
    java.util.function.Predicate<PaymentRequest> old =
        r -> {
          synchronized (r) {
            return (r.state.isFinal() || r.state == PaymentRequestState.COMPLETED)
                && r.updatedAt.isBefore(forgetBefore);
          }
        };
    if (byId.values().removeIf(old)) {
      byUuid.values().removeIf(old);
      byToken.values().removeIf(old);
    }
  }

  private void expireIfDue(PaymentRequest request) {
    boolean expire;
    synchronized (request) {
      expire =
          !request.state.isFinal()
              && request.finalResult == null
              && !clock.instant().isBefore(request.expiresAt)
              && request.state.canMoveTo(PaymentRequestState.EXPIRED);
      if (expire) {
        request.moveTo(PaymentRequestState.EXPIRED, null, clock.instant());
      }
    }
    if (expire) {
      notifications.publish(request, PaymentRequestState.EXPIRED);
    }
  }

  /** The URL Klarna sends the shopper back to, with its placeholders filled in. */
  public static String expandReturnUrl(PaymentRequest request) {
    String url = request.returnUrl();
    if (url == null) {
      return null;
    }
    synchronized (request) {
      return url.replace("{klarna.payment_request.id}", enc(request.id))
          .replace("{klarna.payment_request.state}", enc(request.state.name()))
          .replace(
              "{klarna.payment_request.klarna_network_session_token}",
              enc(request.networkSessionToken == null ? "" : request.networkSessionToken))
          .replace(
              "{klarna.payment_request.payment_token}",
              enc(request.paymentToken == null ? "" : request.paymentToken))
          .replace(
              "{klarna.payment_request.payment_request_reference}",
              enc(request.reference == null ? "" : request.reference));
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String chooseOutcome(String header, long amount, boolean stepUp) {
    String result;
    if (header != null && List.of("APPROVED", "DECLINED", "STEP_UP_REQUIRED").contains(header)) {
      result = header;
    } else if (amount % 100 == 1) {
      result = "DECLINED";
    } else if (amount % 100 == 2) {
      result = "APPROVED";
    } else {
      result = stepUp ? "STEP_UP_REQUIRED" : "APPROVED";
    }
    // Klarna never asks for a step-up it was not offered
    return "STEP_UP_REQUIRED".equals(result) && !stepUp ? "DECLINED" : result;
  }

  private Duration checkStepUp(
      String account,
      JsonObject stepUp,
      JsonObject interaction,
      List<KlarnaError.Invalid> invalid) {
    String p = "step_up_config.customer_interaction_config";
    if (interaction == null) {
      invalid.add(new KlarnaError.Invalid(p, "is required"));
      return DEFAULT_EXPIRY;
    }
    String method = interaction.getString("method", null);
    if (!"HANDOVER".equals(method) && !"QR_CODE".equals(method)) {
      invalid.add(new KlarnaError.Invalid(p + ".method", "must be HANDOVER or QR_CODE"));
    }
    if ("HANDOVER".equals(method)
        && !SandboxStores.isHttpUrl(interaction.getString("return_url", null))) {
      invalid.add(new KlarnaError.Invalid(p + ".return_url", "is required for HANDOVER"));
    }
    String appReturnUrl = interaction.getString("app_return_url", null);
    if (interaction.containsKey("app_return_url") && !isAppUrl(appReturnUrl)) {
      invalid.add(
          new KlarnaError.Invalid(
              p + ".app_return_url", "must be an absolute URL such as https:// or myapp://"));
    }
    if ("HANDOVER".equals(method)) {
      JsonObject poc = object(interaction, "point_of_checkout");
      if (poc != null) {
        checkPointOfCheckout(account, poc, p, null, invalid);
      } else if (stores.count(account) > 1) {
        invalid.add(
            new KlarnaError.Invalid(
                p + ".point_of_checkout",
                "is required when the account has several stores: name the store_reference"));
      }
    }
    if ("QR_CODE".equals(method)) {
      checkPointOfCheckout(
          account, object(interaction, "point_of_checkout"), p, "PHYSICAL_STORE", invalid);
      JsonObject pot = object(interaction, "point_of_transaction");
      if (pot == null
          || !"TERMINAL".equals(pot.getString("type", null))
          || pot.getString("terminal_reference", "").isBlank()) {
        invalid.add(
            new KlarnaError.Invalid(
                p + ".point_of_transaction",
                "type TERMINAL with a terminal_reference is required for QR_CODE"));
      }
    }
    JsonObject expiry = object(interaction, "interaction_expiry");
    if (expiry == null) {
      return DEFAULT_EXPIRY;
    }
    try {
      Duration d = Duration.parse(expiry.getString("duration", ""));
      if (d.compareTo(MIN_EXPIRY) < 0 || d.compareTo(MAX_EXPIRY) > 0) {
        invalid.add(
            new KlarnaError.Invalid(
                p + ".interaction_expiry.duration", "must be between PT15M and PT48H"));
      }
      return d;
    } catch (DateTimeParseException e) {
      invalid.add(
          new KlarnaError.Invalid(
              p + ".interaction_expiry.duration", "must be an ISO-8601 duration such as PT15M"));
      return DEFAULT_EXPIRY;
    }
  }

  /** An app's return link: absolute, with a scheme that opens an app or a page, not a script. */
  static boolean isAppUrl(String url) {
    if (url == null || url.isBlank() || url.length() > 2048) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return scheme != null
          && !List.of("javascript", "data", "vbscript", "file").contains(scheme.toLowerCase());
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * {@code point_of_checkout} names one onboarded store of the account (or an inline store to
   * onboard); of {@code type} when set (PHYSICAL_STORE for QR_CODE).
   */
  private void checkPointOfCheckout(
      String account, JsonObject poc, String p, String type, List<KlarnaError.Invalid> invalid) {
    String name = p + ".point_of_checkout";
    if (poc == null) {
      invalid.add(new KlarnaError.Invalid(name, "is required for QR_CODE"));
      return;
    }
    Optional<JsonObject> store;
    if (poc.containsKey("store_id")) {
      store = stores.byId(account, poc.getString("store_id", ""));
    } else if (poc.containsKey("store_reference")) {
      store = stores.byReference(account, poc.getString("store_reference", ""));
    } else if (object(poc, "store") != null) {
      JsonObject inline = object(poc, "store");
      SandboxStores.validate(inline, true)
          .forEach(
              i ->
                  invalid.add(
                      new KlarnaError.Invalid(name + ".store." + i.parameter(), i.reason())));
      store = Optional.of(inline);
    } else {
      invalid.add(new KlarnaError.Invalid(name, "needs store_id, store_reference or store"));
      return;
    }
    if (store.isEmpty()) {
      invalid.add(new KlarnaError.Invalid(name, "names no onboarded store of this account"));
    } else if (type != null && !type.equals(store.get().getString("type", null))) {
      invalid.add(new KlarnaError.Invalid(name, "must be a PHYSICAL_STORE for QR_CODE"));
    }
  }

  private void onboardInlineStore(String account, JsonObject interaction) {
    JsonObject poc = interaction == null ? null : object(interaction, "point_of_checkout");
    JsonObject inline = poc == null ? null : object(poc, "store");
    if (inline != null
        && stores.byReference(account, inline.getString("store_reference")).isEmpty()) {
      stores.create(account, inline);
    }
  }

  /**
   * Line items, if sent, are each a name, an integer quantity of at least 1 and integer amounts,
   * {@code quantity × unit_price = total_amount} when a unit price is given, and their totals add
   * up to the amount exactly (no overflow).
   */
  /**
   * Klarna's line-item rules, for the {@code line_items} of {@code holder} (reported as {@code p}).
   */
  static void checkLineItems(
      JsonObject holder, String p, long amount, List<KlarnaError.Invalid> invalid) {
    JsonObject purchase = holder;
    if (purchase == null || !purchase.containsKey("line_items")) {
      return;
    }
    if (!(purchase.get("line_items") instanceof jakarta.json.JsonArray items)) {
      invalid.add(new KlarnaError.Invalid(p, "must be an array"));
      return;
    }
    long sum = 0;
    boolean countable = true;
    for (int i = 0; i < items.size(); i++) {
      String at = p + "[" + i + "]";
      if (!(items.get(i) instanceof JsonObject line)) {
        invalid.add(new KlarnaError.Invalid(at, "must be an object"));
        countable = false;
        continue;
      }
      if (!(line.get("name") instanceof jakarta.json.JsonString name)
          || name.getString().isBlank()) {
        invalid.add(new KlarnaError.Invalid(at + ".name", "is required"));
      }
      Long quantity = exactLong(line.get("quantity"));
      Long total = exactLong(line.get("total_amount"));
      Long unit = line.containsKey("unit_price") ? exactLong(line.get("unit_price")) : null;
      if (quantity == null || quantity < 1) {
        invalid.add(new KlarnaError.Invalid(at + ".quantity", "must be an integer of at least 1"));
      }
      if (line.containsKey("unit_price") && unit == null) {
        invalid.add(new KlarnaError.Invalid(at + ".unit_price", "must be an integer"));
      }
      if (total == null) {
        invalid.add(new KlarnaError.Invalid(at + ".total_amount", "must be an integer"));
        countable = false;
        continue;
      }
      if (quantity != null && quantity >= 1 && unit != null) {
        try {
          if (Math.multiplyExact(quantity, unit) != total) {
            invalid.add(
                new KlarnaError.Invalid(at + ".total_amount", "must equal quantity × unit_price"));
          }
        } catch (ArithmeticException e) {
          invalid.add(new KlarnaError.Invalid(at + ".total_amount", "is out of range"));
        }
      }
      try {
        sum = Math.addExact(sum, total);
      } catch (ArithmeticException e) {
        invalid.add(
            new KlarnaError.Invalid(p, "the total_amount of the line items is out of range"));
        return;
      }
    }
    if (countable && !items.isEmpty() && sum != amount) {
      invalid.add(
          new KlarnaError.Invalid(
              p, "the total_amount of the line items (" + sum + ") must equal the amount"));
    }
  }

  /** The value as a long if it is an integer that fits one, else null. */
  static Long exactLong(JsonValue value) {
    if (value instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.bigIntegerValueExact().longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * {@code request_payment_transaction.capture}: {@code "NOW"} captures the whole amount as the
   * transaction is created; {@code "LATER"} or none leaves it AUTHORIZED; anything else is refused.
   */
  static boolean captureNow(JsonObject transaction) {
    JsonValue capture = transaction == null ? null : transaction.get("capture");
    if (capture == null || capture == JsonValue.NULL) {
      return false;
    }
    if (capture instanceof jakarta.json.JsonString s
        && (s.getString().equals("NOW") || s.getString().equals("LATER"))) {
      return s.getString().equals("NOW");
    }
    throw KlarnaError.validation("request_payment_transaction.capture", "must be NOW or LATER");
  }

  /**
   * The fields of {@code payment_transaction} in an APPROVED answer, as Klarna documents them
   * (KLARNA-API.md §1.4, and {@code payment_captures} of an auto-capture, §10.2): no {@code state},
   * no amounts captured or refunded. A gateway learns the state from the captures, or by reading
   * the transaction.
   */
  static final List<String> APPROVED_TRANSACTION_FIELDS =
      List.of(
          "payment_transaction_id",
          "payment_transaction_reference",
          "amount",
          "currency",
          "payment_funding",
          "payment_pricing",
          "expires_at",
          "payment_captures");

  /** {@code supplementary_purchase_data.customer.email}, where a sandbox flag may sit (§11.8). */
  static String email(JsonObject purchase) {
    if (purchase != null
        && purchase.get("customer") instanceof JsonObject customer
        && customer.get("email") instanceof jakarta.json.JsonString email) {
      return email.getString();
    }
    return null;
  }

  private JsonObject approved(
      String account,
      String reference,
      long amount,
      String currency,
      boolean captureNow,
      String email) {
    JsonObject full = transactions.create(account, reference, amount, currency, captureNow, email);
    var documented = Json.createObjectBuilder();
    for (String field : APPROVED_TRANSACTION_FIELDS) {
      if (field.equals("payment_captures")) {
        var captures = Json.createArrayBuilder();
        for (JsonObject c : full.getJsonArray(field).getValuesAs(JsonObject.class)) {
          captures.add(
              Json.createObjectBuilder()
                  .add("payment_capture_id", c.getString("payment_capture_id"))
                  .add("amount", c.getJsonNumber("amount").longValue()));
        }
        if (captureNow) {
          documented.add(field, captures);
        }
      } else if (full.containsKey(field)) {
        documented.add(field, full.get(field));
      }
    }
    return Json.createObjectBuilder()
        .add(
            "payment_transaction_response",
            Json.createObjectBuilder()
                .add("result", "APPROVED")
                .add("payment_transaction", documented))
        .build();
  }

  private static String currency(JsonObject body, List<KlarnaError.Invalid> invalid) {
    String currency = body.getString("currency", null);
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      invalid.add(new KlarnaError.Invalid("currency", "must be an ISO 4217 code such as USD"));
    }
    return currency;
  }

  private static long amount(JsonObject transaction, List<KlarnaError.Invalid> invalid) {
    Long amount = exactLong(transaction.get("amount"));
    if (amount != null && amount >= 1) {
      return amount;
    }
    invalid.add(
        new KlarnaError.Invalid(
            "request_payment_transaction.amount",
            "must be an integer of at least 1 (minor units)"));
    return 0;
  }

  static JsonObject object(JsonObject json, String name) {
    return json != null && json.get(name) instanceof JsonObject o ? o : null;
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
