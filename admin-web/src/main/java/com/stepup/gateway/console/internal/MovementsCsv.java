package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.Amounts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Money movements as CSV, for finance (issue 29): one dated row per capture, refund and release
 * that succeeded, and per dispute hold, hold given back (won) and loss, chosen by when the money
 * moved, not by when the payment was made. Amounts in minor and major units with the currency;
 * times in the merchant's zone, which the header names.
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
      OutputStream out)
      throws IOException {
    var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(header(merchantId == null ? null : zone));
    var money =
        new Paged(
            (page, size) -> payments.movementsBetween(merchantId, filter, from, to, page, size));
    var disputes =
        new Paged(
            (page, size) ->
                payments.disputeMovementsBetween(merchantId, filter, from, to, page, size));
    int written = 0;
    // both in time order: merged, so a dispute's hold sits beside the captures of its day
    while ((money.peek() != null || disputes.peek() != null) && written < PaymentsCsv.MAX_ROWS) {
      MoneyMovement.OfPayment a = money.peek();
      MoneyMovement.OfPayment b = disputes.peek();
      MoneyMovement.OfPayment line =
          b == null || (a != null && !a.movement().updatedAt().isAfter(b.movement().updatedAt()))
              ? money.next()
              : disputes.next();
      String m = line.payment().merchantId();
      w.write(row(line, zones.getOrDefault(m, zone), names.get(m)));
      written++;
    }
    w.flush();
  }

  /** One source of movements read a batch at a time, in its order. */
  private static final class Paged {
    private final BiFunction<Integer, Integer, List<MoneyMovement.OfPayment>> read;
    private List<MoneyMovement.OfPayment> batch = List.of();
    private int at;
    private int page;
    private boolean last;

    Paged(BiFunction<Integer, Integer, List<MoneyMovement.OfPayment>> read) {
      this.read = read;
    }

    MoneyMovement.OfPayment peek() {
      if (at == batch.size() && !last) {
        batch = read.apply(page++, BATCH);
        at = 0;
        last = batch.size() < BATCH;
      }
      return at < batch.size() ? batch.get(at) : null;
    }

    MoneyMovement.OfPayment next() {
      MoneyMovement.OfPayment next = peek();
      at++;
      return next;
    }
  }

  static String row(MoneyMovement.OfPayment line, ZoneId zone, String merchantName) {
    var p = line.payment();
    var m = line.movement();
    ZoneId here = zone == null ? ZoneId.of("UTC") : zone;
    long signed = signed(m.kind(), m.amount());
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

  /**
   * How a movement changes the merchant's money: a refund gives it back and a dispute's hold takes
   * it (negative); a capture, and a hold given back when a dispute is won, bring it (positive); a
   * release gives up an authorization, and a lost dispute keeps what its hold took, moving none.
   */
  static long signed(String kind, long amount) {
    return switch (kind) {
      case "refund", "dispute_hold" -> -amount;
      case "release", "dispute_lost" -> 0;
      default -> amount;
    };
  }

  /** {@code money-movements-2026-12-01.csv}, or with the period it covers. */
  static String fileName(LocalDate today, Map<String, String> form) {
    return "money-movements-" + PaymentsCsv.fileName(today, form).substring("payments-".length());
  }
}
