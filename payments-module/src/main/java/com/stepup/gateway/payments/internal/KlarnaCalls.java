package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/** How a Klarna call of a payment is keyed and written into its timeline (tokens redacted). */
final class KlarnaCalls {

  private KlarnaCalls() {}

  /** A stable key per payment and step: every retry of the step is the same call to Klarna. */
  static String idempotencyKey(String paymentId, String step) {
    return UUID.nameUUIDFromBytes((paymentId + ":" + step).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * After an APPROVED answer whose transaction state is in doubt ({@link
   * Payment#transactionUnclear()}, asked of the payment as the answer was recorded): reads the
   * transaction and applies what Klarna holds; answers whether it did. A failed read changes
   * nothing; the transaction's webhook or a later read tells.
   */
  static boolean readIfUnclear(
      PaymentRepository repository, KlarnaPayments klarna, Clock clock, Payment answered) {
    if (!answered.transactionUnclear()) {
      return false;
    }
    try {
      KlarnaTransaction t =
          klarna.readTransaction(answered.partnerAccountId(), answered.transactionId());
      repository.changeIfThere(
          answered.id(),
          q ->
              q.whenAuthorized()
                  .map(
                      a ->
                          a.learnTransaction(
                              t, "read after an auto-capture answer", clock.instant()))
                  .orElse(false));
      return true;
    } catch (KlarnaException unread) {
      return false; // the transaction's webhook, or the janitor's read at its expiry, tells later
    }
  }

  /** What was sent and what came back, for the timeline. */
  static String detail(JsonObject sent, JsonObject answer) {
    return Json.createObjectBuilder()
        .add("request", Redaction.redact(sent))
        .add("response", Redaction.redact(answer))
        .build()
        .toString();
  }

  /** The body sent with the token header named (its value never). */
  static JsonObject withTokenHeader(String tokenHeader, JsonObject body) {
    return Json.createObjectBuilder()
        .add("token_header", tokenHeader + ": " + Redaction.REDACTED)
        .add("body", body)
        .build();
  }

  /** Klarna's error as the timeline keeps it. */
  static JsonObject error(KlarnaException e) {
    var json = Json.createObjectBuilder().add("http_status", e.status());
    if (e.errorCode() != null) {
      json.add("error_code", e.errorCode());
    }
    if (e.getMessage() != null) {
      json.add("error_message", e.getMessage());
    }
    if (e.correlationId() != null) {
      json.add("correlation_id", e.correlationId());
    }
    var invalid = Json.createArrayBuilder();
    e.validationErrors()
        .forEach(
            i ->
                invalid.add(
                    Json.createObjectBuilder()
                        .add("parameter", i.parameter())
                        .add("reason", i.reason())));
    return json.add("validation_errors", invalid).build();
  }
}
