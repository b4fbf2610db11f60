package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.Amounts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Money movements as CSV, for finance (issue 29): one dated row per capture, refund and release
 * that succeeded, chosen by when the money moved, not by when the payment was made. Amounts in
 * minor and major units with the currency; times in the merchant's zone, which the header names.
 */
final class MovementsCsv {

  private static final int BATCH = 500;
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** Marks a number we wrote ourselves: a minus sign there is not a formula to defuse. */
  private static final String NUMBER = "\u0000";

  private MovementsCsv() {}

  /** The header; {@code zone} null for an export across merchants (each row names its own). */
  static String header(ZoneId zone) {
    String where = zone == null ? "each merchant's zone" : zone.getId();
    return "occurred_at ("
        + where
        + "),time_zone,kind,amount_minor,amount_major,signed_amount_major,currency,movement_id,"
        + "payment_id,payment_reference,store_reference,terminal_reference,reason,klarna_id,"
        + "made_at_klarna,money_status_now,occurred_at_utc,merchant_name\r\n";
  }

  static void write(
      Payments payments,
      String merchantId,
      PaymentFilter filter,
      Instant from,
      Instant to,
      ZoneId zone,
      Map<String, ZoneId> zones,
      Map<String, String> names,
      java.io.OutputStream out)
      throws java.io.IOException {
    var w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
    w.write(header(merchantId == null ? null : zone));
    int page = 0;
    int written = 0;
    List<MoneyMovement.OfPayment> batch;
    do {
      batch = payments.movementsBetween(merchantId, filter, from, to, page++, BATCH);
      for (var line : batch) {
        String m = line.payment().merchantId();
        w.write(row(line, zones.getOrDefault(m, zone), names.get(m)));
        written++;
      }
    } while (batch.size() == BATCH && written < PaymentsCsv.MAX_ROWS);
    w.flush();
  }

  static String row(MoneyMovement.OfPayment line, ZoneId zone, String merchantName) {
    var p = line.payment();
    var m = line.movement();
    ZoneId here = zone == null ? ZoneId.of("UTC") : zone;
    // a refund gives money back; a release gives up an authorization, moving none
    long signed =
        "refund".equals(m.kind()) ? -m.amount() : "release".equals(m.kind()) ? 0 : m.amount();
    return Stream.of(
                LOCAL.format(m.updatedAt().atZone(here)),
                here.getId(),
                m.kind(),
                String.valueOf(m.amount()),
                Amounts.major(m.amount(), p.currency()),
                NUMBER + Amounts.major(signed, p.currency()),
                p.currency(),
                m.id(),
                p.id(),
                p.reference(),
                p.storeReference(),
                p.terminalReference(),
                m.reason(),
                m.klarnaId(),
                String.valueOf(m.madeAtKlarna()),
                p.moneyStatus().wire(),
                m.updatedAt().toString(),
                merchantName)
            .map(c -> c != null && c.startsWith(NUMBER) ? c.substring(1) : PaymentsCsv.cell(c))
            .collect(Collectors.joining(","))
        + "\r\n";
  }

  /** {@code money-movements-2026-12-01.csv}, or with the period it covers. */
  static String fileName(java.time.LocalDate today, Map<String, String> form) {
    return "money-movements-" + PaymentsCsv.fileName(today, form).substring("payments-".length());
  }
}
