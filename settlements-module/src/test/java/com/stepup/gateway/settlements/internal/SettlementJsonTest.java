package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.settlements.PayoutLineView;
import com.stepup.gateway.settlements.PayoutView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A payout's lines as CSV. */
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
}
