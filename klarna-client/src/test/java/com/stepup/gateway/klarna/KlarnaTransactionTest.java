package com.stepup.gateway.klarna;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class KlarnaTransactionTest {

  static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  @Test
  void aReadListsTheCapturesAndRefundsWhoeverMadeThem() {
    KlarnaTransaction t =
        KlarnaTransaction.from(
            json(
                "{\"payment_transaction_id\":\"tx\",\"state\":\"AUTHORIZED\",\"amount\":100,"
                    + "\"payment_captures\":[{\"payment_capture_id\":\"c1\",\"amount\":60}],"
                    + "\"payment_refunds\":[{\"payment_refund_id\":\"r1\",\"amount\":10,"
                    + "\"payment_capture_id\":\"c1\"},{\"payment_refund_id\":\"r2\",\"amount\":5}]}"));
    assertThat(t.captures()).containsExactly(new KlarnaTransaction.Capture("c1", 60));
    assertThat(t.refunds())
        .containsExactly(
            new KlarnaTransaction.Refund("r1", 10, "c1"),
            new KlarnaTransaction.Refund("r2", 5, null));
  }

  @Test
  void aCapturedEventNamesItsCaptureWithOrWithoutTheTransactionAfterIt() {
    KlarnaTransaction bare =
        KlarnaTransaction.fromEvent(
            json(
                "{\"payment_transaction_id\":\"tx\",\"payment_capture_id\":\"c9\",\"amount\":40}"));
    assertThat(bare.id()).isEqualTo("tx");
    assertThat(bare.captures()).containsExactly(new KlarnaTransaction.Capture("c9", 40));
    assertThat(bare.refunds()).isEmpty();

    KlarnaTransaction full =
        KlarnaTransaction.fromEvent(
            json(
                "{\"payment_transaction_id\":\"tx\",\"payment_refund_id\":\"r9\",\"amount\":7,"
                    + "\"payment_capture_id\":\"c9\",\"payment_transaction\":{\"state\":\"COMPLETED\","
                    + "\"payment_captures\":[{\"payment_capture_id\":\"c9\",\"amount\":40}],"
                    + "\"payment_refunds\":[{\"payment_refund_id\":\"r9\",\"amount\":7,"
                    + "\"payment_capture_id\":\"c9\"}]}}"));
    assertThat(full.id()).as("from the event when the transaction omits it").isEqualTo("tx");
    assertThat(full.state()).isEqualTo("COMPLETED");
    assertThat(full.captures()).hasSize(1);
    assertThat(full.refunds())
        .as("listed once")
        .containsExactly(new KlarnaTransaction.Refund("r9", 7, "c9"));
  }

  @Test
  void aStateChangeSaysNothingAboutCapturesOrRefunds() {
    KlarnaTransaction t =
        KlarnaTransaction.fromEvent(
            json(
                "{\"payment_transaction_id\":\"tx\",\"state\":\"EXPIRED\",\"previous_state\":\"AUTHORIZED\"}"));
    assertThat(t.state()).isEqualTo("EXPIRED");
    assertThat(t.captures()).isEmpty();
    assertThat(t.refunds()).isEmpty();
  }
}
