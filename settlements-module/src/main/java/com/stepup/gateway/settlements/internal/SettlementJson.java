package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.settlements.PayoutLineView;
import com.stepup.gateway.settlements.PayoutView;
import com.stepup.gateway.settlements.ReconciliationItemView;
import com.stepup.gateway.settlements.TerminalDayReport;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.util.List;

/** Payouts, lines and reconciliation items as the partner API answers them (PRODUCT.md). */
final class SettlementJson {

  private SettlementJson() {}

  static JsonObject payout(PayoutView p) {
    return payoutBuilder(p).build();
  }

  static JsonObjectBuilder payoutBuilder(PayoutView p) {
    var t = p.totals();
    return Json.createObjectBuilder()
        .add("id", p.id())
        .add("klarna_payment_reference", p.klarnaPaymentReference())
        .add("payout_date", p.payoutDate().toString())
        .add("currency", p.currency())
        .add(
            "totals",
            Json.createObjectBuilder()
                .add("sales", t.sales())
                .add("returns", t.returns())
                .add("fees", t.fees())
                .add("tax", t.tax())
                .add("reversals", t.reversals())
                .add("holdbacks", t.holdbacks())
                .add("releases", t.releases())
                .add("net", t.net()))
        .add("line_count", p.lineCount());
  }

  /**
   * {@link #payout(PayoutView)} written by a generator: the same bytes ({@code
   * SettlementJsonTest}).
   */
  static void writePayout(JsonGenerator json, PayoutView p) {
    var t = p.totals();
    json.writeStartObject()
        .write("id", p.id())
        .write("klarna_payment_reference", p.klarnaPaymentReference())
        .write("payout_date", p.payoutDate().toString())
        .write("currency", p.currency())
        .writeStartObject("totals")
        .write("sales", t.sales())
        .write("returns", t.returns())
        .write("fees", t.fees())
        .write("tax", t.tax())
        .write("reversals", t.reversals())
        .write("holdbacks", t.holdbacks())
        .write("releases", t.releases())
        .write("net", t.net())
        .writeEnd()
        .write("line_count", p.lineCount())
        .writeEnd();
  }

  static JsonObject payout(PayoutView p, List<PayoutLineView> lines) {
    var array = Json.createArrayBuilder();
    for (PayoutLineView l : lines) {
      var json = Json.createObjectBuilder().add("type", l.type());
      if (l.detailedType() != null) {
        json.add("detailed_type", l.detailedType());
      }
      json.add("amount", l.amount());
      optional(json, "payment_id", l.paymentId());
      optional(json, "capture_id", l.captureId());
      optional(json, "refund_id", l.refundId());
      optional(json, "dispute_id", l.disputeId());
      array.add(json.add("matched", l.matched()));
    }
    return payoutBuilder(p).add("lines", array).build();
  }

  /** The end-of-day report of one till, as {@code GET /api/v1/reports/terminal-day} answers. */
  static JsonObject terminalDay(TerminalDayReport r) {
    var s = r.sales();
    var currencies = Json.createArrayBuilder();
    for (var c : r.currencies()) {
      currencies.add(
          Json.createObjectBuilder()
              .add("currency", c.currency())
              .add("captured", c.captured())
              .add("refunded", c.refunded())
              .add("net", c.net())
              .add(
                  "open_authorizations",
                  Json.createObjectBuilder()
                      .add("count", c.uncapturedCount())
                      .add("amount", c.uncapturedAmount()))
              .add(
                  "approved_not_finalized",
                  Json.createObjectBuilder()
                      .add("count", c.notFinalizedCount())
                      .add("amount", c.notFinalizedAmount()))
              .add(
                  "settled",
                  Json.createObjectBuilder()
                      .add("captures", c.captures())
                      .add("captures_settled", c.settledCaptures())
                      .add("sales", c.settledSales())
                      .add("returns", c.settledReturns())
                      .add("fees", c.settledFees())
                      .add("net", c.settledNet())));
    }
    var json =
        Json.createObjectBuilder()
            .add("store_reference", r.storeReference())
            .add("terminal_reference", r.terminalReference());
    optional(json, "terminal_name", r.terminalName());
    return json.add("date", r.date().toString())
        .add("time_zone", r.timeZone())
        .add("from", r.from().toString())
        .add("to", r.to().toString())
        .add(
            "sales",
            Json.createObjectBuilder()
                .add("started", s.started())
                .add("approved", s.approved())
                .add("declined", s.declined())
                .add("expired", s.expired())
                .add("canceled", s.canceled())
                .add("failed", s.failed())
                .add("pending", s.pending()))
        .add("currencies", currencies)
        .build();
  }

