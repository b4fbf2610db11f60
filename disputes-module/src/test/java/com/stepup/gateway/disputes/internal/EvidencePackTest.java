package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The evidence pack is a valid PDF that says what the gateway knows, and Klarna would take it. */
class EvidencePackTest {

  static final Instant AT = Instant.parse("2026-12-10T10:00:00Z");

  @Test
  void thePackReadsBackWithTheSaleItsTimelineAndItsMoney() throws Exception {
    byte[] pdf = EvidencePack.write(content());
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("krn:dispute:1")
          .contains("Corner Shop")
          .contains("Main St 1")
          .contains("Till 7")
          .contains("118.00 EUR")
          .contains("QR code shown to the shopper: 2026-12-10 11:00:00 CET")
          .contains("on the display of terminal till-7")
          .contains("Approved by the shopper at Klarna: 2026-12-10 11:00:30 CET")
          .contains("Final authorization: 2026-12-10 11:01:00 CET, Klarna transaction")
          .contains("krn:transaction:1")
          .as("the timeline as sentences, in the merchant's zone, without Klarna's bodies")
          .contains("2026-12-10 10:59:00 CET  Partner created the payment")
          .contains("2026-12-10 11:00:30 CET  Klarna request COMPLETED from webhook")
          .contains("2026-12-10 11:01:00 CET  Payment authorized: Final authorization approved")
          .doesNotContain("payment_request_id")
          .doesNotContain("already known")
          .contains("cap_1")
          .contains("ref_1")
          .contains("Ada Lovelace")
          .contains("Shipping St 9")
          .contains("STORE_PICKUP")
          .contains("shipped: UPS, tracking 1Z999AA10123456784, https://track.example/1Z999")
          .contains("shipped: DHL, tracking JD014600006281230")
          .contains("Line items:")
          .contains("1 x Walking boots at 100.00 EUR = 100.00 EUR")
          .contains("2 x Laces at 9.00 EUR = 18.00 EUR");
    }
    List<FieldError> errors = new ArrayList<>();
    assertThat(AttachmentCheck.check("pack.pdf", pdf, errors))
        .isEqualTo(AttachmentCheck.FileType.PDF);
    assertThat(errors).isEmpty();
  }

  @Test
  void aSaleTheGatewayDidNotSeeShownSaysSo() throws Exception {
    EvidencePack.Content c = content();
    var without =
        new EvidencePack.Content(
            c.dispute(),
            c.merchant(),
            c.store(),
            c.terminal(),
            c.payment(),
            c.timeline().stream().filter(e -> e.event() != TimelineEvent.QR_SHOWN).toList(),
            c.movements(),
            c.purchase(),
            c.shipping(),
            c.lineItems());
    assertThat(
            EvidencePack.steps(
                without,
                java.time.format.DateTimeFormatter.ISO_INSTANT.withZone(java.time.ZoneOffset.UTC)))
        .first()
        .asString()
        .startsWith("QR code shown to the shopper: not seen by the gateway");
  }

  @Test
  void moneyIsWrittenWithTheCurrencysExponent() {
    assertThat(EvidencePack.money(11800, "EUR")).isEqualTo("118.00 EUR");
    assertThat(EvidencePack.money(5000, "JPY")).isEqualTo("5000 JPY");
    assertThat(EvidencePack.money(1234, "KWD")).isEqualTo("1.234 KWD");
    assertThat(EvidencePack.money(-50, "USD")).isEqualTo("-0.50 USD");
  }

  @Test
  void filesAreCheckedByNameAndContentBeforeKlarnaSeesThem() {
    List<FieldError> errors = new ArrayList<>();
    assertThat(AttachmentCheck.check("a.pdf", new byte[0], errors)).isNull();
    assertThat(AttachmentCheck.check("a.txt", "hello".getBytes(), errors)).isNull();
    assertThat(AttachmentCheck.check("a.png", "%PDF-1.4".getBytes(), errors)).isNull();
    byte[] big = new byte[(int) AttachmentCheck.MAX_BYTES + 1];
    System.arraycopy("%PDF-".getBytes(), 0, big, 0, 5);
    assertThat(AttachmentCheck.check("a.pdf", big, errors)).isNull();
    assertThat(errors).hasSize(4);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0};
    assertThat(AttachmentCheck.check("photo.PNG", png, new ArrayList<>()))
        .isEqualTo(AttachmentCheck.FileType.PNG);
  }

  @Test
  void aMultipartUploadIsReadByteForByte() {
    byte[] body =
        ("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-\r\n\r\n--b0\r\n"
                + "Content-Disposition: form-data; name=\"description\"\r\n\r\nproof\r\n--b0--\r\n")
            .getBytes();
    var parts =
        MultipartForm.parse(body, MultipartForm.boundary("multipart/form-data; boundary=b0"));
    assertThat(parts.get("file").filename()).isEqualTo("x.pdf");
    assertThat(new String(parts.get("file").content())).isEqualTo("%PDF-\r\n");
    assertThat(parts.get("description").text()).isEqualTo("proof");
  }

  /** A typed timeline line {@code seconds} after AT, its summary rendered as the API renders it. */
  static TimelineEntry entry(
      long id,
      int seconds,
      Kind kind,
      TimelineEvent event,
      PaymentRequestState requestState,
      String detail,
      String... values) {
    List<TimelineArg> args = java.util.Arrays.stream(values).map(TimelineArg::text).toList();
    return new TimelineEntry(
        id,
        AT.plusSeconds(seconds),
        kind,
        event,
        args,
        event.english(args),
        detail,
        event == TimelineEvent.AUTHORIZED_BY_FINAL_AUTHORIZE
            ? PaymentStatus.AUTHORIZED
            : PaymentStatus.PENDING,
        requestState);
  }

  static EvidencePack.Content content() {
    DisputeView dispute =
        new DisputeView(
            "dsp_1",
            "mer_1",
            "pay_1",
            "cap_1",
            "krn:dispute:1",
            "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
            DisputeState.INITIATED,
            11800,
            "EUR",
            AT.plusSeconds(86400 * 21),
            null,
            null,
            null,
            null,
            "proof",
            null,
            null,
            null,
            null,
            AT,
            AT);
    MerchantView merchant =
        new MerchantView(
            "mer_1",
            "Corner Shop",
            "krn:partner:1",
            MerchantView.Status.ACTIVE,
            null,
            AT,
            AT,
            "Europe/Berlin");
    StoreView store =
        new StoreView(
            "sto_1",
            "mer_1",
            StoreType.PHYSICAL_STORE,
            "store-001",
            new StoreView.Details(
                "Main Street",
                new StoreView.Address("Main St 1", null, "10115", "Berlin", null, "DE"),
                null,
                null,
                List.of()),
            "krn:store:1",
            StoreView.Onboarding.ONBOARDED,
            null,
            1,
            AT,
            AT);
    TerminalView terminal =
        new TerminalView(
            "ter_1", "mer_1", "sto_1", "till-7", "Till 7", true, true, AT, AT, null, null);
    PaymentView payment =
        new PaymentView(
            "pay_1",
            "mer_1",
            PaymentStatus.AUTHORIZED,
            PaymentMethod.QR_CODE,
            11800,
            "EUR",
            "order-1",
            "sto_1",
            "store-001",
            "ter_1",
            "till-7",
            null,
            new PaymentView.Klarna(
                "APPROVED",
                "krn:request:1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "krn:transaction:1",
                "COMPLETED",
                null),
            null,
            AT,
            AT,
            CaptureMode.AUTOMATIC,
            new PaymentView.Amounts(11800, 11800, 1000, 0, 10800));
    List<TimelineEntry> timeline =
        List.of(
            entry(1, -60, Kind.PARTNER, TimelineEvent.PARTNER_CREATED, null, null),
            entry(
                2,
                0,
                Kind.SHOPPER,
                TimelineEvent.QR_SHOWN,
                PaymentRequestState.SUBMITTED,
                null,
                "till-7"),
            entry(
                3,
                30,
                Kind.KLARNA_SIGNAL,
                TimelineEvent.REQUEST_SIGNAL,
                PaymentRequestState.COMPLETED,
                "{\"payment_request_id\":\"krn:request:1\",\"state\":\"COMPLETED\"}",
                "COMPLETED",
                "webhook"),
            entry(
                4,
                31,
                Kind.KLARNA_SIGNAL,
                TimelineEvent.REQUEST_KNOWN,
                PaymentRequestState.COMPLETED,
                null,
                "COMPLETED",
                "return"),
            entry(
                5,
                60,
                Kind.STATE_CHANGE,
                TimelineEvent.AUTHORIZED_BY_FINAL_AUTHORIZE,
                PaymentRequestState.COMPLETED,
                null));
    List<MoneyMovement> movements =
        List.of(
            new MoneyMovement(
                "cap_1",
                "pay_1",
                "capture",
                "succeeded",
                11800,
                null,
                null,
                "krn:capture:1",
                null,
                AT,
                AT,
                false),
            new MoneyMovement(
                "ref_1",
                "pay_1",
                "refund",
                "succeeded",
                1000,
                "cap_1",
                "returned",
                "krn:refund:1",
                null,
                AT,
                AT,
                false));
    var purchase =
        new com.stepup.gateway.payments.PurchaseDataView(
            new com.stepup.gateway.payments.NewPayment.Customer(
                "ada@example.com", null, "Ada", "Lovelace"),
            new com.stepup.gateway.payments.NewPayment.Shipping(
                null,
                new com.stepup.gateway.payments.NewPayment.Address(
                    "Shipping St 9", null, "10115", "Berlin", null, "DE"),
                "STORE_PICKUP"));
    var shipping =
        List.of(
            new com.stepup.gateway.payments.PaymentDisputes.CaptureShipping(
                "cap_1",
                new com.stepup.gateway.payments.NewCapture.Shipping(
                    "1Z999AA10123456784", "https://track.example/1Z999", "UPS")),
            new com.stepup.gateway.payments.PaymentDisputes.CaptureShipping(
                "cap_1",
                new com.stepup.gateway.payments.NewCapture.Shipping(
                    "JD014600006281230", null, "DHL")));
    var lines =
        List.of(
            new com.stepup.gateway.payments.NewPayment.LineItem("Walking boots", 1, 10000, 10000),
            new com.stepup.gateway.payments.NewPayment.LineItem("Laces", 2, 900, 1800));
    return new EvidencePack.Content(
        dispute, merchant, store, terminal, payment, timeline, movements, purchase, shipping,
        lines);
  }
}
