package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.Amounts;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;

/**
 * Finance's money lines as CSV (RFC 4180, issue 27): every capture, refund and settlement line its
 * own dated row, in time order, amounts in major units beside the currency and the minor units,
 * times in one named zone (in the header). Captures are positive, refunds negative, settlement
 * lines signed as they move the merchant's balance: "what happened to money today", which a
 * per-payment export cannot say.
 */
final class MoneyLinesCsv {

  private MoneyLinesCsv() {}

  /** One row: a capture or refund ({@code kind} capture/refund) or a settlement line. */
  record Row(
      Instant at,
      String kind,
      String merchantId,
      long amount,
      String currency,
      String paymentId,
      String captureId,
      String refundId,
      String disputeId,
      String payoutId,
      String klarnaPaymentReference,
      String lineType,
      String detailedType,
      Boolean matched) {}

  static String header(ZoneId zone) {
    return "time ("
        + zone.getId()
        + "),kind,merchant_id,amount_major,currency,amount_minor,payment_id,capture_id,refund_id,"
        + "dispute_id,payout_id,klarna_payment_reference,line_type,detailed_type,matched\r\n";
  }

  /** Writes the header and the rows of both sources merged by time (each already in order). */
  static int write(Writer w, ZoneId zone, Iterator<Row> moves, Iterator<Row> lines, int max)
      throws IOException {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    w.write(header(zone));
    Row a = moves.hasNext() ? moves.next() : null;
    Row b = lines.hasNext() ? lines.next() : null;
    int written = 0;
    while ((a != null || b != null) && written < max) {
      Row next;
      if (b == null || (a != null && !a.at().isAfter(b.at()))) {
        next = a;
        a = moves.hasNext() ? moves.next() : null;
      } else {
        next = b;
        b = lines.hasNext() ? lines.next() : null;
      }
      w.write(row(next, time));
      written++;
    }
    w.flush();
    return written;
  }

  static String row(Row r, DateTimeFormatter time) {
    return String.join(
            ",",
            time.format(r.at()),
            r.kind(),
            cell(r.merchantId()),
            Amounts.major(r.amount(), r.currency()),
            r.currency(),
            Long.toString(r.amount()),
            cell(r.paymentId()),
            cell(r.captureId()),
            cell(r.refundId()),
            cell(r.disputeId()),
            cell(r.payoutId()),
            cell(r.klarnaPaymentReference()),
            cell(r.lineType()),
            cell(r.detailedType()),
            r.matched() == null ? "" : r.matched().toString())
        + "\r\n";
  }

  /** Quoted when needed; a leading formula character is defused for spreadsheets. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