  static JsonObject item(ReconciliationItemView i) {
    var json =
        Json.createObjectBuilder().add("id", i.id()).add("kind", i.kind()).add("state", i.state());
    optional(json, "payment_id", i.paymentId());
    optional(json, "payout_id", i.payoutId());
    optional(json, "capture_id", i.captureId());
    optional(json, "refund_id", i.refundId());
    optional(json, "dispute_id", i.disputeId());
    optional(json, "currency", i.currency());
    if (i.expected() != null) {
      json.add("expected", i.expected());
    }
    if (i.settled() != null) {
      json.add("settled", i.settled());
    }
    optional(json, "note", i.note());
    json.add("created_at", i.createdAt().toString());
    if (i.resolvedAt() != null) {
      json.add("resolved_at", i.resolvedAt().toString());
    }
    return json.build();
  }

  /** {@link #item(ReconciliationItemView)} written by a generator: the same bytes. */
  static void writeItem(JsonGenerator json, ReconciliationItemView i) {
    json.writeStartObject().write("id", i.id()).write("kind", i.kind()).write("state", i.state());
    optional(json, "payment_id", i.paymentId());
    optional(json, "payout_id", i.payoutId());
    optional(json, "capture_id", i.captureId());
    optional(json, "refund_id", i.refundId());
    optional(json, "dispute_id", i.disputeId());
    optional(json, "currency", i.currency());
    if (i.expected() != null) {
      json.write("expected", i.expected());
    }
    if (i.settled() != null) {
      json.write("settled", i.settled());
    }
    optional(json, "note", i.note());
    json.write("created_at", i.createdAt().toString());
    if (i.resolvedAt() != null) {
      json.write("resolved_at", i.resolvedAt().toString());
    }
    json.writeEnd();
  }

  /** The header: the payout's date is its UTC instant, and the header says so. */
  static final String CSV_HEADER =
      "payout_id,klarna_payment_reference,payout_date (UTC),type,detailed_type,amount,currency,"
          + "amount_minor,payment_id,capture_id,refund_id,dispute_id,matched\r\n";

  /**
   * The lines as CSV: one dated row per line (the payout's date, in UTC as the header names it),
   * amounts in major units with the currency named, in the payout's order.
   */
  static String csv(PayoutView p, List<PayoutLineView> lines, int fractionDigits) {
    StringBuilder csv = new StringBuilder(CSV_HEADER);
    for (PayoutLineView l : lines) {
      csv.append(p.id())
          .append(',')
          .append(cell(p.klarnaPaymentReference()))
          .append(',')
          .append(p.payoutDate())
          .append(',')
          .append(cell(l.type()))
          .append(',')
          .append(cell(l.detailedType()))
          .append(',')
          .append(BigDecimal.valueOf(l.amount(), fractionDigits).toPlainString())
          .append(',')
          .append(p.currency())
          .append(',')
          .append(l.amount())
          .append(',')
          .append(cell(l.paymentId()))
          .append(',')
          .append(cell(l.captureId()))
          .append(',')
          .append(cell(l.refundId()))
          .append(',')
          .append(cell(l.disputeId()))
          .append(',')
          .append(l.matched())
          .append("\r\n");
    }
    return csv.toString();
  }

  /** A CSV cell: quoted when it holds a separator or quote, and never read as a formula. */
  private static String cell(String s) {
    if (s == null) {
      return "";
    }
    String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    return v.contains(",") || v.contains("\"") || v.contains("\n")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }

  private static void optional(JsonObjectBuilder json, String key, String value) {
    if (value != null) {
      json.add(key, value);
    }
  }

  private static void optional(JsonGenerator json, String key, String value) {
    if (value != null) {
      json.write(key, value);
    }
  }
}
