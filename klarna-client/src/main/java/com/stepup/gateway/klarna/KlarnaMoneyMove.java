package com.stepup.gateway.klarna;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * Klarna's answer to a capture or a refund: the id it gave it ({@code payment_capture_id} or {@code
 * payment_refund_id}), the amount it moved, the transaction's state after it when Klarna says, and
 * the body as sent.
 */
public record KlarnaMoneyMove(String id, long amount, String transactionState, JsonObject raw) {

  public static KlarnaMoneyMove from(JsonObject json, String idField) {
    String id = json.getString(idField, null);
    if (id == null || id.isBlank()) {
      throw new KlarnaException(
          200,
          "TECHNICAL_ERROR",
          "UNEXPECTED_RESPONSE",
          "Klarna's answer names no " + idField,
          null,
          List.of());
    }
    String state =
        json.get("payment_transaction") instanceof JsonObject t
            ? t.getString("state", null)
            : json.getString("payment_transaction_state", null);
    return new KlarnaMoneyMove(id, KlarnaTransaction.number(json, "amount"), state, json);
  }

  public static KlarnaMoneyMove capture(JsonObject json) {
    return from(json, "payment_capture_id");
  }

  public static KlarnaMoneyMove refund(JsonObject json) {
    return from(json, "payment_refund_id");
  }
}
