package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finance's money lines: one dated row each, merged in time order, major units and the zone. */
class MoneyLinesCsvTest {

  static final Instant T = Instant.parse("2026-12-05T08:00:00Z");

  static MoneyLinesCsv.Row capture(Instant at, long amount) {
    return new MoneyLinesCsv.Row(
        at, "capture", "mer_1", amount, "EUR", "pay_1", "cap_1", null, null, null, null, null, null,
        null);
  }

  static MoneyLinesCsv.Row refund(Instant at, long amount) {
    return new MoneyLinesCsv.Row(
        at, "refund", "mer_1", -amount, "EUR", "pay_1", "cap_1", "ref_1", null, null, null, null,
        null, null);
  }

  static MoneyLinesCsv.Row line(Instant at, String type, long amount) {
    return new MoneyLinesCsv.Row(
        at,
        "settlement",
        "mer_1",
        amount,
        "EUR",
        "pay_1",
        "cap_1",
        null,
        null,
        "po_1",
        "PR-1",
        type,
        null,
        true);
  }

  @Test
  void everyCaptureRefundAndSettlementLineIsItsOwnRowInTimeOrder() throws Exception {
    StringWriter out = new StringWriter();
    int n =
        MoneyLinesCsv.write(
            out,
            ZoneId.of("Europe/Berlin"),
            List.of(capture(T, 10_000), refund(T.plusSeconds(7_200), 1_500)).iterator(),
            List.of(
                    line(T.plusSeconds(3_600), "SALE", 10_000),
                    line(T.plusSeconds(3_600), "FEE", -320))
                .iterator(),
            100);
    String[] rows = out.toString().split("\r\n");
    assertThat(n).isEqualTo(4);
    assertThat(rows[0]).startsWith("time (Europe/Berlin),kind,merchant_id,amount_major,currency,");
    assertThat(rows[1])
        .startsWith("2026-12-05 09:00:00,capture,mer_1,100.00,EUR,10000,pay_1,cap_1,");
    assertThat(rows[2]).startsWith("2026-12-05 10:00:00,settlement,mer_1,100.00,EUR,10000,");
    assertThat(rows[2]).endsWith(",po_1,PR-1,SALE,,true");
    assertThat(rows[3]).contains(",settlement,mer_1,-3.20,EUR,-320,");
    assertThat(rows[4])
        .startsWith("2026-12-05 11:00:00,refund,mer_1,-15.00,EUR,-1500,pay_1,cap_1,ref_1");
  }

  @Test
  void majorUnitsFollowTheCurrencysExponentAndCellsAreSafe() {
    var yen =
        new MoneyLinesCsv.Row(
            T, "capture", "mer_1", 1_200, "JPY", "=cmd", null, null, null, null, null, null, null,
            null);
    String row =
        MoneyLinesCsv.row(
            yen, java.time.format.DateTimeFormatter.ISO_INSTANT.withZone(ZoneId.of("UTC")));
    assertThat(row).contains(",1200,JPY,1200,'=cmd,");
  }

  @Test
  void theRowsStopAtTheLimit() throws Exception {
    StringWriter out = new StringWriter();
    int n =
        MoneyLinesCsv.write(
            out,
            ZoneId.of("UTC"),
            List.of(capture(T, 1), capture(T, 2), capture(T, 3)).iterator(),
            List.<MoneyLinesCsv.Row>of().iterator(),
            2);
    assertThat(n).isEqualTo(2);
  }
}
