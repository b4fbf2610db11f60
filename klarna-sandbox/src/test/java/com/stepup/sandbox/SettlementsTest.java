package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's ledger and settlement runs: the totals formula and the invariants (§13). */
class SettlementsTest {

  static final String A = "krn:partner:global:account:test:a";
  static final String B = "krn:partner:global:account:test:b";

  SandboxClock clock;
  Ledger ledger;
  Settlements settlements;
  Transactions transactions;
  SigningKeys keys;
  WebhookDeliveries deliveries;

  /** The settlement.report.created payloads sent. */
  final List<JsonObject> reports = new java.util.ArrayList<>();

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    ledger = new Ledger(clock);
    keys = new SigningKeys(clock);
    deliveries = new WebhookDeliveries(clock, new Faults(), keys);
    Webhooks webhooks =
        new Webhooks(clock, keys, deliveries) {
          @Override
          void publishTransaction(
              String account, String id, TransactionState state, JsonObject payload) {}

          @Override
          void publishSettlement(String account, String ref, String type, JsonObject payload) {
            assertThat(type).isEqualTo("settlement.report.created");
            assertThat(account).isEqualTo(payload.getString("merchant_id"));
            reports.add(payload);
          }
        };
    settlements = new Settlements(clock, ledger, webhooks);
    transactions = new Transactions(clock, webhooks, ledger);
  }

  String captured(String account, long amount, String currency) {
    return transactions
        .create(account, "order-" + amount, amount, currency, true)
        .getString("payment_transaction_id");
  }

  static JsonObject amount(long amount) {
    return Json.createObjectBuilder().add("amount", amount).build();
  }

  @Test
  void aCaptureWritesSaleFeeAndTaxByThePlanAndARefundAReturn() {
    ledger.setPlan(A, new Ledger.FeePlan(30, 290, 2500));
    String tx = captured(A, 10_000, "EUR");
    transactions.refund(A, tx, null, amount(1_500));

    assertThat(ledger.open())
        .extracting(l -> l.type + " " + l.amount)
        .containsExactly("SALE 10000", "FEE -320", "TAX -80", "RETURN -1500");
  }

  @Test
  void aRunPaysEachAccountAndCurrencyOutOnceAndTheFormulaIsTheSumOfTheLines() {
    ledger.setPlan(A, new Ledger.FeePlan(30, 290, 2500));
    String tx = captured(A, 10_000, "EUR");
    transactions.refund(A, tx, null, amount(2_000));
    captured(A, 5_000, "SEK");
    captured(B, 7_000, "EUR");

    JsonObject run = settlements.run();

    assertThat(run.getJsonArray("payouts")).hasSize(3);
    Set<String> settledLines = new HashSet<>();
    for (Settlements.Payout p : settlements.payouts(null)) {
      List<Ledger.Line> lines = ledger.settledIn(p.paymentReference());
      assertThat(lines).hasSize(p.lineCount());
      assertThat(lines).allMatch(l -> l.currency.equals(p.currency()));
      assertThat(lines).allMatch(l -> l.account.equals(p.account()));
      long sum = lines.stream().mapToLong(l -> l.amount).sum();
      assertThat(Settlements.settlementAmount(p.totals())).isEqualTo(sum);
      assertThat(p.settlementAmount()).isEqualTo(sum);
      lines.forEach(l -> assertThat(settledLines.add(l.id)).as("settled once").isTrue());
    }
    Settlements.Payout eur =
        settlements.payouts(A).stream().filter(p -> p.currency().equals("EUR")).findFirst().get();
    assertThat(eur.totals())
        .containsEntry("sale_amount", 10_000L)
        .containsEntry("fee_amount", 320L)
        .containsEntry("tax_amount", 80L)
        .containsEntry("return_amount", 2_000L);
    assertThat(eur.settlementAmount()).isEqualTo(10_000 - 320 - 80 - 2_000);
    assertThat(ledger.open()).isEmpty();
    assertThat(settlements.run().getJsonArray("payouts")).isEmpty();
  }

  @Test
  void aNegativeBalanceIsCarriedForwardIntoTheNextPayout() {
    String tx = captured(A, 10_000, "EUR");
    settlements.run();
    transactions.refund(A, tx, null, amount(9_000));

    JsonObject run = settlements.run();

    assertThat(run.getJsonArray("payouts")).isEmpty();
    assertThat(
            run.getJsonArray("carried_forward")
                .getJsonObject(0)
                .getJsonNumber("balance")
                .longValue())
        .isEqualTo(-9_000);
    assertThat(ledger.open()).hasSize(1);

    captured(A, 20_000, "EUR");
    settlements.run();
    Settlements.Payout next = settlements.payouts(A).get(1);
    assertThat(next.lineCount()).isEqualTo(3);
    assertThat(next.openingDebt()).isEqualTo(9_000);
    assertThat(next.settlementAmount()).isEqualTo(-9_000 + 20_000 - 610);
  }

  @Test
  void eachRunCarriesItsDebtFromOpeningThroughDepositToClosingAndAPayoutClosesIt() {
    String tx = captured(A, 10_000, "EUR");
    settlements.run();
    transactions.refund(A, tx, null, amount(6_000));

    JsonObject first = settlements.run().getJsonArray("carried_forward").getJsonObject(0);
    assertThat(debt(first)).containsExactly(0L, 6_000L, 0L, 6_000L);

    transactions.refund(A, tx, null, amount(3_000));
    JsonObject second = settlements.run().getJsonArray("carried_forward").getJsonObject(0);
    assertThat(debt(second))
        .as("the debt grows by the run's deposit; it opens where the last run closed")
        .containsExactly(6_000L, 3_000L, 0L, 9_000L);

    captured(A, 2_000, "EUR"); // 2000 - 88 fee: the debt shrinks but stays
    JsonObject third = settlements.run().getJsonArray("carried_forward").getJsonObject(0);
    assertThat(debt(third)).containsExactly(9_000L, 0L, 1_912L, 7_088L);
    for (JsonObject run : List.of(first, second, third)) {
      long[] d = debt(run).stream().mapToLong(Long::longValue).toArray();
      assertThat(d[3]).as("closing = opening + deposit - repaid").isEqualTo(d[0] + d[1] - d[2]);
    }

    captured(A, 20_000, "EUR");
    settlements.run();
    Settlements.Payout payout = settlements.payouts(A).get(1);
    JsonObject totals = SettlementJson.toJson(payout, "").getJsonObject("totals");
    assertThat(totals.getJsonNumber("opening_debt_balance_amount").longValue()).isEqualTo(7_088);
    assertThat(totals.getJsonNumber("deposit_amount").longValue()).isZero();
    assertThat(totals.getJsonNumber("closing_debt_balance_amount").longValue())
        .as("a payout nets the debt carried into it")
        .isZero();
    assertThat(totals.getJsonNumber("settlement_amount").longValue())
        .isEqualTo(-7_088 + 20_000 - 610)
        .isEqualTo(Settlements.settlementAmount(payout.totals()));
  }

  static List<Long> debt(JsonObject carried) {
    return List.of(
        carried.getJsonNumber("opening_debt_balance_amount").longValue(),
        carried.getJsonNumber("deposit_amount").longValue(),
        carried.getJsonNumber("repaid_amount").longValue(),
        carried.getJsonNumber("closing_debt_balance_amount").longValue());
  }

  @Test
  void eachPayoutSendsSettlementReportCreatedWithLinksToItsReports() {
    List<JsonObject> sent = reports;
    settlements.reachedAt("http://127.0.0.1:8080/klarna-sandbox/");
    captured(A, 1_000, "EUR");
    captured(B, 2_000, "EUR");
    String tx = captured(A, 3_000, "SEK");
    settlements.run();
    assertThat(sent).hasSize(3);
    JsonObject first = sent.get(0);
    String ref = first.getString("payment_reference");
    assertThat(first.getString("settlement_id")).isEqualTo(ref);
    assertThat(first.getJsonObject("links").getString("payout"))
        .isEqualTo("http://127.0.0.1:8080/klarna-sandbox/settlements/v1/payouts/" + ref);
    assertThat(first.getJsonObject("links").getString("csv"))
        .endsWith("reports/payout-with-transactions?payment_reference=" + ref);

    sent.clear();
    transactions.refund(A, tx, null, amount(3_000));
    settlements.run();
    assertThat(sent).as("a run that pays nothing out reports nothing").isEmpty();
    assertThat(EventTypes.ALL).contains("settlement.report.created");
  }

  @Test
  void dropLineLosesTheNewestSaleAndItsFeeForGood() {
    captured(A, 1_000, "EUR");
    captured(A, 2_000, "EUR");
    settlements.addFault("DROP_LINE", 1);

    settlements.run();

    List<Ledger.Line> lines = ledger.settledIn(settlements.payouts(A).get(0).paymentReference());
    assertThat(lines)
        .extracting(l -> l.type + " " + l.amount)
        .containsExactly("SALE 1000", "FEE -59");
    assertThat(ledger.open()).isEmpty();
    assertThat(settlements.faults()).isEmpty();
  }

  @Test
  void changeAmountAltersTheNewestSaleByOne() {
    captured(A, 1_000, "EUR");
    settlements.addFault("CHANGE_AMOUNT", 1);

    settlements.run();

    Settlements.Payout p = settlements.payouts(A).get(0);
    assertThat(p.totals()).containsEntry("sale_amount", 1_001L);
    assertThat(p.settlementAmount()).isEqualTo(1_001 - 59);
  }

  @Test
  void unknownLineAddsASaleForACaptureNobodyMade() {
    captured(A, 1_000, "EUR");
    settlements.addFault("UNKNOWN_LINE", 1);

    settlements.run();

    Settlements.Payout p = settlements.payouts(A).get(0);
    assertThat(p.lineCount()).isEqualTo(3);
    assertThat(p.totals()).containsEntry("sale_amount", 1_000L + Settlements.UNKNOWN_SALE_AMOUNT);
  }

  @Test
  void aFaultWaitsForARunWithLinesAndBadKindsAreRefused() {
    settlements.addFault("CHANGE_AMOUNT", 1);
    settlements.run();
    assertThat(settlements.faults()).hasSize(1);
    assertThatThrownBy(() -> settlements.addFault("NOPE", 1)).isInstanceOf(KlarnaError.class);
    assertThatThrownBy(() -> ledger.setPlan(A, new Ledger.FeePlan(0, 10_001, 0)))
        .isInstanceOf(KlarnaError.class);
  }

  @Test
  void theDailyRunFollowsTheSandboxClock() {
    settlements.runIfDue(); // the first tick only notes the day
    captured(A, 1_000, "EUR");
    settlements.runIfDue();
    assertThat(settlements.payouts(A)).isEmpty();

    clock.advance(Duration.ofDays(1));
    settlements.runIfDue();

    assertThat(settlements.payouts(A)).hasSize(1);
  }

  @Test
  void aLineIsNeverSettledTwice() {
    captured(A, 1_000, "EUR");
    List<Ledger.Line> open = ledger.open();
    ledger.settle(open, "PR-1");
    assertThatThrownBy(() -> ledger.settle(open, "PR-2")).isInstanceOf(IllegalStateException.class);
  }

  Disputes disputes;
  KlarnaDecisions decisions;

  void wireDisputes() {
    Webhooks webhooks =
        new Webhooks(clock, keys, deliveries) {
          @Override
          void publishDispute(String account, String id, String type, JsonObject payload) {}
        };
    disputes = new Disputes(clock, transactions, webhooks, ledger);
    decisions = new KlarnaDecisions(clock, transactions, disputes);
  }

  String dispute(String tx, long amount) {
    return decisions
        .open(
            Json.createObjectBuilder()
                .add("payment_transaction_id", tx)
                .add("reason", "INCORRECT_AMOUNT")
                .add("amount", amount)
                .build())
        .getString("payment_dispute_id");
  }

  List<String> disputeLines(String dispute) {
    return java.util.stream.Stream.concat(ledger.settled().stream(), ledger.open().stream())
        .filter(l -> dispute.equals(l.disputeId))
        .map(l -> l.type + " " + l.detailedType + " " + l.amount + " " + l.captureId)
        .toList();
  }

  @Test
  void aDisputeLostWritesAReversalAndTheDisputeFeeNamingTheDisputeAndThePayoutStillSumsUp() {
    wireDisputes();
    String tx = captured(A, 10_000, "EUR");
    settlements.run();
    String dispute = dispute(tx, 4_000);
    assertThat(ledger.open()).as("nothing is debited while the dispute is open").isEmpty();
    assertThat(DisputeJson.toJson(disputes.get(dispute)).toString())
        .contains("\"hold_policy\":\"NONE\"");

    disputes.acceptLoss(dispute);
    captured(A, 20_000, "EUR");
    settlements.run();

    Settlements.Payout p = settlements.payouts(A).get(1);
    List<Ledger.Line> lines = ledger.settledIn(p.paymentReference());
    assertThat(lines)
        .filteredOn(l -> dispute.equals(l.disputeId))
        .extracting(l -> l.type + " " + l.detailedType + " " + l.amount + " " + l.captureId)
        .containsExactly("REVERSAL REVERSAL -4000 null", "FEE DISPUTE_FEE -750 null");
    assertThat(p.totals()).containsEntry("reversal_amount", 4_000L);
    assertThat(p.settlementAmount()).isEqualTo(lines.stream().mapToLong(l -> l.amount).sum());
    assertThat(SettlementJson.toJson(lines.get(0), "").getString("reversal_reference"))
        .isEqualTo(dispute);
  }

  @Test
  void underHoldOnDisputeInitiatedTheAmountAndFeeAreHeldAtOnceAndReleasedWhenWon() {
    wireDisputes();
    ledger.setHoldPolicy(A, Ledger.HoldPolicy.ON_DISPUTE_INITIATED);
    String tx = captured(A, 10_000, "EUR");
    settlements.run();
    String dispute = dispute(tx, 4_000);
    assertThat(disputeLines(dispute)).containsExactly("HOLDBACK null -4750 null");
    assertThat(DisputeJson.toJson(disputes.get(dispute)).toString())
        .contains("\"hold_policy\":\"ON_DISPUTE_INITIATED\"");
    captured(A, 20_000, "EUR");
    settlements.run();
    Settlements.Payout held = settlements.payouts(A).get(1);
    assertThat(held.totals()).containsEntry("holdback_amount", 4_750L);
    assertThat(held.settlementAmount()).isEqualTo(20_000 - 610 - 4_750);

    decisions.decide(dispute, Json.createObjectBuilder().add("outcome", "WON").build());
    settlements.run();

    assertThat(disputeLines(dispute))
        .containsExactly("HOLDBACK null -4750 null", "RELEASE null 4750 null");
    Settlements.Payout released = settlements.payouts(A).get(2);
    assertThat(released.totals())
        .containsEntry("release_amount", 4_750L)
        .containsEntry("reversal_amount", 0L)
        .containsEntry("fee_amount", 0L);
    assertThat(released.settlementAmount()).isEqualTo(4_750);
  }

  @Test
  void underHoldALossReleasesTheHoldAndDebitsAsWithoutOneSoNothingCountsTwice() {
    wireDisputes();
    ledger.setHoldPolicy(A, Ledger.HoldPolicy.ON_DISPUTE_INITIATED);
    String tx = captured(A, 10_000, "EUR");
    String dispute = dispute(tx, 4_000);
    ledger.setHoldPolicy(A, Ledger.HoldPolicy.NONE); // a dispute keeps the policy it opened with

    disputes.acceptLoss(dispute);
    settlements.run();

    assertThat(disputeLines(dispute))
        .containsExactly(
            "HOLDBACK null -4750 null",
            "RELEASE null 4750 null",
            "REVERSAL REVERSAL -4000 null",
            "FEE DISPUTE_FEE -750 null");
    Settlements.Payout p = settlements.payouts(A).get(0);
    long disputeNet =
        ledger.settledIn(p.paymentReference()).stream()
            .filter(l -> dispute.equals(l.disputeId))
            .mapToLong(l -> l.amount)
            .sum();
    assertThat(disputeNet).as("the loss once: amount and fee").isEqualTo(-4_750);
    assertThat(p.settlementAmount())
        .isEqualTo(Settlements.settlementAmount(p.totals()))
        .isEqualTo(10_000 - 320 - 4_750);
  }

  @Test
  void theHoldPolicyControlTakesKlarnasTwoWordsOnly() {
    assertThat(ledger.holdPolicy(A)).isEqualTo(Ledger.HoldPolicy.NONE);
    assertThat(
            HoldPolicyControls.policy(
                Json.createObjectBuilder().add("hold_policy", "ON_DISPUTE_INITIATED").build()))
        .isEqualTo(Ledger.HoldPolicy.ON_DISPUTE_INITIATED);
    assertThatThrownBy(
            () ->
                HoldPolicyControls.policy(
                    Json.createObjectBuilder().add("hold_policy", "ALWAYS").build()))
        .isInstanceOf(KlarnaError.class);
  }

  @Test
  void bulkSalesAreWrittenAsCapturesAreAndSettleIntoOnePayout() {
    ledger.setPlan(A, new Ledger.FeePlan(30, 290, 2500));
    assertThat(ledger.addBulkSales(A, "EUR", 1_000, 1_000)).isEqualTo(3_000);
    settlements.run();
    Settlements.Payout p = settlements.payouts(A).get(0);
    assertThat(p.lineCount()).isEqualTo(3_000);
    assertThat(p.settlementAmount())
        .isEqualTo(ledger.settledIn(p.paymentReference()).stream().mapToLong(l -> l.amount).sum());
    assertThatThrownBy(() -> ledger.addBulkSales(A, "EUR", Ledger.BULK_MAX + 1, 1))
        .isInstanceOf(KlarnaError.class);
  }
}
