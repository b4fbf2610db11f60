package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
  Transactions transactions;
  SandboxClock clock;

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    transactions = new Transactions();
    transactions.clock = clock;
    transactions.notifications =
        new Notifications() {
          @Override
          void publishTransaction(
              String account, String transactionId, String state, JsonObject payload) {
            events.add(state + " from " + payload.getString("previous_state"));
          }
        };
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
    assertThat(status(() -> transactions.refund(ACCOUNT, id, amount(1)))).isEqualTo(400);
    String cap = transactions.capture(ACCOUNT, id, amount(3000)).getString("payment_capture_id");
    transactions.capture(ACCOUNT, id, amount(2000));
    JsonObject ofCapture =
        Json.createObjectBuilder().add("amount", 3001).add("payment_capture_id", cap).build();
    assertThat(status(() -> transactions.refund(ACCOUNT, id, ofCapture))).isEqualTo(400);
    JsonObject other =
        Json.createObjectBuilder().add("amount", 1).add("payment_capture_id", "nope").build();
    assertThat(status(() -> transactions.refund(ACCOUNT, id, other))).isEqualTo(400);
    transactions.refund(ACCOUNT, id, amount(5000));
    assertThat(status(() -> transactions.refund(ACCOUNT, id, amount(1)))).isEqualTo(400);
  }

  @Test
  void aVoidClosesAnUncapturedTransactionAndCompletesAPartlyCapturedOne() {
    String none = authorized(5000);
    assertThat(transactions.voidTransaction(ACCOUNT, none).getString("state")).isEqualTo("CLOSED");
    assertThat(status(() -> transactions.refund(ACCOUNT, none, amount(1)))).isEqualTo(409);
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
    transactions.refund(ACCOUNT, part, amount(500)); // refunds go on after expiry
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
      Transactions.Transaction t = transactions.get(ACCOUNT, id);
      synchronized (t) {
        t.captures.add(new Transactions.Capture("c" + i, 0, clock.instant()));
      }
    }
    assertThat(status(() -> transactions.capture(ACCOUNT, id, amount(1)))).isEqualTo(403);
  }
}
