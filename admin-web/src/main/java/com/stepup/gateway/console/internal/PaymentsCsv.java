package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.Amounts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Payments as CSV (RFC 4180), safe to open in a spreadsheet. */
final class PaymentsCsv {

  static final String HEADER =
      "id,created_at,merchant_id,store_reference,terminal_reference,reference,method,status,"
          + "amount,currency,amount_major,klarna_state,payment_request_id,payment_transaction_id,failure_reason,"
          + "capture_mode,transaction_state,captured,refunded,authorization_expires_at,merchant_name,"
          + "money_status,captured_major,refunded_major,created_at_local,time_zone,disputed,lost,"
          + "disputed_major,lost_major\r\n";

  static final int MAX_ROWS = 50_000;
  private static final int BATCH = 500;

  private PaymentsCsv() {}

  /** The filter's payments, page by page so a large export never sits in memory at once. */
  static void write(
      Payments payments,
      String merchantId,
      PaymentFilter filter,
      Map<String, String> merchantNames,
      OutputStream out)
      throws IOException {
    write(payments, merchantId, filter, merchantNames, Map.of(), out);
  }

  /** The same, each payment's creation also in its merchant's zone ({@code zones}; UTC else). */
  static void write(
      Payments payments,
      String merchantId,
      PaymentFilter filter,
      Map<String, String> merchantNames,
      Map<String, ZoneId> zones,
      OutputStream out)
      throws IOException {
    var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(HEADER);
    int page = 0;
    int written = 0;
    List<PaymentView> batch;
    do {
      batch = payments.list(merchantId, filter, page++, BATCH).items();
      for (PaymentView p : batch) {
        w.write(row(p, merchantNames.get(p.merchantId()), zones.get(p.merchantId())));
        written++;
      }
    } while (batch.size() == BATCH && written < MAX_ROWS);
    w.flush();
  }

  /**
   * The download's name: the day it was made, and the period it covers when the search has one
   * ({@code payments-2026-12-01.csv}, {@code
   * payments-2026-11-01_to_2026-11-30-made-2026-12-01.csv}).
   */
  static String fileName(LocalDate today, Map<String, String> form) {
    String from = form.getOrDefault("from", "");
    String to = form.getOrDefault("to", "");
    if (from.isEmpty() && to.isEmpty()) {
      return "payments-" + today + ".csv";
    }
    return "payments-"
        + (from.isEmpty() ? "start" : from)
        + "_to_"
        + (to.isEmpty() ? "now" : to)
        + "-made-"
        + today
        + ".csv";
  }

  static String row(PaymentView p, String merchantName) {
    return row(p, merchantName, null);
  }

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  static String row(PaymentView p, String merchantName, ZoneId zone) {
    ZoneId here = zone == null ? ZoneId.of("UTC") : zone;
    return Stream.of(
                p.id(),
                p.createdAt().toString(),
                p.merchantId(),
                p.storeReference(),
                p.terminalReference(),
                p.reference(),
                p.method().name(),
                p.status().wire(),
                String.valueOf(p.amount()),
                p.currency(),
                Amounts.major(p.amount(), p.currency()),
                p.klarna().state() == null ? null : p.klarna().state().name(),
                p.klarna().paymentRequestId(),
                p.klarna().paymentTransactionId(),
                p.failureReason(),
                p.captureMode().wire(),
                p.klarna().transactionState(),
                String.valueOf(p.amounts().captured()),
                String.valueOf(p.amounts().refunded()),
                p.klarna().authorizationExpiresAt() == null
                    ? null
                    : p.klarna().authorizationExpiresAt().toString(),
                merchantName,
                p.moneyStatus().wire(),
                Amounts.major(p.amounts().captured(), p.currency()),
                Amounts.major(p.amounts().refunded(), p.currency()),
                LOCAL.format(p.createdAt().atZone(here)),
                here.getId(),
                // what open disputes hold and lost ones took, beside what was charged
                String.valueOf(p.amounts().disputed()),
                String.valueOf(p.amounts().lost()),
                Amounts.major(p.amounts().disputed(), p.currency()),
                Amounts.major(p.amounts().lost(), p.currency()))
            .map(PaymentsCsv::cell)
            .collect(Collectors.joining(","))
        + "\r\n";
  }

  /** Quoted when needed; a leading =, +, - or @ is defused so no spreadsheet runs it. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
