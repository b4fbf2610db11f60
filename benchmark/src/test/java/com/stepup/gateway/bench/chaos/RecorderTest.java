package com.stepup.gateway.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.bench.chaos.Ledger.Pay;
import org.junit.jupiter.api.Test;

/** What the run learns from each answer, and what it writes down. */
class RecorderTest {

  private final Ledger ledger = new Ledger();
  private final Recorder recorder = new Recorder(null, ledger);

  private static Pay pay() {
    return new Pay("chaos-1-0-0", "create in store (QR)", 1000, 0, "chaos-0-a");
  }

  @Test
  void aCreatesAnswerNamesThePaymentItsRequestAndItsStatus() {
    Pay p = pay();

    recorder.record(
        "create in store (QR)",
        p,
        "k1",
        false,
        ChaosFixture.a(
            201,
            "{'id':'pay_1','status':'pending','klarna':{'payment_request_id':'pr1','state':'SUBMITTED'}}"));

    assertThat(p.id).isEqualTo("pay_1");
    assertThat(p.requestId).isEqualTo("pr1");
    assertThat(p.requestState).isEqualTo("SUBMITTED");
    assertThat(p.status).isEqualTo("pending");
    Ledger.Op op = ledger.ops().get(0);
    assertThat(op.paymentId()).isEqualTo("pay_1");
    assertThat(op.objectId()).isEqualTo("pay_1");
    assertThat(op.label()).isEqualTo("201 pending");
    assertThat(op.key()).isEqualTo("k1");
  }

  @Test
  void aRefusalKeepsWhatTheRunKnewAndNotesTheProblemsDetail() {
    Pay p = pay();
    p.id = "pay_1";
    p.status = "authorized";

    recorder.record(
        "capture",
        p,
        "k2",
        true,
        ChaosFixture.a(409, "{'status':409,'detail':'More than is capturable.'}"));

    assertThat(p.status).isEqualTo("authorized");
    Ledger.Op op = ledger.ops().get(0);
    assertThat(op.replay()).isTrue();
    assertThat(op.bodyStatus()).isEmpty();
    assertThat(op.note()).isEqualTo("More than is capturable.");
    assertThat(op.label()).isEqualTo("409");
  }

  @Test
  void noAnswerIsRecordedAsSuch() {
    recorder.record("read", pay(), null, false, ChaosFixture.a(0, null));

    assertThat(ledger.ops().get(0).label()).isEqualTo("no answer");
    assertThat(ledger.ops().get(0).note()).isEqualTo("IOException");
  }

  @Test
  void theShoppersStateComesFromTheSandboxsAnswerOrItsRefusal() {
    Pay p = pay();
    Recorder.learnShopper(p, "complete", ChaosFixture.a(200, "{'state':'COMPLETED'}"));
    assertThat(p.requestState).isEqualTo("COMPLETED");
    assertThat(p.completedByShopper).isTrue();

    Pay q = pay();
    Recorder.learnShopper(
        q,
        "complete",
        ChaosFixture.a(
            409,
            "{'error_message':'The payment request is CANCELED and cannot become COMPLETED.'}"));
    assertThat(q.requestState).isEqualTo("CANCELED");
    assertThat(q.completedByShopper).isFalse();

    Recorder.learnShopper(q, "open", ChaosFixture.a(404, "{}"));
    assertThat(q.requestState).isEqualTo("GONE");
  }

  @Test
  void aLaggingReadNeverReopensWhatTheRunSawEnd() {
    Pay p = pay();
    p.requestState = "IN_PROGRESS";
    Recorder.learnRead(p, ChaosFixture.j("{'klarna':{'state':'CANCELED'}}"));
    assertThat(p.requestState).isEqualTo("CANCELED");

    Recorder.learnRead(p, ChaosFixture.j("{'klarna':{'state':'IN_PROGRESS'}}"));
    assertThat(p.requestState).isEqualTo("CANCELED");

    Pay completed = pay();
    completed.requestState = "COMPLETED";
    completed.completedByShopper = true;
    Recorder.learnRead(completed, ChaosFixture.j("{'klarna':{'state':'CANCELED'}}"));
    assertThat(completed.requestState).isEqualTo("COMPLETED");
  }

  @Test
  void everyCallAndShopperActionIsOneLineOfTheCallsFile() {
    ChaosFixture run = ChaosFixture.everyRuleBroken(true);

    String tsv = Evidence.calls(run.ledger());

    assertThat(tsv.lines())
        .hasSize(1 + run.ledger().ops.size() + run.ledger().shopper.size())
        .first()
        .isEqualTo("at\treference\tpayment\tkind\treplay\tkey\tanswer\tid\tnote");
    assertThat(tsv)
        .contains(
            "2025-12-01T14:40:00Z\tchaos-7-0-0\tpay_1\tcreate in store (QR)\tfalse\tk0\t201 pending\tpay_1\t\n")
        .contains("2025-12-01T14:40:00Z\tchaos-7-0-2\t\tshopper complete\t\t\t409 null\tpr3\t\n");
  }

  @Test
  void theChaosRunsOptionsAreStrict() {
    ChaosRun run =
        ChaosRun.of(
            "--partner-key",
            "p",
            "--sandbox-key",
            "s",
            "--seed",
            "42",
            "--seconds",
            "5",
            "--workers",
            "2",
            "--pause-ms",
            "10",
            "--quiet-seconds",
            "3",
            "--kill-log",
            "target/kills.txt",
            "--out",
            "target/chaos.md");
    assertThat(run.seed).isEqualTo(42);
    assertThat(run.workers).isEqualTo(2);
    assertThat(run.pauseMs).isEqualTo(10);

    assertThatThrownBy(
            () -> ChaosRun.of("--partner-key", "p", "--sandbox-key", "s", "--sales", "3"))
        .hasMessage("unknown option --sales");
    assertThatThrownBy(() -> ChaosRun.of("--partner-key", "p"))
        .hasMessage("--sandbox-key is required");
  }
}
