package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Payments in the situations the tests need, built through the payment's own decisions. */
final class PaymentFixture {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String PR = "krn:payment:eu1:request:1";
  static final String TOKEN = "krn:payment:eu1:klarna-network-session-token:abc";

  static final PaymentPolicy POLICY =
      new PaymentPolicy(
          Duration.ofSeconds(30),
          Duration.ofHours(24),
          Duration.ofSeconds(60),
          new ReadSchedule(Duration.ofSeconds(60), Duration.ofMinutes(10)));

  private PaymentFixture() {}

  /** A new online payment whose authorize has not been answered. */
  static Payment newOnlinePayment() {
    return newPayment(Payment.CaptureMode.MANUAL);
  }

  /** A new payment captured with its authorization (an in-store sale's default). */
  static Payment newAutoCapturedPayment() {
    return newPayment(Payment.CaptureMode.AUTOMATIC);
  }

  private static Payment newPayment(Payment.CaptureMode captureMode) {
    Payment p = Payment.start("pay_1", onlineOrder(captureMode), T0, POLICY);
    p.initialAuthorize().beginAuthorize(T0, POLICY);
    return p;
  }

  /** Klarna asked for a step-up: the shopper has a Payment Request to open. */
  static Payment submitted() {
    Payment p = newOnlinePayment();
    p.initialAuthorize().recordAuthorizeAnswer(stepUp(), "{}", T0, POLICY);
    p.changes().drainRecorded();
    p.changes().drainNotices();
    return p;
  }

  /** The shopper approved: Klarna's token is in hand, the final authorization is due. */
  static Payment completedWithToken(Instant completedAt) {
    Payment p = submitted();
    p.stepUp()
        .applyKlarnaState(
            request("COMPLETED", completedAt, TOKEN), "webhook", false, completedAt, POLICY);
    p.changes().drainRecorded();
    return p;
  }

  /** What a web shop asks for: $118.00 of order-1, handed over to Klarna, no terminal. */
  static Payment.Order onlineOrder(Payment.CaptureMode captureMode) {
    return new Payment.Order(
        "mer_1",
        "krn:partner:global:account:test:1",
        Payment.Method.HANDOVER,
        new Money(11800, "USD"),
        "order-1",
        "sto_1",
        "web-001",
        /* terminalId */ null,
        /* terminalReference */ null,
        "https://shop.example/done",
        /* appReturnUrl */ null,
        "{\"amount\":11800,\"klarna_network_session_token\":\"secret\"}",
        "hash",
        /* idempotencyKey */ null,
        captureMode);
  }

  static AuthorizeResult stepUp() {
    return new AuthorizeResult(
        AuthorizeResult.STEP_UP_REQUIRED,
        null,
        null,
        request("SUBMITTED", T0, null),
        JsonValue.EMPTY_JSON_OBJECT);
  }

  static AuthorizeResult approved(String transactionId) {
    return new AuthorizeResult(
        AuthorizeResult.APPROVED, null, transactionId, null, JsonValue.EMPTY_JSON_OBJECT);
  }

  /**
   * APPROVED as Klarna documents an auto-capture's answer: the transaction with its captures, and
   * no state.
   */
  static AuthorizeResult approvedWithCaptures(String transactionId, long... captures) {
    var list = Json.createArrayBuilder();
    for (int i = 0; i < captures.length; i++) {
      list.add(
          Json.createObjectBuilder()
              .add("payment_capture_id", "krn:capture:" + i)
              .add("amount", captures[i]));
    }
    var raw =
        Json.createObjectBuilder()
            .add(
                "payment_transaction_response",
                Json.createObjectBuilder()
                    .add("result", "APPROVED")
                    .add(
                        "payment_transaction",
                        Json.createObjectBuilder()
                            .add("payment_transaction_id", transactionId)
                            .add("amount", 11800)
                            .add("currency", "USD")
                            .add("payment_captures", list)))
            .build();
    return AuthorizeResult.from(raw);
  }

  static AuthorizeResult declined(String reason) {
    return new AuthorizeResult(
        AuthorizeResult.DECLINED, reason, null, null, JsonValue.EMPTY_JSON_OBJECT);
  }

  static KlarnaPaymentRequest request(String state, Instant updatedAt, String token) {
    return KlarnaRequestFixture.in(state).updatedAt(updatedAt).token(token).build();
  }

  static KlarnaException noAnswer() {
    return KlarnaException.unreachable(new SocketTimeoutException("read timed out"));
  }

  /** Klarna's answer to a repeat of a key whose first call is still running. */
  static KlarnaException inFlight() {
    return new KlarnaException(
        409,
        "RESOURCE_ERROR",
        "RESOURCE_CONFLICT",
        "Idempotent operation with this key is still in progress",
        null,
        List.of());
  }

  static KlarnaException refused(int status) {
    return new KlarnaException(
        status, "INPUT_ERROR", "VALIDATION_ERROR", "refused", null, List.of());
  }
}
