package com.stepup.gateway.klarna;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * An initial authorize: the transaction, the purchase data, and how Klarna may step up. {@code
 * stepUp} is null for an authorize that allows no customer interaction. {@code partnerToken} and
 * {@code networkData} come from Klarna's SDK on the partner's side and are forwarded under both
 * their current and legacy names.
 */
public record AuthorizeRequest(
    String currency,
    long amount,
    String transactionReference,
    String purchaseReference,
    JsonArray lineItems,
    String partnerToken,
    String networkData,
    StepUp stepUp,
    boolean captureNow) {

  /** {@code step_up_config}: QR_CODE at a store's terminal, or a HANDOVER online. */
  public record StepUp(
      String paymentRequestReference,
      String method,
      String returnUrl,
      String appReturnUrl,
      String storeId,
      String storeReference,
      String terminalReference) {

    public static StepUp qrCode(
        String reference, String storeId, String storeReference, String terminalReference) {
      return new StepUp(
          reference, "QR_CODE", null, null, storeId, storeReference, terminalReference);
    }

    public static StepUp handover(String reference, String returnUrl, String appReturnUrl) {
      return new StepUp(reference, "HANDOVER", returnUrl, appReturnUrl, null, null, null);
    }

    JsonObject toJson() {
      JsonObjectBuilder interaction = Json.createObjectBuilder().add("method", method);
      add(interaction, "return_url", returnUrl);
      add(interaction, "app_return_url", appReturnUrl);
      if ("QR_CODE".equals(method)) {
        interaction.add(
            "point_of_checkout",
            storeId != null
                ? Json.createObjectBuilder().add("store_id", storeId)
                : Json.createObjectBuilder().add("store_reference", storeReference));
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

  /** Klarna's request body. */
  public JsonObject toJson() {
    JsonObjectBuilder purchase = Json.createObjectBuilder();
    add(purchase, "purchase_reference", purchaseReference);
    if (lineItems != null && !lineItems.isEmpty()) {
      purchase.add("line_items", lineItems);
    }
    JsonObjectBuilder body =
        Json.createObjectBuilder(finalBody(currency, amount, transactionReference, captureNow))
            .add("supplementary_purchase_data", purchase);
    add(body, "klarna_network_data", networkData);
    add(body, "interoperability_data", networkData);
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
