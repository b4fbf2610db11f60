package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.StreamedJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed payment is the tree's JSON to the byte: same fields, same order, same escapes. */
class PaymentJsonTest {

  static final String BASE = "https://gateway.example";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

  @Test
  void anInStoreSaleAwaitingTheShopperStreamsAsTheTree() throws IOException {
    assertStreamsAsTheTree(inStoreSaleAwaitingTheShopper(), null);
    assertStreamsAsTheTree(inStoreSaleAwaitingTheShopper(), PaymentSettlementView.NONE);
  }

  @Test
  void anOnlinePaymentWithItsTokenStreamsAsTheTree() throws IOException {
    assertStreamsAsTheTree(onlinePaymentWithToken(), null);
  }

  @Test
  void aCapturedAndRefundedPaymentWithItsSettlementStreamsAsTheTree() throws IOException {
    var settled =
        new PaymentSettlementView(
            "partially_settled",
            9_000,
            -310,
            List.of(
                new PaymentSettlementView.Move(
                    "cap_1", 10_000, true, "po_1", "KPR-1", T0, 10_000, -300, -10),
                new PaymentSettlementView.Move("cap_2", 1_800, false, null, null, null, 0, 0, 0)),
            List.of(
                new PaymentSettlementView.Move(
                    "ref_1", 1_000, true, "po_1", "KPR-1", T0.plusSeconds(86_400), -1_000, 0, 0)));
    assertStreamsAsTheTree(capturedAndRefunded(), settled);
  }

  @Test
  void aFailedPaymentWithNothingFromKlarnaAndTextToEscapeStreamsAsTheTree() throws IOException {
    assertStreamsAsTheTree(failedWithNothingFromKlarna(), null);
  }

  @Test
  void theTextIsMadeOnceAndWrittenAsKept() throws IOException {
    var streamed = PaymentJson.streamed(capturedAndRefunded(), BASE, null);
    String first = streamed.toString();
    assertThat(streamed.toString()).isSameAs(first);
    assertThat(written(streamed)).isEqualTo(first.getBytes(StandardCharsets.UTF_8));
  }

  static void assertStreamsAsTheTree(PaymentView p, PaymentSettlementView settled)
      throws IOException {
    String tree = PaymentJson.payment(p, BASE, settled).toString();
    // straight to the response, as Jersey writes it
    assertThat(new String(written(PaymentJson.streamed(p, BASE, settled)), StandardCharsets.UTF_8))
        .isEqualTo(tree);
    // and as the idempotency filter keeps it
    assertThat(PaymentJson.streamed(p, BASE, settled).toString()).isEqualTo(tree);
  }

  static byte[] written(StreamedJson streamed) throws IOException {
    var out = new ByteArrayOutputStream();
    streamed.write(out);
    return out.toByteArray();
  }

  static PaymentView inStoreSaleAwaitingTheShopper() {
    return payment(
        "pay_store1",
        PaymentStatus.PENDING,
        PaymentMethod.QR_CODE,
        "till-42",
        new PaymentView.Klarna(
            "STEP_UP_REQUIRED",
            "krn:payment:eu1:request:1",
            PaymentRequestState.SUBMITTED,
            null,
            "https://qr.example/img.png",
            "https://qr.example/t",
            null,
            T0.plusSeconds(900),
            null,
            null,
            null,
            null),
        null,
        CaptureMode.AUTOMATIC,
        PaymentView.Amounts.NONE);
  }

  static PaymentView onlinePaymentWithToken() {
    return payment(
        "pay_web1",
        PaymentStatus.PENDING,
        PaymentMethod.HANDOVER,
        null,
        new PaymentView.Klarna(
            "STEP_UP_REQUIRED",
            "krn:payment:eu1:request:2",
            PaymentRequestState.COMPLETED,
            "shopper approved",
            null,
            "https://qr.example/only-target",
            "https://pay.klarna.example/r/2",
            T0.plusSeconds(3_600),
            T0.plusSeconds(7_200),
            null,
            null,
            null),
        null,
        CaptureMode.MANUAL,
        PaymentView.Amounts.NONE);
  }

  static PaymentView capturedAndRefunded() {
    return payment(
        "pay_cap1",
        PaymentStatus.AUTHORIZED,
        PaymentMethod.QR_CODE,
        "till-1",
        new PaymentView.Klarna(
            "APPROVED",
            "krn:payment:eu1:request:3",
            PaymentRequestState.COMPLETED,
            null,
            null,
            null,
            null,
            T0,
            null,
            "krn:payment:eu1:transaction:3",
            "CAPTURED",
            T0.plusSeconds(86_400 * 28)),
        null,
        CaptureMode.MANUAL,
        new PaymentView.Amounts(11_800, 11_800, 1_000, 0, 10_800, 500, 0, 0));
  }

  static PaymentView failedWithNothingFromKlarna() {
    return payment(
        "pay_fail1",
        PaymentStatus.FAILED,
        PaymentMethod.QR_CODE,
        null,
        new PaymentView.Klarna(
            null, null, null, null, null, null, null, null, null, null, null, null),
        "Klarna said \"no\" \u2014 tab\there, back\\slash, </script>, caf\u00e9 \u20ac",
        CaptureMode.AUTOMATIC,
        PaymentView.Amounts.NONE);
  }

  static PaymentView payment(
      String id,
      PaymentStatus status,
      PaymentMethod method,
      String terminalReference,
      PaymentView.Klarna klarna,
      String failureReason,
      CaptureMode captureMode,
      PaymentView.Amounts amounts) {
    return new PaymentView(
        id,
        "mer_1",
        status,
        method,
        11_800,
        "USD",
        "order-\u00e9-1 \"quoted\"",
        "sto_1",
        "web-001",
        terminalReference == null ? null : "ter_1",
        terminalReference,
        "https://shop.example/done",
        klarna,
        failureReason,
        T0,
        T0.plusMillis(1_500),
        captureMode,
        amounts);
  }
}
