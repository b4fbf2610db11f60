package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.settlements.PayoutLineView;
import com.stepup.gateway.settlements.PayoutView;
import com.stepup.gateway.settlements.ReconciliationItemView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A payout's lines as CSV; payouts and reconciliation items as the lists write them. */
class SettlementJsonTest {

  @Test
  void eachRowIsDatedByThePayoutsInstantInUtcAndTheHeaderSaysSo() {
    PayoutView p =
        new PayoutView(
            "po_1",
            "mer_1",
            "PR-1",
            Instant.parse("2026-12-05T23:30:00Z"),
            "EUR",
            new PayoutView.Totals(10_000, 0, -320, 0, 0, 0, 0, 9_680),
            2);
    String csv =
        SettlementJson.csv(
            p,
            List.of(
                new PayoutLineView(
                    0, "SALE", "PURCHASE", 10_000, "pay_1", "cap_1", null, null, true),
                new PayoutLineView(1, "FEE", null, -320, "pay_1", "cap_1", null, null, true)),
            2);
    String[] rows = csv.split("\r\n");
    assertThat(rows[0]).startsWith("payout_id,klarna_payment_reference,payout_date (UTC),type,");
    assertThat(rows[1])
        .isEqualTo(
            "po_1,PR-1,2026-12-05T23:30:00Z,SALE,PURCHASE,100.00,EUR,10000,pay_1,cap_1,,,true");
    assertThat(rows[2]).contains(",-3.20,EUR,-320,");
  }

  @Test
  void aPayoutWrittenByAGeneratorIsItsTree() {
    PayoutView p =
        new PayoutView(
            "po_1",
            "mer_1",
            "PR-\"1\"",
            Instant.parse("2026-12-05T23:30:00Z"),
            "EUR",
            new PayoutView.Totals(10_000, -1, -320, 2, -3, 4, 5, 9_680),
            2);

    assertThat(new StreamedJson(json -> SettlementJson.writePayout(json, p)).toString())
        .isEqualTo(SettlementJson.payout(p).toString())
        .isEqualTo(
            "{\"id\":\"po_1\",\"klarna_payment_reference\":\"PR-\\\"1\\\"\","
                + "\"payout_date\":\"2026-12-05T23:30:00Z\",\"currency\":\"EUR\","
                + "\"totals\":{\"sales\":10000,\"returns\":-1,\"fees\":-320,\"tax\":2,"
                + "\"reversals\":-3,\"holdbacks\":4,\"releases\":5,\"net\":9680},"
                + "\"line_count\":2}");
  }

  @Test
  void aReconciliationItemWrittenByAGeneratorIsItsTreeWithAndWithoutOptionalFields() {
    Instant at = Instant.parse("2026-12-05T10:00:00Z");
    var full =
        new ReconciliationItemView(
            "rec_1",
            "mer_1",
            "amount_differs",
            "resolved",
            "pay_1",
            "po_1",
            "cap_1",
            "ref_1",
            "EUR",
            10_000L,
            0L,
            "checked",
            "admin",
            at,
            at.plusSeconds(60),
            "dsp_1");
    var bare =
        new ReconciliationItemView(
            "rec_2",
            "mer_1",
            "unknown_line",
            "open",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            at,
            null,
            null);

    for (var item : List.of(full, bare)) {
      assertThat(new StreamedJson(json -> SettlementJson.writeItem(json, item)).toString())
          .isEqualTo(SettlementJson.item(item).toString());
    }
    assertThat(new StreamedJson(json -> SettlementJson.writeItem(json, bare)).toString())
        .isEqualTo(
            "{\"id\":\"rec_2\",\"kind\":\"unknown_line\",\"state\":\"open\","
                + "\"created_at\":\"2026-12-05T10:00:00Z\"}");
  }
}
