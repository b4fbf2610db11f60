package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.settlements.internal.PaymentSettlementSummary.SettledLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A payment's {@code settlement}: which captures and refunds a payout settled, and the fees. */
class PaymentSettlementSummaryTest {

  static final Instant DAY1 = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-12-02T00:00:00Z");

  static KnownMove capture(String id, long amount) {
    return new KnownMove(id, "capture", "pay_1", "mer_1", amount, "EUR", "k-" + id, null, DAY1);
  }

  static KnownMove refund(String id, String captureId, long amount) {
    return new KnownMove(id, "refund", "pay_1", "mer_1", amount, "EUR", "k-" + id, captureId, DAY1);
  }

  static SettledLine line(String type, long amount, String captureId, String refundId, int day) {
    return new SettledLine(
        "pay_1",
        type,
        captureId,
        refundId,
        amount,
        "po_" + day,
        "PR-" + day,
        day == 1 ? DAY1 : DAY2);
  }

  static PaymentSettlementView of(List<KnownMove> moves, List<SettledLine> lines) {
    return PaymentSettlementSummary.of(moves, lines).get("pay_1");
  }

  @Test
  void aCaptureNoPayoutSettledIsNotSettled() {
    var s = of(List.of(capture("cap_1", 10_000)), List.of());
    assertThat(s.status()).isEqualTo("not_settled");
    assertThat(s.captures()).singleElement().satisfies(c -> assertThat(c.settled()).isFalse());
    assertThat(s.settledAmount()).isZero();
  }

  @Test
  void aSettledCaptureNamesItsPayoutFeeAndTax() {
    var s =
        of(
            List.of(capture("cap_1", 10_000)),
            List.of(
                line("SALE", 10_000, "cap_1", null, 1),
                line("FEE", -320, "cap_1", null, 1),
                line("TAX", -80, "cap_1", null, 1)));
    assertThat(s.status()).isEqualTo("settled");
    assertThat(s.settledAmount()).isEqualTo(10_000);
    assertThat(s.fees()).isEqualTo(-400);
    PaymentSettlementView.Move c = s.captures().get(0);
    assertThat(c.payoutId()).isEqualTo("po_1");
    assertThat(c.klarnaPaymentReference()).isEqualTo("PR-1");
    assertThat(c.payoutDate()).isEqualTo(DAY1);
    assertThat(c.fee()).isEqualTo(-320);
    assertThat(c.tax()).isEqualTo(-80);
    assertThat(c.settledAmount()).isEqualTo(10_000);
  }

  @Test
  void aRefundNotYetSettledLeavesThePaymentPartiallySettled() {
    var s =
        of(
            List.of(capture("cap_1", 10_000), refund("ref_1", "cap_1", 1_000)),
            List.of(line("SALE", 10_000, "cap_1", null, 1)));
    assertThat(s.status()).isEqualTo("partially_settled");
    assertThat(s.refunds()).singleElement().satisfies(r -> assertThat(r.settled()).isFalse());
  }

  @Test
  void aRefundSettledInALaterPayoutNamesThatPayoutAndCountsNegative() {
    var s =
        of(
            List.of(capture("cap_1", 10_000), refund("ref_1", "cap_1", 1_000)),
            List.of(
                line("SALE", 10_000, "cap_1", null, 1), line("RETURN", -1_000, null, "ref_1", 2)));
    assertThat(s.status()).isEqualTo("settled");
    assertThat(s.settledAmount()).isEqualTo(9_000);
    assertThat(s.refunds().get(0).payoutId()).isEqualTo("po_2");
    assertThat(s.refunds().get(0).settledAmount()).isEqualTo(-1_000);
    assertThat(s.refunds().get(0).fee()).isZero();
  }

  @Test
  void aCaptureSettledTwiceNamesTheFirstPayout() {
    var s =
        of(
            List.of(capture("cap_1", 10_000)),
            List.of(
                line("SALE", 10_000, "cap_1", null, 1), line("SALE", 10_000, "cap_1", null, 2)));
    assertThat(s.captures().get(0).payoutId()).isEqualTo("po_1");
    assertThat(s.settledAmount()).isEqualTo(10_000);
  }

  @Test
  void aSettledAmountThatDiffersIsShownAsKlarnaSettledIt() {
    var s = of(List.of(capture("cap_1", 10_000)), List.of(line("SALE", 10_001, "cap_1", null, 1)));
    assertThat(s.captures().get(0).amount()).isEqualTo(10_000);
    assertThat(s.captures().get(0).settledAmount()).isEqualTo(10_001);
  }

  @Test
  void reversalsAreNotACaptureOrRefundsSettlement() {
    var s =
        of(
            List.of(capture("cap_1", 10_000)),
            List.of(new SettledLine("pay_1", "REVERSAL", null, null, -500, "po_1", "PR-1", DAY1)));
    assertThat(s.status()).isEqualTo("not_settled");
  }
}
