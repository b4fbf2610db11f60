package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaSettlements.Transaction;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every matching rule of a settlement line (issue 27). */
class LineMatchingTest {

  static final String MERCHANT = "mer_1";
  static final LineMatching.FeePlan PLAN = new LineMatching.FeePlan(30, 290);

  static final KnownMove CAPTURE =
      new KnownMove(
          "cap_1", "capture", "pay_1", MERCHANT, 10_000, "EUR", "k-cap-1", null, Instant.EPOCH);
  static final KnownMove REFUND =
      new KnownMove(
          "ref_1", "refund", "pay_1", MERCHANT, 1_500, "EUR", "k-ref-1", "cap_1", Instant.EPOCH);
  static final KnownMove OTHERS =
      new KnownMove(
          "cap_9", "capture", "pay_9", "mer_2", 10_000, "EUR", "k-cap-9", null, Instant.EPOCH);
  static final Map<String, KnownMove> KNOWN =
      Map.of("k-cap-1", CAPTURE, "k-ref-1", REFUND, "k-cap-9", OTHERS);

  final Set<String> settled = new HashSet<>();

  static Transaction line(String type, long amount, String captureId, String refundId) {
    return new Transaction(type, null, amount, "EUR", captureId, refundId, "tx", "order", null);
  }

  LineMatching.Outcome match(Transaction t) {
    return LineMatching.match(t, MERCHANT, "EUR", KNOWN, settled, PLAN);
  }

  @Test
  void aSaleOfTheCapturedAmountMatchesAndSettlesTheCapture() {
    var o = match(line("SALE", 10_000, "k-cap-1", null));
    assertThat(o.matched()).isTrue();
    assertThat(o.paymentId()).isEqualTo("pay_1");
    assertThat(o.captureId()).isEqualTo("cap_1");
    assertThat(o.items()).isEmpty();
    assertThat(o.settlesCapture()).isEqualTo("cap_1");
  }

  @Test
  void feeAndTaxBelongToTheirCaptureAndAFeeWithinThePlanMatches() {
    assertThat(match(line("FEE", -320, "k-cap-1", null)).matched()).isTrue();
    assertThat(match(line("TAX", -80, "k-cap-1", null)).captureId()).isEqualTo("cap_1");
  }

  @Test
  void aFeeAboveTheAgreedPlanOpensFeeAbovePlan() {
    var o = match(line("FEE", -321, "k-cap-1", null));
    assertThat(o.matched()).isFalse();
    assertThat(o.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo("fee_above_plan");
              assertThat(i.expected()).isEqualTo(-320);
              assertThat(i.settled()).isEqualTo(-321);
            });
  }

  @Test
  void aReturnMatchesItsRefundNegative() {
    var o = match(line("RETURN", -1_500, null, "k-ref-1"));
    assertThat(o.matched()).isTrue();
    assertThat(o.refundId()).isEqualTo("ref_1");
    assertThat(o.captureId()).isEqualTo("cap_1");
  }

  @Test
  void anotherAmountOpensAmountDiffersButStillSettlesTheCapture() {
    var o = match(line("SALE", 10_001, "k-cap-1", null));
    assertThat(o.matched()).isFalse();
    assertThat(o.settlesCapture()).isEqualTo("cap_1");
    assertThat(o.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo("amount_differs");
              assertThat(i.expected()).isEqualTo(10_000);
              assertThat(i.settled()).isEqualTo(10_001);
            });
    assertThat(match(line("RETURN", -1_400, null, "k-ref-1")).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("amount_differs");
  }

  @Test
  void aSecondSaleOfTheSameCaptureIsSettledTwice() {
    match(line("SALE", 10_000, "k-cap-1", null));
    var o = match(line("SALE", 10_000, "k-cap-1", null));
    assertThat(o.items()).extracting(LineMatching.NewItem::kind).containsExactly("settled_twice");
    match(line("RETURN", -1_500, null, "k-ref-1"));
    assertThat(match(line("RETURN", -1_500, null, "k-ref-1")).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("settled_twice");
  }

  @Test
  void aCaptureNobodyMadeOrAnotherMerchantsIsAnUnknownLine() {
    var o = match(line("SALE", 1_000, "k-nobody", null));
    assertThat(o.matched()).isFalse();
    assertThat(o.paymentId()).isNull();
    assertThat(o.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo("unknown_line");
              assertThat(i.settled()).isEqualTo(1_000);
              assertThat(i.klarnaId()).isEqualTo("k-nobody");
            });
    assertThat(match(line("SALE", 10_000, "k-cap-9", null)).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("unknown_line");
    assertThat(match(line("RETURN", -5, null, "k-cap-1")).items())
        .extracting(LineMatching.NewItem::kind)
        .as("a capture's id on a RETURN is not a refund")
        .containsExactly("unknown_line");
  }

  @Test
  void typesWithoutAMatchYetAreKeptUnmatchedWithoutAnItem() {
    var o = match(line("REVERSAL", -500, null, null));
    assertThat(o.matched()).isFalse();
    assertThat(o.items()).isEmpty();
  }

  @Test
  void everyTypeAddsToOneTotalAndNetIsTheSumOfTheLines() {
    Payout p = Payout.begin("po_1", MERCHANT, "pa", "PR", Instant.EPOCH, "EUR", 0, Instant.EPOCH);
    p.add("SALE", 10_000);
    p.add("FEE", -320);
    p.add("TAX", -80);
    p.add("RETURN", -1_500);
    p.add("REVERSAL", -100);
    p.add("HOLDBACK", -50);
    p.add("RELEASE", 50);
    var t = p.view().totals();
    assertThat(t.net())
        .isEqualTo(10_000 - 320 - 80 - 1_500 - 100 - 50 + 50)
        .isEqualTo(
            t.sales()
                + t.returns()
                + t.fees()
                + t.tax()
                + t.reversals()
                + t.holdbacks()
                + t.releases());
    assertThat(p.view().lineCount()).isEqualTo(7);
  }
}
