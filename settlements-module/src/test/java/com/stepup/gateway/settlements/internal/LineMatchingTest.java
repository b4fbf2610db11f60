package com.stepup.gateway.settlements.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaSettlements.Transaction;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
  void typesWithoutAMatchAreKeptUnmatchedWithoutAnItem() {
    var o = match(line("HOLDBACK", -500, null, null));
    assertThat(o.matched()).isFalse();
    assertThat(o.items()).isEmpty();
  }

  // -- refund settled before its capture

  static final KnownMove WHOLE_REFUND =
      new KnownMove(
          "ref_2", "refund", "pay_1", MERCHANT, 500, "EUR", "k-ref-2", null, Instant.EPOCH);

  static final Map<String, KnownMove> WITH_WHOLE =
      Map.of("k-cap-1", CAPTURE, "k-ref-1", REFUND, "k-ref-2", WHOLE_REFUND);

  LineMatching.Outcome matchHere(Transaction t, Set<String> here) {
    return LineMatching.match(t, MERCHANT, "EUR", WITH_WHOLE, Map.of(), settled, here, PLAN);
  }

  @Test
  void aReturnWhoseCaptureNoPayoutSettledOpensRefundBeforeCaptureAndStaysMatched() {
    var o = match(line("RETURN", -1_500, null, "k-ref-1"));
    assertThat(o.matched()).as("the line is right; its capture is late").isTrue();
    assertThat(o.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo("refund_before_capture");
              assertThat(i.paymentId()).isEqualTo("pay_1");
              assertThat(i.captureId()).isEqualTo("cap_1");
              assertThat(i.refundId()).isEqualTo("ref_1");
              assertThat(i.expected()).isNull();
              assertThat(i.settled()).isEqualTo(-1_500);
            });
  }

  @Test
  void aReturnAfterItsSaleEarlierInThePayoutOrInAnEarlierOneIsInOrder() {
    settled.add(LineMatching.sale("cap_1"));
    assertThat(match(line("RETURN", -1_500, null, "k-ref-1")).items()).isEmpty();
  }

  @Test
  void aReturnBeforeItsSaleInTheSamePayoutIsInOrder() {
    var page =
        java.util.List.of(
            line("RETURN", -1_500, null, "k-ref-1"), line("SALE", 10_000, "k-cap-1", null));
    Set<String> here = LineMatching.salesIn(page, KNOWN, MERCHANT);
    assertThat(matchHere(page.get(0), here).items()).isEmpty();
    assertThat(LineMatching.salesIn(page, KNOWN, "mer_2")).as("another merchant's").isEmpty();
  }

  @Test
  void aRefundOfNoParticularCaptureWaitsForAnySaleOfItsPayment() {
    assertThat(matchHere(line("RETURN", -500, null, "k-ref-2"), Set.of()).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("refund_before_capture");
    settled.clear();
    matchHere(line("SALE", 10_000, "k-cap-1", null), Set.of());
    assertThat(matchHere(line("RETURN", -500, null, "k-ref-2"), Set.of()).items()).isEmpty();
  }

  @Test
  void aReturnSettledTwiceIsNotAlsoBeforeItsCapture() {
    settled.add(LineMatching.returned("ref_1"));
    assertThat(match(line("RETURN", -1_500, null, "k-ref-1")).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("settled_twice");
  }

  // -- a dispute's lines

  static final com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute LOST =
      new com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute(
          "dsp_1", MERCHANT, "pay_1", "cap_1", "krn:d:1", 4_000, "EUR", "CLOSED", "LOST");
  static final com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute WON =
      new com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute(
          "dsp_2", MERCHANT, "pay_1", "cap_1", "krn:d:2", 4_000, "EUR", "CLOSED", "WON");
  static final com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute THEIRS =
      new com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute(
          "dsp_9", "mer_2", "pay_9", "cap_9", "krn:d:9", 4_000, "EUR", "INITIATED", null);
  static final Map<String, com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute> DISPUTES =
      Map.of("krn:d:1", LOST, "krn:d:2", WON, "krn:d:9", THEIRS);

  static Transaction disputeLine(String type, String detailed, long amount, String dispute) {
    return new Transaction(type, detailed, amount, "EUR", null, null, "tx", "order", dispute);
  }

  LineMatching.Outcome matchDispute(Transaction t) {
    settled.add(LineMatching.sale("cap_1"));
    return LineMatching.match(t, MERCHANT, "EUR", KNOWN, DISPUTES, settled, Set.of(), PLAN);
  }

  @Test
  void aReversalOfALostDisputeMatchesTheDisputeItsPaymentAndCapture() {
    var o = matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:1"));
    assertThat(o.matched()).isTrue();
    assertThat(o.items()).isEmpty();
    assertThat(o.disputeId()).isEqualTo("dsp_1");
    assertThat(o.paymentId()).isEqualTo("pay_1");
    assertThat(o.captureId()).isEqualTo("cap_1");
    assertThat(o.settlesCapture()).isNull();
  }

  @Test
  void theDisputeFeeMatchesItsDisputeAndIsNotCheckedAgainstTheCapturesPlan() {
    var o = matchDispute(disputeLine("FEE", "DISPUTE_FEE", -750, "krn:d:1"));
    assertThat(o.matched()).isTrue();
    assertThat(o.disputeId()).isEqualTo("dsp_1");
    assertThat(matchDispute(disputeLine("FEE", "DISPUTE_FEE", -750, "krn:d:1")).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("settled_twice");
  }

  @Test
  void aReversalOfAnotherAmountOrOfADisputeWonDiffers() {
    assertThat(matchDispute(disputeLine("REVERSAL", "REVERSAL", -3_999, "krn:d:1")).items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.kind()).isEqualTo("amount_differs");
              assertThat(i.expected()).isEqualTo(-4_000);
              assertThat(i.disputeId()).isEqualTo("dsp_1");
            });
    assertThat(matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:2")).items())
        .singleElement()
        .satisfies(i -> assertThat(i.expected()).isZero());
  }

  @Test
  void aSecondReversalOfADisputeIsSettledTwice() {
    matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:1"));
    assertThat(matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:1")).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("settled_twice");
  }

  @Test
  void aReversalWhoseCaptureNoPayoutSettledIsARefundBeforeItsCapture() {
    var o =
        LineMatching.match(
            disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:1"),
            MERCHANT,
            "EUR",
            KNOWN,
            DISPUTES,
            settled,
            Set.of(),
            PLAN);
    assertThat(o.matched()).isTrue();
    assertThat(o.items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("refund_before_capture");
  }

  @Test
  void aDisputeLineOfAnUnknownOrAnotherMerchantsDisputeOrNamingNoneIsUnknown() {
    assertThat(matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:none")).items())
        .extracting(LineMatching.NewItem::kind, LineMatching.NewItem::klarnaId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("unknown_line", "krn:d:none"));
    var theirs = matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:9"));
    assertThat(theirs.paymentId()).isNull();
    assertThat(theirs.items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("unknown_line");
    assertThat(matchDispute(disputeLine("REVERSAL", "REVERSAL", -4_000, null)).items())
        .extracting(LineMatching.NewItem::kind)
        .containsExactly("unknown_line");
  }

  @Test
  void aHoldbackAndReleaseNamingADisputeBelongToIt() {
    assertThat(matchDispute(disputeLine("HOLDBACK", null, -4_000, "krn:d:1")).disputeId())
        .isEqualTo("dsp_1");
    assertThat(matchDispute(disputeLine("RELEASE", null, 4_000, "krn:d:2")).matched()).isTrue();
  }

  // -- a dispute's lines under each of Klarna's hold policies (KLARNA-API.md §11.6), payout by
  // payout as the import sees them: the dispute as the gateway knows it when each payout comes

  static com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute dispute(
      String state, String outcome) {
    return new com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute(
        "dsp_5", MERCHANT, "pay_1", "cap_1", "krn:d:5", 4_000, "EUR", state, outcome);
  }

  /** One payout's lines matched in order; what they settle stays for the next payout. */
  List<LineMatching.Outcome> payout(
      com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute d, Transaction... lines) {
    List<LineMatching.Outcome> outcomes = new java.util.ArrayList<>();
    for (Transaction t : lines) {
      outcomes.add(
          LineMatching.match(
              t, MERCHANT, "EUR", KNOWN, Map.of("krn:d:5", d), settled, Set.of(), PLAN));
    }
    return outcomes;
  }

  static void allMatchedWithoutItems(List<LineMatching.Outcome> outcomes) {
    assertThat(outcomes)
        .allSatisfy(
            o -> {
              assertThat(o.matched()).isTrue();
              assertThat(o.items()).isEmpty();
              assertThat(o.disputeId()).isEqualTo("dsp_5");
            });
  }

  @Test
  void underHoldPolicyNoneALossIsAReversalAndAFeeAtCloseAndNothingElse() {
    match(line("SALE", 10_000, "k-cap-1", null));
    allMatchedWithoutItems(
        payout(
            dispute("CLOSED", "LOST"),
            disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:5"),
            disputeLine("FEE", "DISPUTE_FEE", -750, "krn:d:5")));
  }

  @Test
  void underHoldOnDisputeInitiatedAHoldWhileOpenAndItsReleaseWhenWonMatchWithoutItems() {
    match(line("SALE", 10_000, "k-cap-1", null));
    allMatchedWithoutItems(
        payout(dispute("INITIATED", null), disputeLine("HOLDBACK", null, -4_750, "krn:d:5")));
    allMatchedWithoutItems(
        payout(dispute("CLOSED", "WON"), disputeLine("RELEASE", null, 4_750, "krn:d:5")));
  }

  @Test
  void underHoldOnDisputeInitiatedALossReleasesTheHoldThenDebitsOnceWithoutItems() {
    match(line("SALE", 10_000, "k-cap-1", null));
    allMatchedWithoutItems(
        payout(dispute("REPRESENTMENT", null), disputeLine("HOLDBACK", null, -4_750, "krn:d:5")));
    allMatchedWithoutItems(
        payout(
            dispute("CLOSED", "LOST"),
            disputeLine("RELEASE", null, 4_750, "krn:d:5"),
            disputeLine("REVERSAL", "REVERSAL", -4_000, "krn:d:5"),
            disputeLine("FEE", "DISPUTE_FEE", -750, "krn:d:5")));
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
