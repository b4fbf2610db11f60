package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.PurchaseDataView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The evidence pack: one PDF (Apache PDFBox) of what the gateway holds about a disputed payment,
 * small enough to attach as is (text only, far under Klarna's 7 MB): the merchant, the store (its
 * address or URL) and terminal; the amount and line items; the sale step by step (the QR code shown
 * or the shopper sent to Klarna, the approval, the final authorization with Klarna's transaction
 * id), then every line of the payment's timeline as a sentence with its time in the merchant's zone
 * (Klarna's raw bodies left out); each capture with its shipping tracking and each refund, with its
 * Klarna id; the customer and shipping data, where given.
 */
@ApplicationScoped
class EvidencePack {

  @Inject Payments payments;
  @Inject StoreDirectory stores;
  @Inject PaymentDisputes paymentDisputes;

  /** What the pack says, gathered first so that writing it is a plain function. */
  record Content(
      DisputeView dispute,
      MerchantView merchant,
      StoreView store,
      TerminalView terminal,
      PaymentView payment,
      List<TimelineEntry> timeline,
      List<MoneyMovement> movements,
      PurchaseDataView purchase,
      List<PaymentDisputes.CaptureShipping> shipping,
      List<NewPayment.LineItem> lineItems) {}

  byte[] build(DisputeView dispute) {
    String merchantId = dispute.merchantId();
    PaymentView payment = payments.get(merchantId, dispute.paymentId());
    MerchantView merchant = stores.merchant(merchantId).orElse(null);
    StoreView store =
        payment.storeId() == null ? null : stores.store(merchantId, payment.storeId()).orElse(null);
    TerminalView terminal =
        payment.terminalReference() == null
            ? null
            : stores.terminal(merchantId, payment.terminalReference()).orElse(null);
    return write(
        new Content(
            dispute,
            merchant,
            store,
            terminal,
            payment,
            payments.timeline(merchantId, payment.id()),
            payments.movements(merchantId, payment.id()),
            payments.purchaseData(merchantId, payment.id()),
            paymentDisputes.captureShipping(payment.id()),
            paymentDisputes.lineItems(payment.id())));
  }

  static byte[] write(Content c) {
    ZoneId zone = zone(c.merchant());
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(zone);
    List<String[]> lines = new ArrayList<>(); // {style, text}
    DisputeView d = c.dispute();
    PaymentView p = c.payment();
    heading(lines, "Evidence for Klarna dispute " + d.klarnaDisputeId());
    line(lines, "Dispute " + d.id() + ": " + d.reason() + ", " + money(d.amount(), d.currency()));
    line(lines, "Prepared " + time.format(Instant.now()) + " from the gateway's records.");
    heading(lines, "Merchant");
    if (c.merchant() != null) {
      line(
          lines,
          c.merchant().name()
              + " (Klarna partner account "
              + c.merchant().partnerAccountId()
              + ")");
    }
    if (c.store() != null) {
      StoreView.Details s = c.store().details();
      line(
          lines,
          "Store: "
              + (s == null ? "" : s.name() + " ")
              + "("
              + c.store().storeReference()
              + ", "
              + c.store().type()
              + ")");
      if (s != null && s.address() != null) {
        StoreView.Address a = s.address();
        line(
            lines,
            "Address: "
                + join(
                    a.streetAddress(),
                    a.streetAddress2(),
                    a.postalCode(),
                    a.city(),
                    a.region(),
                    a.country()));
      }
      if (s != null && s.url() != null) {
        line(lines, "URL: " + s.url());
      }
    }
    if (c.terminal() != null) {
      line(
          lines,
          "Terminal: " + c.terminal().name() + " (" + c.terminal().terminalReference() + ")");
    } else if (p.terminalReference() != null) {
      line(lines, "Terminal: " + p.terminalReference());
    }
    heading(lines, "Payment");
    line(
        lines,
        "Payment "
            + p.id()
            + ", reference "
            + p.reference()
            + ", "
            + (p.inStore() ? "in store (QR code)" : "online (redirect)"));
    line(lines, "Amount: " + money(p.amount(), p.currency()) + "; status " + p.status().wire());
    if (c.lineItems() != null && !c.lineItems().isEmpty()) {
      line(lines, "Line items:");
      for (NewPayment.LineItem l : c.lineItems()) {
        line(
            lines,
            "    "
                + l.quantity()
                + " x "
                + l.name()
                + " at "
                + money(l.unitPrice(), p.currency())
                + " = "
                + money(l.totalAmount(), p.currency()));
      }
    }
    line(lines, "Created " + time.format(p.createdAt()));
    if (p.klarna() != null) {
      if (p.klarna().paymentRequestId() != null) {
        line(lines, "Klarna payment request: " + p.klarna().paymentRequestId());
      }
      if (p.klarna().paymentTransactionId() != null) {
        line(lines, "Klarna transaction: " + p.klarna().paymentTransactionId());
      }
    }
    PaymentView.Amounts a = p.amounts();
    line(
        lines,
        "Authorized "
            + money(a.authorized(), p.currency())
            + ", captured "
            + money(a.captured(), p.currency())
            + ", refunded "
            + money(a.refunded(), p.currency()));
    PurchaseDataView purchase = c.purchase();
    if (purchase != null && !purchase.isEmpty()) {
      heading(lines, "Customer and shipping");
      NewPayment.Customer customer = purchase.customer();
      if (customer != null) {
        line(
            lines,
            "Customer: "
                + join(
                    name(customer.givenName(), customer.familyName()),
                    customer.email(),
                    customer.phone()));
      }
      NewPayment.Shipping shipping = purchase.shipping();
      if (shipping != null) {
        NewPayment.Recipient r = shipping.recipient();
        if (r != null) {
          line(
              lines,
              "Shipped to: " + join(name(r.givenName(), r.familyName()), r.email(), r.phone()));
        }
        NewPayment.Address to = shipping.address();
        if (to != null) {
          line(
              lines,
              "Shipping address: "
                  + join(
                      to.streetAddress(),
                      to.streetAddress2(),
                      to.postalCode(),
                      to.city(),
                      to.region(),
                      to.country()));
        }
        if (shipping.method() != null) {
          line(lines, "Shipping method: " + shipping.method());
        }
      }
    }
    heading(lines, "The sale, step by step");
    for (String step : steps(c, time)) {
      line(lines, step);
    }
    heading(lines, "Timeline");
    for (TimelineEntry e : c.timeline()) {
      if (e.event() == null || !REPEATS.contains(e.event())) {
        line(lines, time.format(e.at()) + "  " + e.summary());
      }
    }
    heading(lines, "Captures and refunds");
    if (c.movements().isEmpty()) {
      line(lines, "None.");
    }
    for (MoneyMovement m : c.movements()) {
      line(
          lines,
          time.format(m.createdAt())
              + "  "
              + m.kind()
              + " "
              + m.id()
              + ": "
              + money(m.amount(), p.currency())
              + ", "
              + m.status()
              + (m.klarnaId() == null ? "" : ", Klarna " + m.klarnaId())
              + (m.captureId() == null ? "" : ", of " + m.captureId())
              + (m.reason() == null ? "" : ", reason: " + m.reason())
              + (m.madeAtKlarna() ? ", made at Klarna" : ""));
      if (c.shipping() != null && "capture".equals(m.kind())) {
        for (PaymentDisputes.CaptureShipping s : c.shipping()) {
          if (m.id().equals(s.captureId())) {
            line(lines, "    " + tracking(s.shipping()));
          }
        }
      }
    }
    return render(lines, "Evidence " + d.id());
  }

  /** Lines that only say again what an earlier line said (a signal for a state known). */
  static final java.util.Set<TimelineEvent> REPEATS =
      java.util.EnumSet.of(TimelineEvent.REQUEST_KNOWN, TimelineEvent.REQUEST_KNOWN_TOKEN_TAKEN);

  static final java.util.Set<TimelineEvent> AUTHORIZED =
      java.util.EnumSet.of(
          TimelineEvent.AUTHORIZED_BY_FINAL_AUTHORIZE,
          TimelineEvent.AUTHORIZED_WITHOUT_STEP_UP,
          TimelineEvent.AUTHORIZED_BY_FOUND_TRANSACTION);

  /**
   * What a reviewer looks for first, each with its time, from the typed timeline: the QR code shown
   * (or the shopper sent to Klarna), the shopper's approval at Klarna, and the final authorization
   * with Klarna's transaction. A step the gateway did not see says so. (Klarna's request and
   * response bodies are not printed: the ids and times here are what they prove.)
   */
  static List<String> steps(Content c, DateTimeFormatter time) {
    List<TimelineEntry> t = c.timeline();
    PaymentView p = c.payment();
    List<String> steps = new ArrayList<>();
    TimelineEntry shown =
        first(
            t,
            e -> e.event() == TimelineEvent.QR_SHOWN || e.event() == TimelineEvent.SENT_TO_KLARNA);
    steps.add(
        shown != null
            ? (shown.event() == TimelineEvent.QR_SHOWN
                    ? "QR code shown to the shopper: "
                    : "Shopper sent to Klarna: ")
                + time.format(shown.at())
                + " ("
                + shown.summary()
                + ")"
            : p.inStore()
                ? "QR code shown to the shopper: not seen by the gateway (shown by the till's own"
                    + " screen)"
                : "Shopper sent to Klarna: not seen by the gateway (sent there by the shop)");
    TimelineEntry approved =
        first(
            t,
            e ->
                e.requestState() == com.stepup.gateway.payments.PaymentRequestState.COMPLETED
                    || (e.event() != null && AUTHORIZED.contains(e.event())));
    if (approved != null) {
      steps.add("Approved by the shopper at Klarna: " + time.format(approved.at()));
    }
    TimelineEntry authorized = first(t, e -> e.event() != null && AUTHORIZED.contains(e.event()));
    if (authorized == null) {
      authorized =
          first(t, e -> e.status() == com.stepup.gateway.payments.PaymentStatus.AUTHORIZED);
    }
    if (authorized != null) {
      String tx = p.klarna() == null ? null : p.klarna().paymentTransactionId();
      steps.add(
          "Final authorization: "
              + time.format(authorized.at())
              + (tx == null ? "" : ", Klarna transaction " + tx));
    }
    return steps;
  }

  private static TimelineEntry first(
      List<TimelineEntry> t, java.util.function.Predicate<TimelineEntry> which) {
    return t.stream().filter(which).findFirst().orElse(null);
  }

  private static byte[] render(List<String[]> lines, String title) {
    try (PDDocument doc = new PDDocument();
        var out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(title);
      info.setProducer("stepup gateway");
      doc.setDocumentInformation(info);
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      float margin = 50;
      float width = PDRectangle.A4.getWidth() - 2 * margin;
      float y = 0;
      PDPageContentStream page = null;
      for (String[] l : lines) {
        boolean heading = "h".equals(l[0]);
        PDType1Font font = heading ? bold : regular;
        float size = heading ? 13 : 9.5f;
        for (String part : wrap(latin1(l[1]), font, size, width)) {
          float step = size * 1.45f + (heading ? 6 : 0);
          if (page == null || y - step < margin) {
            if (page != null) {
              page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = PDRectangle.A4.getHeight() - margin;
          }
          y -= step;
          page.beginText();
          page.setFont(font, size);
          page.newLineAtOffset(margin, y);
          page.showText(part);
          page.endText();
        }
      }
      if (page != null) {
        page.close();
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String text, PDType1Font font, float size, float width)
      throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = current.length() == 0 ? word : current + " " + word;
      if (font.getStringWidth(candidate) / 1000 * size > width && current.length() > 0) {
        out.add(current.toString());
        current = new StringBuilder(word);
      } else {
        current = new StringBuilder(candidate);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** Only what the standard fonts' encoding holds; anything else becomes '?'. */
  static String latin1(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      b.append(ch >= 0x20 && ch < 0x7F || ch >= 0xA0 && ch <= 0xFF ? ch : ch == '\t' ? ' ' : '?');
    }
    return b.toString();
  }

  private static void heading(List<String[]> lines, String text) {
    lines.add(new String[] {"h", text});
  }

  private static void line(List<String[]> lines, String text) {
    lines.add(new String[] {"p", text});
  }

  /** "118.00 EUR", "5000 JPY": minor units with the currency's exponent. */
  static String money(long minor, String currency) {
    return Amounts.major(minor, currency) + " " + currency;
  }

  /** "shipped: UPS, tracking 1Z…, https://…": what the capture was shipped with. */
  static String tracking(NewCapture.Shipping s) {
    return "shipped: "
        + join(
            s.carrier(),
            s.trackingNumber() == null ? null : "tracking " + s.trackingNumber(),
            s.trackingUrl());
  }

  private static String name(String given, String family) {
    return String.join(
        " ",
        Arrays.stream(new String[] {given, family})
            .filter(x -> x != null && !x.isBlank())
            .toList());
  }

  private static String join(String... parts) {
    return String.join(", ", Arrays.stream(parts).filter(x -> x != null && !x.isBlank()).toList());
  }

  private static ZoneId zone(MerchantView merchant) {
    try {
      return merchant == null || merchant.timeZone() == null
          ? ZoneId.of("UTC")
          : ZoneId.of(merchant.timeZone());
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
