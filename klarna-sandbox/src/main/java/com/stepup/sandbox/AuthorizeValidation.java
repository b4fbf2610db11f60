package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Klarna refuses in an authorize, initial or final (KLARNA-API.md §1, §3, §5): the amount,
 * currency and reference, line items, purchase data, the step-up configuration and its store. The
 * rules for amounts and line items are also those of a capture or refund ({@link Transactions}).
 * Every broken rule is reported at once, as one 400 naming each field.
 */
@ApplicationScoped
public class AuthorizeValidation {

  static final Duration DEFAULT_EXPIRY = Duration.ofHours(3);
  static final Duration MIN_EXPIRY = Duration.ofMinutes(15);
  static final Duration MAX_EXPIRY = Duration.ofHours(48);

  private final SandboxStores stores;

  @Inject
  AuthorizeValidation(SandboxStores stores) {
    this.stores = stores;
  }

  /** For CDI's client proxy only. */
  protected AuthorizeValidation() {
    this(null);
  }

  /** An initial authorize Klarna accepts; {@code stepUp} and {@code interaction} may be null. */
  record Initial(
      String currency,
      long amount,
      String transactionReference,
      boolean captureNow,
      JsonObject purchase,
      JsonObject stepUp,
      JsonObject interaction,
      Duration expiry) {}

  /** A final authorize's body Klarna accepts. */
  record Final(String currency, long amount, JsonObject transaction, JsonObject purchase) {}

  /** The initial authorize's body, or a 400 with every rule it breaks. */
  Initial initial(String account, JsonObject body) {
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
    // refuses a capture value Klarna does not know before anything else
    boolean captureNow = captureNow(transaction);
    JsonObject stepUp = object(body, "step_up_config");
    JsonObject interaction = stepUp == null ? null : object(stepUp, "customer_interaction_config");
    Duration expiry = DEFAULT_EXPIRY;
    if (stepUp != null) {
      expiry = stepUp(account, interaction, invalid);
    }
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    return new Initial(
        currency, amount, transactionRef, captureNow, purchase, stepUp, interaction, expiry);
  }

  /** The final authorize's body, or a 400 with every rule it breaks. */
  static Final finalBody(JsonObject body) {
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
    return new Final(currency, amount, transaction, object(body, "supplementary_purchase_data"));
  }

  private Duration stepUp(
      String account, JsonObject interaction, List<KlarnaError.Invalid> invalid) {
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
    } catch (URISyntaxException e) {
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

  /**
   * Klarna's line-item rules, for the {@code line_items} of {@code holder} (reported as {@code p}):
   * each a name, an integer quantity of at least 1 and integer amounts, {@code quantity ×
   * unit_price = total_amount} when a unit price is given, and their totals add up to the amount
   * exactly (no overflow).
   */
  static void checkLineItems(
      JsonObject holder, String p, long amount, List<KlarnaError.Invalid> invalid) {
    JsonObject purchase = holder;
    if (purchase == null || !purchase.containsKey("line_items")) {
      return;
    }
    if (!(purchase.get("line_items") instanceof JsonArray items)) {
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
      if (!(line.get("name") instanceof JsonString name) || name.getString().isBlank()) {
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
    if (capture instanceof JsonString s
        && (s.getString().equals("NOW") || s.getString().equals("LATER"))) {
      return s.getString().equals("NOW");
    }
    throw KlarnaError.validation("request_payment_transaction.capture", "must be NOW or LATER");
  }

  /** {@code supplementary_purchase_data.customer.email}, where a sandbox flag may sit (§11.8). */
  static String email(JsonObject purchase) {
    if (purchase != null
        && purchase.get("customer") instanceof JsonObject customer
        && customer.get("email") instanceof JsonString email) {
      return email.getString();
    }
    return null;
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
}
