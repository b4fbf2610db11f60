package com.stepup.gateway.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  @Test
  void everyRuleNamesWhatDiffered() {
    ChaosFixture run = ChaosFixture.everyRuleBroken(false);

    List<GroundTruth.Violation> violations = new GroundTruth(run.ledger(), run.settled()).compare();

    assertThat(violations)
        .extracting(GroundTruth.Violation::toString)
        .containsExactly(
            "- [not quiet] payments or operations were still pending when the wait ended",
            "pay_1 [amounts and state equal Klarna's] gateway authorized 1000 captured 500 refunded 100 AUTHORIZED; Klarna 1000 captured 600 refunded 100 AUTHORIZED",
            "pay_1 [nothing pending] 1 capture(s) and 0 refund(s) still pending",
            "pay_1 [every Klarna effect known] 1 Klarna capture(s) the gateway has no record of",
            "pay_1 [every Klarna effect known] Klarna refund rX the gateway has no record of",
            "pay_1 [one operation per Idempotency-Key] 2 captures from 1 keys",
            "pay_5 [no approved sale lost] the shopper completed pr1 (Klarna: COMPLETED); the payment is canceled",
            "pay_2 [one transaction per payment] Klarna holds 2 transactions",
            "pay_2 [every Klarna effect known] 2 Klarna capture(s) the gateway has no record of",
            "pay_3 [authorized ⇔ transaction] the gateway says canceled; Klarna holds AUTHORIZED amount 3000 captured 0 refunded 0",
            "pay_3 [never failed/declined when Klarna authorized] create in store (QR) answered 201 declined at 2025-12-01T14:40:00.003Z; Klarna holds AUTHORIZED",
            "pay_3 [a completed request is never canceled] the shopper completed pr3; Klarna holds it CANCELED (a|b)",
            "pay_3 [no approved sale lost] the shopper completed pr3 (Klarna: CANCELED); the payment is canceled",
            "pay_4 [nothing pending] the payment is still pending (Klarna request pr4)",
            "pay_1, pay_5 [one operation per Idempotency-Key] one create (reference chaos-7-0-0) made 2 payments",
            "pay_9x [every answered payment exists] answered 201 for chaos-7-0-9; the gateway lists no such payment",
            "pay_2 [a replay answers the same operation] Idempotency-Key capture kc2 answered [cap_2, cap_3]",
            "pay_5 [a replay answers the same operation] Idempotency-Key create in store (QR) k0 answered [pay_1, pay_5]",
            "pay_9 [every Klarna effect known] Klarna holds a transaction for a payment the gateway does not list");
  }

  @Test
  void theRunIsCountedBesideTheViolations() {
    ChaosFixture run = ChaosFixture.everyRuleBroken(true);
    GroundTruth truth = new GroundTruth(run.ledger(), run.settled());

    assertThat(truth.compare()).extracting(GroundTruth.Violation::rule).doesNotContain("not quiet");
    assertThat(truth.byStatus)
        .isEqualTo(Map.of("authorized", 2, "canceled", 2, "expired", 1, "pending", 1));
    assertThat(truth.byTransactionState).isEqualTo(Map.of("AUTHORIZED", 3, "CLOSED", 1));
    assertThat(truth.transactions).isEqualTo(5);
    // pay_6: expired at the gateway, Klarna's transaction CLOSED with nothing held
    assertThat(truth.lateApprovalsReleased).isEqualTo(1);
    assertThat(truth.completedByShopper).isEqualTo(3);
  }

  @Test
  void aPaymentThatMatchesKlarnaBreaksNoRule() {
    Ledger ledger = new Ledger();
    Ledger.Pay p = new Ledger.Pay("chaos-1-0-0", "create online, approved at once", 1000, 0, null);
    p.id = "pay_1";
    ledger.add(p);
    ledger.record(
        ChaosFixture.op(
            "create online, approved at once",
            p.reference,
            "pay_1",
            "k",
            false,
            201,
            "201 authorized",
            "authorized",
            "pay_1",
            0));
    ledger.record(
        ChaosFixture.op(
            "capture",
            p.reference,
            "pay_1",
            "kc",
            false,
            201,
            "201 succeeded",
            "succeeded",
            "cap_1",
            1));
    Quiet.Result settled =
        new Quiet.Result(
            Map.of(
                "pay_1",
                ChaosFixture.pay(
                    "pay_1",
                    p.reference,
                    "authorized",
                    1000,
                    400,
                    0,
                    600,
                    "tx1",
                    "AUTHORIZED",
                    null,
                    "manual")),
            Map.of(
                "pay_1",
                List.of(ChaosFixture.j("{'status':'succeeded','klarna_capture_id':'c1'}"))),
            Map.of(),
            Map.of(
                "pay_1",
                List.of(
                    ChaosFixture.tx(
                        "tx1",
                        "pay_1",
                        1000,
                        400,
                        0,
                        "AUTHORIZED",
                        "{'payment_capture_id':'c1'}",
                        ""))),
            Map.of(),
            0,
            1000,
            true);

    assertThat(new GroundTruth(ledger, settled).compare()).isEmpty();
  }
}
