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

/**
 * The one sweep that applies the sandbox clock to every part: payment requests, transactions and
 * disputes each move when their time comes, and a flagged capture's dispute opens 3 s after it,
 * though no part knows another.
 */
class SandboxTickerTest {

  static final String ACCOUNT = "krn:partner:global:account:test:1";

  final List<String> events = new ArrayList<>();
  SandboxClock clock;
  PaymentRequests requests;
  Transactions transactions;
  SandboxTicker ticker;

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    SigningKeys keys = new SigningKeys(clock);
    WebhookDeliveries deliveries = new WebhookDeliveries(clock, new Faults(), keys);
    Webhooks webhooks =
        new Webhooks(clock, keys, deliveries) {
          @Override
          void publish(PaymentRequest request, PaymentRequestState state) {
            events.add(state.eventType());
          }

          @Override
          void publishTransactionEvent(String account, String id, String type, JsonObject payload) {
            events.add(type);
          }

          @Override
          void publishDispute(String account, String id, String type, JsonObject payload) {
            events.add(type);
          }
        };
    SandboxStores stores = new SandboxStores(clock);
    Ledger ledger = new Ledger(clock);
    transactions = new Transactions(clock, webhooks, ledger);
    requests =
        new PaymentRequests(
            clock,
            stores,
            new AuthorizeValidation(stores),
            new FinalAuthorizations(clock, transactions),
            webhooks);
    Disputes disputes = new Disputes(clock, transactions, webhooks, ledger);
    ticker =
        new SandboxTicker(requests, transactions, disputes, new Idempotency(clock), deliveries);
  }

  static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  static String authorize(String email, String extra) {
    return "{\"currency\":\"EUR\",\"request_payment_transaction\":{\"amount\":1000,"
        + "\"payment_transaction_reference\":\"pay_1\""
        + extra
        + "},\"supplementary_purchase_data\":{\"customer\":{\"email\":\""
        + email
        + "\"}}}";
  }

  @Test
  void eachPartMovesWhenTheClockReachesItAndNoSooner() {
    String requestId =
        requests
            .authorize(
                ACCOUNT,
                json(
                    "{\"currency\":\"EUR\",\"request_payment_transaction\":{\"amount\":1000,"
                        + "\"payment_transaction_reference\":\"pay_2\"},\"step_up_config\":"
                        + "{\"customer_interaction_config\":{\"method\":\"HANDOVER\","
                        + "\"return_url\":\"https://gw.example/return\"}}}"),
                null,
                "http://sandbox/")
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    String transactionId =
        requests
            .authorize(ACCOUNT, json(authorize("ada@example.com", "")), "APPROVED", "http://s/")
            .getJsonObject("payment_transaction_response")
            .getJsonObject("payment_transaction")
            .getString("payment_transaction_id");
    requests.authorize(
        ACCOUNT,
        json(authorize("ada+dispute_win_on_evidence@example.com", ",\"capture\":\"NOW\"")),
        "APPROVED",
        "http://s/");
    events.clear();

    clock.advance(Duration.ofSeconds(2));
    ticker.sweep();
    assertThat(events).as("nothing is due after 2 s").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    ticker.sweep();
    assertThat(events)
        .as("the flagged capture's dispute opens 3 s after it")
        .containsExactly("payment.dispute.state-change.initiated");

    clock.advance(Duration.ofHours(3));
    ticker.sweep();
    assertThat(requests.get(ACCOUNT, requestId).state()).isEqualTo(PaymentRequestState.EXPIRED);
    assertThat(events).contains("payment.request.state-change.expired");

    clock.advance(Duration.ofDays(28));
    ticker.sweep();
    assertThat(transactions.find(transactionId).toJson().getString("state")).isEqualTo("EXPIRED");
    assertThat(events).contains("payment.transaction.state-change.expired");

    clock.advance(Duration.ofDays(10));
    ticker.sweep();
    assertThatThrownBy(() -> requests.get(ACCOUNT, requestId))
        .as("a request over for 48 hours is forgotten")
        .isInstanceOfSatisfying(KlarnaError.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aShopperActionIsOneOfKlarnasWordsAndAnyOtherIsNotFound() {
    assertThat(ShopperAction.of("complete").target).isEqualTo(PaymentRequestState.COMPLETED);
    assertThat(ShopperAction.of("abort").reason).isEqualTo("PURCHASE_FLOW_ABORTED");
    assertThat(ShopperAction.of("cancel").reason).isEqualTo("PARTNER_CANCELED");
    assertThatThrownBy(() -> ShopperAction.of("COMPLETE"))
        .isInstanceOfSatisfying(KlarnaError.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
