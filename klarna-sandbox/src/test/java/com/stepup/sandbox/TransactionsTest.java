package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Payment Transaction's rules as the sandbox keeps them (KLARNA-API.md §10.4). */
class TransactionsTest {

  static final String ACCOUNT = "krn:partner:global:account:test:1";

  final List<String> events = new ArrayList<>();
  final List<JsonObject> moves = new ArrayList<>();
  final List<String> moveTypes = new ArrayList<>();
  Transactions transactions;
  SandboxClock clock;

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    SigningKeys keys = new SigningKeys(clock);
    Webhooks webhooks =
        new Webhooks(clock, keys, new WebhookDeliveries(clock, new Faults(), keys)) {
          @Override
          void publishTransaction(
              String account, String transactionId, TransactionState state, JsonObject payload) {
            events.add(state + " from " + payload.getString("previous_state"));
          }

          @Override
          void publishTransactionEvent(
              String account, String transactionId, String type, JsonObject payload) {
            moves.add(payload);
            moveTypes.add(type);
          }
        };
    transactions = new Transactions(clock, webhooks, new Ledger(clock));
  }

  String authorized(long amount) {
    return transactions
        .create(ACCOUNT, "pay_1", amount, "EUR", false)
        .getString("payment_transaction_id");
  }

  static JsonObject amount(long amount) {
    return Json.createObjectBuilder().add("amount", amount).build();
  }

  static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (KlarnaError e) {
      return e.status();
    }
  }

  @Test
  void capturesInPartsUpToTheAuthorizationThenCompleted() {
    String id = authorized(10000);
    JsonObject first = transactions.capture(ACCOUNT, id, amount(4000));
    assertThat(first.getString("payment_capture_id")).startsWith("krn:payment:eu1:capture:");
    assertThatThrownBy(() -> transactions.capture(ACCOUNT, id, amount(6001)))
        .isInstanceOf(KlarnaError.class)
        .satisfies(e -> assertThat(((KlarnaError) e).body().toString()).contains("(6000)"));
    JsonObject rest = transactions.capture(ACCOUNT, id, amount(6000));
    assertThat(rest.getJsonObject("payment_transaction").getString("state")).isEqualTo("COMPLETED");
    assertThat(status(() -> transactions.capture(ACCOUNT, id, amount(1)))).isEqualTo(409);
    assertThat(status(() -> transactions.voidTransaction(ACCOUNT, id))).isEqualTo(409);
    assertThat(events).containsExactly("AUTHORIZED from NONE", "COMPLETED from AUTHORIZED");
  }

  static JsonObject shipped(String shippingInfo) {
    return Json.createReader(
            new StringReader("{\"amount\":1000,\"shipping_info\":" + shippingInfo + "}"))
        .readObject();
  }

  @Test
  void aCapturesShippingInfoIsKlarnasShape() {
    String id = authorized(10000);
    for (String bad :
        List.of(
            "{}",
            "[42]",
            "[{\"tracking_number\":\"1Z\",\"carrier\":\"UPS\"}]",
            "[{\"tracking_number\":12345}]",
            "[{\"tracking_url\":\"javascript:alert(1)\"}]",
            "[{\"shipping_carrier\":\"" + "x".repeat(101) + "\"}]")) {
      assertThat(status(() -> transactions.capture(ACCOUNT, id, shipped(bad))))
          .as(bad)
          .isEqualTo(400);
    }
    assertThat(
            transactions
                .capture(
                    ACCOUNT,
                    id,
                    shipped(
                        "[{\"tracking_number\":\"1Z999AA10123456784\",\"tracking_url\":"
                            + "\"https://track.example/1Z\",\"shipping_carrier\":\"UPS\"}]"))
                .getString("payment_capture_id"))
        .startsWith("krn:payment:eu1:capture:");
  }

  @Test
  void captureNeedsAWholePositiveAmountAndLinesThatAddUp() {
    String id = authorized(10000);
    assertThat(status(() -> transactions.capture(ACCOUNT, id, amount(0)))).isEqualTo(400);
    JsonObject lines =
        Json.createObjectBuilder()
            .add("amount", 3000)
            .add(
                "line_items",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("name", "Shoes")
                            .add("quantity", 1)
                            .add("unit_price", 2000)
                            .add("total_amount", 2000)))
            .build();
    assertThat(status(() -> transactions.capture(ACCOUNT, id, lines))).isEqualTo(400);
    assertThat(status(() -> transactions.capture("krn:other", id, amount(1)))).isEqualTo(404);
  }

  @Test
  void refundsOnlyWhatWasCapturedOfTheNamedCaptureAndNeverOnceClosed() {
    String id = authorized(10000);
    assertThat(status(() -> transactions.refund(ACCOUNT, id, null, amount(1)))).isEqualTo(400);
    String cap = transactions.capture(ACCOUNT, id, amount(3000)).getString("payment_capture_id");
    transactions.capture(ACCOUNT, id, amount(2000));
    assertThat(status(() -> transactions.refund(ACCOUNT, id, cap, amount(3001)))).isEqualTo(400);
    assertThat(status(() -> transactions.refund(ACCOUNT, id, "nope", amount(1))))
        .as("no such capture of this transaction")
        .isEqualTo(404);
    transactions.refund(ACCOUNT, id, null, amount(5000));
    assertThat(status(() -> transactions.refund(ACCOUNT, id, null, amount(1)))).isEqualTo(400);
  }

  @Test
  void aVoidClosesAnUncapturedTransactionAndCompletesAPartlyCapturedOne() {
    String none = authorized(5000);
    assertThat(transactions.voidTransaction(ACCOUNT, none).getString("state")).isEqualTo("CLOSED");
    assertThat(status(() -> transactions.refund(ACCOUNT, none, null, amount(1)))).isEqualTo(409);
    String part = authorized(5000);
    transactions.capture(ACCOUNT, part, amount(1000));
    assertThat(transactions.voidTransaction(ACCOUNT, part).getString("state"))
        .isEqualTo("COMPLETED");
  }

  @Test
  void theAuthorizationExpiresOnTheSandboxClockThenClosesOrCompletesAWeekLater() {
    String none = authorized(5000);
    String part = authorized(5000);
    transactions.capture(ACCOUNT, part, amount(1000));
    clock.advance(Duration.ofDays(28));
    transactions.sweep(Duration.ofDays(30));
    assertThat(transactions.get(ACCOUNT, none).toJson().getString("state")).isEqualTo("EXPIRED");
    assertThat(status(() -> transactions.capture(ACCOUNT, part, amount(1)))).isEqualTo(409);
    transactions.refund(ACCOUNT, part, null, amount(500)); // refunds go on after expiry
    clock.advance(Duration.ofDays(7));
    assertThat(transactions.get(ACCOUNT, none).toJson().getString("state")).isEqualTo("CLOSED");
    assertThat(transactions.get(ACCOUNT, part).toJson().getString("state")).isEqualTo("COMPLETED");
    assertThat(events).contains("EXPIRED from AUTHORIZED", "CLOSED from EXPIRED");
  }

  @Test
  void captureNowCreatesItCompletedWithOneCaptureOfTheWhole() {
    JsonObject t = transactions.create(ACCOUNT, "pay_2", 7000, "EUR", true);
    assertThat(t.getString("state")).isEqualTo("COMPLETED");
    assertThat(t.getJsonArray("payment_captures")).hasSize(1);
    assertThat(t.getJsonNumber("captured_amount").longValue()).isEqualTo(7000);
  }

  @Test
  void twoHundredCapturesThenForbidden() {
    String id = authorized(1000);
    for (int i = 0; i < Transactions.MAX_CAPTURES; i++) {
      Transaction t = transactions.get(ACCOUNT, id);
      synchronized (t) {
        t.captures.add(new Transaction.Capture("c" + i, 0, clock.instant()));
      }
    }
    assertThat(status(() -> transactions.capture(ACCOUNT, id, amount(1)))).isEqualTo(403);
  }

  @Test
  void aRefundOfACaptureAndARefundOfTheTransactionAreTwoOperations() {
    String id = authorized(10000);
    String cap = transactions.capture(ACCOUNT, id, amount(3000)).getString("payment_capture_id");
    JsonObject merged =
        Json.createObjectBuilder().add("amount", 100).add("payment_capture_id", cap).build();
    assertThatThrownBy(() -> transactions.refund(ACCOUNT, id, null, merged))
        .isInstanceOf(KlarnaError.class)
        .satisfies(
            e ->
                assertThat(((KlarnaError) e).body().toString())
                    .contains("\"parameter\":\"payment_capture_id\"")
                    .contains("its own operation"));
    JsonObject ofCapture = transactions.refund(ACCOUNT, id, cap, amount(1000));
    assertThat(ofCapture.getString("payment_capture_id")).isEqualTo(cap);
    JsonObject ofTransaction = transactions.refund(ACCOUNT, id, null, amount(500));
    assertThat(ofTransaction).doesNotContainKey("payment_capture_id");
    JsonObject unknown = Json.createObjectBuilder().add("amount", 1).add("colour", "red").build();
    assertThat(status(() -> transactions.refund(ACCOUNT, id, null, unknown))).isEqualTo(400);
  }

  @Test
  void everyCaptureAndRefundIsAnnouncedWithTheTransactionAfterIt() {
    String id = authorized(10000);
    String cap = transactions.capture(ACCOUNT, id, amount(4000)).getString("payment_capture_id");
    transactions.refund(ACCOUNT, id, cap, amount(1000));
    assertThat(moveTypes)
        .containsExactly("payment.transaction.captured", "payment.transaction.refunded");
    assertThat(moves.get(0).getString("payment_capture_id")).isEqualTo(cap);
    assertThat(moves.get(0).getInt("amount")).isEqualTo(4000);
    assertThat(moves.get(0).getString("payment_transaction_id")).isEqualTo(id);
    JsonObject refunded = moves.get(1);
    assertThat(refunded.getString("payment_refund_id")).startsWith("krn:payment:eu1:refund:");
    assertThat(refunded.getString("payment_capture_id")).isEqualTo(cap);
    assertThat(refunded.getJsonObject("payment_transaction").getInt("refunded_amount"))
        .isEqualTo(1000);

    moves.clear();
    transactions.create(ACCOUNT, "pay_2", 500, "EUR", true);
    assertThat(moves).as("an auto-capture is a capture too").hasSize(1);
  }
}
