package com.stepup.gateway.klarna;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What Klarna says about a Payment Request, from an authorize answer, a read, a cancel or a webhook
 * payload. Tokens are present only when the request is COMPLETED.
 */
public record KlarnaPaymentRequest(
    String id,
    String reference,
    String state,
    String previousState,
    String stateReason,
    Instant expiresAt,
    Instant updatedAt,
    String qrImageUrl,
    String qrTargetUrl,
    String paymentRequestUrl,
    String networkSessionToken,
    String paymentToken) {

  /** Reads Klarna's Payment Request object (or a webhook's payload, which has the same names). */
  public static KlarnaPaymentRequest from(JsonObject json) {
    JsonObject context = object(json, "state_context");
    JsonObject interaction = object(context, "customer_interaction");
    JsonObject qr = object(interaction, "qr_code");
    return new KlarnaPaymentRequest(
        json.getString("payment_request_id", null),
        json.getString("payment_request_reference", null),
        json.getString("state", null),
        json.getString("previous_state", null),
        json.getString("state_reason", null),
        instant(json.getString("expires_at", null)),
        instant(json.getString("updated_at", null)),
        text(qr, "image_url"),
        text(qr, "target_url"),
        text(interaction, "payment_request_url"),
        json.getString(
            "klarna_network_session_token", text(context, "klarna_network_session_token")),
        json.getString("payment_token", text(context, "payment_token")));
  }

  /** The token for the final authorization, and the header Klarna expects it in. */
  public FinalAuthorizationToken token() {
    if (networkSessionToken != null) {
      return new FinalAuthorizationToken(
          FinalAuthorizationToken.NETWORK_SESSION_TOKEN, networkSessionToken);
    }
    return paymentToken == null
        ? null
        : new FinalAuthorizationToken(FinalAuthorizationToken.PAYMENT_TOKEN, paymentToken);
  }

  private static JsonObject object(JsonObject json, String name) {
    return json != null && json.get(name) instanceof JsonObject o ? o : null;
  }

  private static String text(JsonObject json, String name) {
    return json == null ? null : json.getString(name, null);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
