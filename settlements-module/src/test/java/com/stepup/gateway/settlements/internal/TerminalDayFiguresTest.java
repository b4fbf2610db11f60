package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.settlements.TerminalDayReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** A till's day: the figures against a known day's sales, and the PDF saying them. */
class TerminalDayFiguresTest {

  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  static PaymentView sale(
      String id,
      PaymentStatus status,
      PaymentRequestState state,
      long amount,
      String currency,
      String transactionState,
      PaymentView.Amounts amounts) {
    return new PaymentView(
        id,
        "mer_1",
        status,
        PaymentMethod.QR_CODE,
        amount,
        currency,
        "order-" + id,
        "sto_1",
        "store-001",
        "ter_1",
        "till-7",
        null,
        new PaymentView.Klarna(
            null, null, state, null, null, null, null, null, null, null, transactionState, null),
        null,
        AT,
        AT,
        CaptureMode.AUTOMATIC,
        amounts);
  }

  /** The known day: five sales in USD, one in EUR. */
  static final List<PaymentView> DAY =
      List.of(
          // captured in full, partly refunded, settled with its fee; its refund not yet
          sale(
              "pay_1",
              PaymentStatus.AUTHORIZED,
              PaymentRequestState.COMPLETED,
              10_000,
              "USD",
              "COMPLETED",
              new PaymentView.Amounts(10_000, 10_000, 1_000, 0, 9_000)),
          // authorized, nothing captured yet: an open authorization
          sale(
              "pay_2",
              PaymentStatus.AUTHORIZED,
              PaymentRequestState.COMPLETED,
              4_000,
              "USD",
              "AUTHORIZED",
              new PaymentView.Amounts(4_000, 0, 0, 4_000, 0)),
          // the shopper approved; the final authorization is still to come
          sale(
              "pay_3",
              PaymentStatus.PENDING,
              PaymentRequestState.COMPLETED,
              2_500,
              "USD",
              null,
              PaymentView.Amounts.NONE),
          sale(
              "pay_4",
              PaymentStatus.DECLINED,
              PaymentRequestState.DECLINED,
              700,
              "USD",
              null,
              PaymentView.Amounts.NONE),
          sale(
              "pay_5",
              PaymentStatus.EXPIRED,
              PaymentRequestState.EXPIRED,
              900,
              "USD",
              null,
              PaymentView.Amounts.NONE),
          sale(
              "pay_6",
              PaymentStatus.CANCELED,
              PaymentRequestState.CANCELED,
              1_200,
              "EUR",
              null,
              PaymentView.Amounts.NONE));

  static final Map<String, PaymentSettlementView> SETTLED =
      Map.of(
          "pay_1",
          new PaymentSettlementView(
              "partially_settled",
              10_000,
              -400,
              List.of(
                  new PaymentSettlementView.Move(
                      "cap_1", 10_000, true, "po_1", "PR-1", AT, 10_000, -320, -80)),
              List.of(
                  new PaymentSettlementView.Move(
                      "ref_1", 1_000, false, null, null, null, 0, 0, 0))));

  @Test
  void theFiguresOfAKnownDay() {
    var f = TerminalDayFigures.of(DAY, SETTLED);
    assertThat(f.sales()).isEqualTo(new TerminalDayReport.Sales(6, 2, 1, 1, 1, 0, 1));
    assertThat(f.currencies())
        .extracting(TerminalDayReport.CurrencyDay::currency)
        .containsExactly("EUR", "USD");
    TerminalDayReport.CurrencyDay usd = f.currencies().get(1);
    assertThat(usd.captured()).isEqualTo(10_000);
    assertThat(usd.refunded()).isEqualTo(1_000);
    assertThat(usd.net()).isEqualTo(9_000);
    assertThat(usd.uncapturedCount()).isEqualTo(1);
    assertThat(usd.uncapturedAmount()).isEqualTo(4_000);
    assertThat(usd.notFinalizedCount()).isEqualTo(1);
    assertThat(usd.notFinalizedAmount()).isEqualTo(2_500);
    assertThat(usd.captures()).isEqualTo(1);
    assertThat(usd.settledCaptures()).isEqualTo(1);
    assertThat(usd.settledSales()).isEqualTo(10_000);
    assertThat(usd.settledReturns()).isZero();
    assertThat(usd.settledFees()).isEqualTo(-400);
    assertThat(usd.settledNet()).isEqualTo(9_600);
    TerminalDayReport.CurrencyDay eur = f.currencies().get(0);
    assertThat(eur.captured()).isZero();
    assertThat(eur.uncapturedCount()).isZero();
  }

  @Test
  void anEmptyDayHasNoCurrencies() {
    var f = TerminalDayFigures.of(List.of(), Map.of());
    assertThat(f.sales().started()).isZero();
    assertThat(f.currencies()).isEmpty();
  }

  @Test
  void thePdfSaysTheFiguresInMajorUnits() throws Exception {
    var f = TerminalDayFigures.of(DAY, SETTLED);
    var report =
        new TerminalDayReport(
            "mer_1",
            "store-001",
            "till-7",
            "Till 7",
            LocalDate.of(2026, 12, 1),
            "Europe/Berlin",
            Instant.parse("2026-11-30T23:00:00Z"),
            Instant.parse("2026-12-01T23:00:00Z"),
            f.sales(),
            f.currencies());
    byte[] pdf = TerminalDayPdf.write(report);
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("%PDF-");
    try (var doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("till-7", "2026-12-01", "Europe/Berlin")
          .contains("Started 6; approved 2, declined 1, expired 1, canceled 1")
          .contains("Captured 100.00 USD", "Refunded 10.00 USD", "Net 90.00 USD")
          .contains("Open authorizations left uncaptured: 1, 40.00 USD")
          .contains("Approved sales not yet finalized: 1, 25.00 USD")
          .contains("1 of 1 captures");
    }
  }

  @Test
  void pdfOnlyWhenAskedForBeforeJson() {
    assertThat(TerminalDayResource.wantsPdf(accept("application/pdf"))).isTrue();
    assertThat(TerminalDayResource.wantsPdf(accept("application/json"))).isFalse();
    assertThat(TerminalDayResource.wantsPdf(accept("*/*"))).isFalse();
    assertThat(TerminalDayResource.wantsPdf(accept("application/json", "application/pdf")))
        .isFalse();
    assertThat(TerminalDayResource.wantsPdf(null)).isFalse();
  }

  static jakarta.ws.rs.core.HttpHeaders accept(String... types) {
    List<jakarta.ws.rs.core.MediaType> list =
        java.util.Arrays.stream(types)
            .map(t -> new jakarta.ws.rs.core.MediaType(t.split("/")[0], t.split("/")[1]))
            .toList();
    return (jakarta.ws.rs.core.HttpHeaders)
        java.lang.reflect.Proxy.newProxyInstance(
            TerminalDayFiguresTest.class.getClassLoader(),
            new Class<?>[] {jakarta.ws.rs.core.HttpHeaders.class},
            (proxy, method, args) ->
                "getAcceptableMediaTypes".equals(method.getName()) ? list : null);
  }
}
