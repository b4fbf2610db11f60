package com.stepup.gateway.klarna;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;

/**
 * An initial authorize: the transaction, the purchase data, and how Klarna may step up. {@code
 * stepUp} is null for an authorize that allows no customer interaction. {@code partner} is what
 * Klarna's SDK gave the partner (a token, network data), sent under one name each: the current one,
 * or the older one when that is what the partner used (KLARNA-API.md §0; docs/klarna-wire.md).
 */
public record AuthorizeRequest(
    String currency,
    long amount,
    String transactionReference,
    PurchaseData purchase,
    PartnerData partner,
    StepUp stepUp,
    boolean captureNow) {

  /**
   * What Klarna's SDK gave the partner. {@code legacyTokenName}: the token goes in {@code
   * Klarna-Interoperability-Token} instead of {@code Klarna-Network-Session-Token}; {@code
   * legacyDataName}: the data goes in {@code interoperability_data} instead of {@code
   * klarna_network_data}.
   */
  public record PartnerData(
      String token, String networkData, boolean legacyTokenName, boolean legacyDataName) {

    public static final PartnerData NONE = new PartnerData(null, null, false, false);

    /** The header the token goes in (null when there is no token). */
    public String tokenHeader() {
      if (token == null) {
        return null;
      }
      return legacyTokenName ? KlarnaWire.INTEROPERABILITY_TOKEN : KlarnaWire.NETWORK_SESSION_TOKEN;
    }

    @Override
    public String toString() {
      return "PartnerData[token=" + (token == null ? "none" : "[redacted]") + "]";
    }
  }

  /**
   * {@code supplementary_purchase_data}: the reference, the lines (Klarna's shape), and the shopper
   * (personal data: never logged).
   */
  public record PurchaseData(
      String purchaseReference, JsonArray lineItems, Customer customer, Shipping shipping) {

    JsonObject toJson() {
      JsonObjectBuilder purchase = Json.createObjectBuilder();
      add(purchase, "purchase_reference", purchaseReference);
      if (lineItems != null && !lineItems.isEmpty()) {
        purchase.add("line_items", lineItems);
      }
      if (customer != null) {
        purchase.add("customer", customer.toJson());
      }
      if (shipping != null) {
        // a list in Klarna's schema (one entry per parcel); the gateway has one
        purchase.add("shipping", Json.createArrayBuilder().add(shipping.toJson()));
      }
      return purchase.build();
    }

    @Override
    public String toString() {
      return "PurchaseData[" + purchaseReference + ", personal data redacted]";
    }
  }

  /** {@code supplementary_purchase_data.customer}. */
  public record Customer(String email, String phone, String givenName, String familyName) {
    JsonObject toJson() {
      JsonObjectBuilder json = Json.createObjectBuilder();
      add(json, "given_name", givenName);
      add(json, "family_name", familyName);
      add(json, "email", email);
      add(json, "phone", phone);
      return json.build();
    }

    @Override
    public String toString() {
      return "Customer[redacted]";
    }
  }

  /** One entry of {@code supplementary_purchase_data.shipping}. */
  public record Shipping(Customer recipient, KlarnaStore.Address address, String method) {
    JsonObject toJson() {
      JsonObjectBuilder json = Json.createObjectBuilder();
      if (recipient != null) {
        json.add("recipient", recipient.toJson());
      }
      if (address != null) {
        json.add("address", KlarnaStore.addressJson(address));
      }
      add(json, "shipping_method", method);
      return json.build();
    }

    @Override
    public String toString() {
      return "Shipping[redacted]";
    }
  }

  /**
   * {@code step_up_config}: QR_CODE at a store's terminal, or a HANDOVER online; {@code expiry} the
   * Purchase Journey's lifetime (null: Klarna's default, 3 hours).
   */
  public record StepUp(
      String paymentRequestReference,
      String method,
      String returnUrl,
      String appReturnUrl,
      String storeId,
      String storeReference,
      String terminalReference,
      Duration expiry) {

    public static StepUp qrCode(
        String reference, String storeId, String storeReference, String terminalReference) {
      return new StepUp(
          reference, "QR_CODE", null, null, storeId, storeReference, terminalReference, null);
    }

    /**
     * Online: Klarna asks for the store (its {@code store_id}, else our {@code store_reference})
     * when the partner has several, so it is always named.
     */
    public static StepUp handover(
        String reference,
        String returnUrl,
        String appReturnUrl,
        String storeId,
        String storeReference) {
      return new StepUp(
          reference, "HANDOVER", returnUrl, appReturnUrl, storeId, storeReference, null, null);
    }

    /** The same, with the Purchase Journey's lifetime. */
    public StepUp expiring(Duration lifetime) {
      return new StepUp(
          paymentRequestReference,
          method,
          returnUrl,
          appReturnUrl,
          storeId,
          storeReference,
          terminalReference,
          lifetime);
    }

    JsonObject toJson() {
      JsonObjectBuilder interaction = Json.createObjectBuilder().add("method", method);
      add(interaction, "return_url", returnUrl);
      add(interaction, "app_return_url", appReturnUrl);
      if (expiry != null) {
        interaction.add(
            "interaction_expiry", Json.createObjectBuilder().add("duration", expiry.toString()));
      }
      if (storeId != null || storeReference != null) {
        interaction.add(
            "point_of_checkout",
            storeId != null
                ? Json.createObjectBuilder().add("store_id", storeId)
                : Json.createObjectBuilder().add("store_reference", storeReference));
      }
      if ("QR_CODE".equals(method)) {
        interaction.add(
            "point_of_transaction",
            Json.createObjectBuilder()
                .add("type", "TERMINAL")
                .add("terminal_reference", terminalReference));
      }
      return Json.createObjectBuilder()
          .add("payment_request_reference", paymentRequestReference)
          .add("customer_interaction_config", interaction)
          .build();
    }
  }

  /** The partner's order reference ({@code supplementary_purchase_data.purchase_reference}). */
  public String purchaseReference() {
    return purchase == null ? null : purchase.purchaseReference();
  }

  /** Klarna's request body. */
  public JsonObject toJson() {
    JsonObjectBuilder body =
        Json.createObjectBuilder(finalBody(currency, amount, transactionReference, captureNow))
            .add(
                "supplementary_purchase_data",
                (purchase == null ? new PurchaseData(null, null, null, null) : purchase).toJson());
    PartnerData from = partner == null ? PartnerData.NONE : partner;
    if (from.networkData() != null) {
      body.add(
          from.legacyDataName() ? KlarnaWire.INTEROPERABILITY_DATA : KlarnaWire.NETWORK_DATA,
          from.networkData());
    }
    if (stepUp != null) {
      body.add("step_up_config", stepUp.toJson());
    }
    return body.build();
  }

  /**
   * The final authorize's body, and the core of the initial one: amount, currency, reference, and
   * {@code capture: "NOW"} when the transaction it creates is to be captured at once (auto-capture,
   * KLARNA-API.md §10.2).
   */
  public static JsonObject finalBody(
      String currency, long amount, String transactionReference, boolean captureNow) {
    JsonObjectBuilder transaction =
        Json.createObjectBuilder()
            .add("amount", amount)
            .add("payment_transaction_reference", transactionReference);
    if (captureNow) {
      transaction.add("capture", "NOW");
    }
    return Json.createObjectBuilder()
        .add("currency", currency)
        .add("request_payment_transaction", transaction)
        .build();
  }

  private static void add(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }
}
