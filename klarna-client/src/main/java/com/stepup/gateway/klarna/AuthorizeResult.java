package com.stepup.gateway.klarna;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * Klarna's answer to an authorize: {@code APPROVED} with a transaction, {@code DECLINED}, or {@code
 * STEP_UP_REQUIRED} with a Payment Request. {@code raw} is the body as Klarna sent it.
 */
public record AuthorizeResult(
    String result,
    String resultReason,
    String transactionId,
    KlarnaPaymentRequest paymentRequest,
    JsonObject raw) {

  public static final String APPROVED = "APPROVED";
  public static final String DECLINED = "DECLINED";
  public static final String STEP_UP_REQUIRED = "STEP_UP_REQUIRED";

  /** The transaction an APPROVED answer created (with its auto-capture, if any), else null. */
  public KlarnaTransaction transaction() {
    return raw.get("payment_transaction_response") instanceof JsonObject r
            && r.get("payment_transaction") instanceof JsonObject t
        ? KlarnaTransaction.from(t)
        : null;
  }

  public static AuthorizeResult from(JsonObject body) {
    JsonObject response =
        body.get("payment_transaction_response") instanceof JsonObject o
            ? o
            : JsonObject.EMPTY_JSON_OBJECT;
    JsonObject transaction = response.get("payment_transaction") instanceof JsonObject t ? t : null;
    KlarnaPaymentRequest request =
        body.get("payment_request") instanceof JsonObject pr ? KlarnaPaymentRequest.from(pr) : null;
    String result = response.getString("result", null);
    if (result == null
        || (APPROVED.equals(result) && transaction == null)
        || (STEP_UP_REQUIRED.equals(result) && (request == null || request.id() == null))) {
      throw new KlarnaException(
          200,
          "TECHNICAL_ERROR",
          "UNEXPECTED_RESPONSE",
          "Klarna's authorize answer has no usable result",
          null,
          List.of());
    }
    return new AuthorizeResult(
        result,
        response.getString("result_reason", null),
        transaction == null ? null : transaction.getString("payment_transaction_id", null),
        request,
        body);
  }
}
