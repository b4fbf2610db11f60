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

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    ledger = new Ledger(clock);
    settlements = new Settlements(clock, ledger);
    keys = new SigningKeys(clock);
    deliveries = new WebhookDeliveries(clock, new Faults(), keys);
    Webhooks webhooks =
        new Webhooks(clock, keys, deliveries) {
          @Override
          void publishTransaction(
              String account, String id, TransactionState state, JsonObject payload) {}
        };
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

  @Test
  void aDisputeLostWritesAReversalAndTheDisputeFeeNamingTheDisputeAndThePayoutStillSumsUp() {
    Webhooks webhooks =
        new Webhooks(clock, keys, deliveries) {
          @Override
          void publishDispute(String account, String id, String type, JsonObject payload) {}
        };
    Disputes disputes = new Disputes(clock, transactions, webhooks, ledger);
    KlarnaDecisions decisions = new KlarnaDecisions(clock, transactions, disputes);
    String tx = captured(A, 10_000, "EUR");
    settlements.run();
    String dispute =
        decisions
            .open(
                Json.createObjectBuilder()
                    .add("payment_transaction_id", tx)
                    .add("reason", "INCORRECT_AMOUNT")
                    .add("amount", 4_000)
                    .build())
            .getString("payment_dispute_id");
    assertThat(ledger.open()).as("nothing is debited while the dispute is open").isEmpty();

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
