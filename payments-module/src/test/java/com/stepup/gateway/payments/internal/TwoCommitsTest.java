package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.IdempotencyClaim.IdempotencyKeyTaken;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import jakarta.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 31: a create with an Idempotency-Key commits twice, the key's claim with the payment and
 * its answer with Klarna's answer, over storage that counts commits ({@link SimStore}: a write of
 * the key table joins the transaction it is made in, else is a commit of its own); and a crash
 * between any two steps loses nothing and doubles nothing.
 */
class TwoCommitsTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  /** The gateway dies here (before a commit, or after Klarna acted). */
  static final class Crash extends RuntimeException {}

  SimStore store;
  SimClaim.Keys keys;
  PaymentUseCasesTest.FakeKlarna klarna;
  SimClock clock;
  TakingPayments taking;

  /** Klarna calls made while a transaction was open (must stay empty). */
  final List<String> callsInTransaction = new ArrayList<>();

  int crashAtCommit;

  /** Run when a capture or refund reaches Klarna, before Klarna acts (another request, here). */
  Runnable atKlarna = () -> {};

  AfterAuthorization after;

  @BeforeEach
  void wire() {
    store = new SimStore();
    keys = new SimClaim.Keys();
    clock = new SimClock(NOW);
    klarna =
        new PaymentUseCasesTest.FakeKlarna() {
          @Override
          public AuthorizeResult authorize(String account, AuthorizeRequest request, String key) {
            if (store.inTransaction) {
              callsInTransaction.add("authorize");
            }
            return super.authorize(account, request, key);
          }

          @Override
          public KlarnaMoneyMove capture(
              String account,
              String transactionId,
              long amount,
              JsonArray lineItems,
              JsonArray shippingInfo,
              String key) {
            if (store.inTransaction) {
              callsInTransaction.add("capture");
            }
            atKlarna.run();
            return super.capture(account, transactionId, amount, lineItems, shippingInfo, key);
          }

          @Override
          public KlarnaMoneyMove refund(
              String account,
              String transactionId,
              long amount,
              String captureId,
              String reason,
              JsonArray lineItems,
              String key) {
            if (store.inTransaction) {
              callsInTransaction.add("refund");
            }
            atKlarna.run();
            return super.refund(account, transactionId, amount, captureId, reason, lineItems, key);
          }
        };
    store.beforeCommit =
        () -> {
          if (store.commits + 1 == crashAtCommit) {
            crashAtCommit = 0;
            throw new Crash();
          }
        };
    restart();
  }

  /** The workers built again from nothing but what is committed. */
  void restart() {
    PaymentsWiring wiring =
        new PaymentsWiring(
            store,
            new SimStore.Queries(store, clock),
            new PaymentUseCasesTest.Directory(),
            klarna,
            PaymentsWiring.settings(),
            clock);
    taking = wiring.taking;
    after = wiring.after;
  }

  /** A partner request: the claim as the filter leaves it, the answer as the resource makes it. */
  SimClaim request(String key, boolean heldByFilter) {
    return new SimClaim(store, keys, key, "hash-of-" + key, clock.instant(), heldByFilter);
  }

  PaymentView create(String body, String key, SimClaim claim) {
    return taking.create(
        PaymentUseCasesTest.MERCHANT,
        PaymentInput.read(body),
        key,
        body,
        claim == null
            ? PartnerKey.none()
            : new PartnerKey<>(
                claim,
                v ->
                    new IdempotencyClaim.Answer(
                        201, "application/json", "/p/" + v.id(), v.status().wire())));
  }

  @Test
  void aStepUpCreateWithAKeyCommitsTwiceAndKeepsTheAnswerWithKlarnasAnswer() {
    SimClaim claim = request("k1", false);
    PaymentView created = create(PaymentUseCasesTest.ONLINE, "k1", claim);

    assertThat(created.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(store.commits)
        .as("the claim with the payment, the answer with Klarna's")
        .isEqualTo(2);
    assertThat(callsInTransaction).as("Klarna is called with no transaction open").isEmpty();
    assertThat(keys.rows.get("k1").answer)
        .isEqualTo(
            new IdempotencyClaim.Answer(201, "application/json", "/p/" + created.id(), "pending"));
    assertThat(claim.answered()).contains(keys.rows.get("k1").answer);
  }

  @Test
  void anInStoreSaleApprovedAtOnceCommitsTwice() {
    klarna.authorizes.add(() -> PaymentFixture.approvedWithCaptures("krn:tx:1", 11800));
    PaymentView created = create(PaymentUseCasesTest.IN_STORE, "k1", request("k1", false));

    assertThat(created.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(store.commits).isEqualTo(2);
    assertThat(keys.rows.get("k1").answer.body()).isEqualTo("authorized");
  }

  @Test
  void withoutAKeyACreateCommitsTwiceAndWritesNoKey() {
    create(PaymentUseCasesTest.ONLINE, null, null);
    assertThat(store.commits).isEqualTo(2);
    assertThat(keys.rows).isEmpty();
  }

  @Test
  void aClaimLostToAConcurrentRequestRollsThePaymentBackBeforeKlarnaIsAsked() {
    SimClaim first = request("k1", false);
    SimClaim second = request("k1", false); // both passed the filter: nothing was stored yet
    create(PaymentUseCasesTest.ONLINE, "k1", first);
    int commits = store.commits;
    int payments = store.payments.size();
    int calls = klarna.calls.size();

    assertThatThrownBy(() -> create(PaymentUseCasesTest.ONLINE, "k1", second))
        .isInstanceOf(IdempotencyKeyTaken.class);
    assertThat(second.state).isEqualTo(SimClaim.State.LOST);
    assertThat(store.commits).as("nothing committed").isEqualTo(commits);
    assertThat(store.payments).hasSize(payments);
    assertThat(klarna.calls).hasSize(calls);
  }

  @Test
  void aClaimLostWhileTheFirstRunsRollsBackTooAndTheFirstStillAnswers() {
    // the second request writes its claim while the first is at Klarna
    SimClaim first = request("k1", false);
    SimClaim second = request("k1", false);
    List<Throwable> lost = new ArrayList<>();
    klarna.authorizes.add(
        () -> {
          try {
            create(PaymentUseCasesTest.ONLINE, "k1", second);
          } catch (IdempotencyKeyTaken e) {
            lost.add(e);
          }
          return PaymentFixture.stepUp();
        });
    PaymentView created = create(PaymentUseCasesTest.ONLINE, "k1", first);

    assertThat(lost).hasSize(1);
    assertThat(store.payments).hasSize(1);
    assertThat(keys.rows.get("k1").answer.location()).isEqualTo("/p/" + created.id());
  }

  @Test
  void aCrashBeforeTheFirstCommitLeavesNothingAndTheRetryRunsAsNew() {
    crashAtCommit = 1;
    assertThatThrownBy(() -> create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false)))
        .isInstanceOf(Crash.class);
    assertThat(store.payments).isEmpty();
    assertThat(keys.rows).isEmpty();
    assertThat(klarna.calls).isEmpty();

    restart();
    PaymentView created = create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false));
    assertThat(store.payments).hasSize(1);
    assertThat(keys.rows.get("k1").answer.location()).isEqualTo("/p/" + created.id());
  }

  @Test
  void aCrashAfterKlarnasAnswerBeforeItsCommitIsResumedOnceUnderTheTakenOverClaim() {
    crashAtCommit = 2; // Klarna answered; the answer and the key's answer are lost together
    assertThatThrownBy(() -> create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false)))
        .isInstanceOf(Crash.class);
    assertThat(store.payments).hasSize(1);
    assertThat(keys.rows.get("k1").answer).as("claimed, running").isNull();
    String id = store.payments.keySet().iterator().next();
    assertThat(store.payments.get(id).authorizing()).isTrue();

    // 120 s later the filter takes the abandoned claim over; the resource resumes the payment
    restart();
    int before = store.commits;
    PaymentView resumed = create(PaymentUseCasesTest.ONLINE, "k1", request("k1", true));

    assertThat(resumed.id()).isEqualTo(id);
    assertThat(store.payments).hasSize(1);
    assertThat(klarna.calls)
        .as("the same Klarna key both times: Klarna answers its first answer")
        .containsExactly(
            "authorize " + KlarnaCalls.idempotencyKey(id, "authorize"),
            "authorize " + KlarnaCalls.idempotencyKey(id, "authorize"));
    assertThat(klarna.requestByKey).hasSize(1);
    assertThat(store.commits - before).isEqualTo(2);
    assertThat(keys.rows.get("k1").answer.location()).isEqualTo("/p/" + id);
  }

  @Test
  void aCrashAfterTheAnswersCommitReplaysIt() {
    SimClaim claim = request("k1", false);
    PaymentView created = create(PaymentUseCasesTest.ONLINE, "k1", claim);
    // the process dies before the response is written: the kept answer is what a retry gets
    assertThat(keys.rows.get("k1").answer)
        .isEqualTo(
            new IdempotencyClaim.Answer(201, "application/json", "/p/" + created.id(), "pending"));
  }

  @Test
  void klarnaUnreachableKeepsNoAnswerAndTheRetryClaimsWithTheResumedAuthorize() {
    klarna.authorizes.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    SimClaim claim = request("k1", false);
    assertThatThrownBy(() -> create(PaymentUseCasesTest.ONLINE, "k1", claim))
        .isInstanceOf(KlarnaUnavailable.class);
    assertThat(claim.state)
        .as("claimed, not answered: the filter forgets it (503)")
        .isEqualTo(SimClaim.State.CLAIMED);
    keys.rows.remove("k1"); // the filter's release

    int before = store.commits;
    PaymentView resumed = create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false));
    assertThat(resumed.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(store.payments).hasSize(1);
    assertThat(store.commits - before)
        .as("the claim with the resumed authorize, the answer with Klarna's")
        .isEqualTo(2);
    assertThat(keys.rows.get("k1").answer.location()).isEqualTo("/p/" + resumed.id());
  }

  @Test
  void aKeysPaymentAnsweredBeforeWhoseKeyWasForgottenIsAnsweredInOneCommit() {
    PaymentView created = create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false));
    keys.rows.clear(); // purged, the payment stays bound to the key
    int before = store.commits;
    PaymentView again = create(PaymentUseCasesTest.ONLINE, "k1", request("k1", false));
    assertThat(again.id()).isEqualTo(created.id());
    assertThat(store.commits - before).isEqualTo(1);
    assertThat(keys.rows.get("k1").answer.location()).isEqualTo("/p/" + created.id());
  }

  // -- captures and refunds (issue 31, item 2) ---------------------------------------------------

  /** An authorized online payment (11800), taken without a key; the commit count starts after. */
  PaymentView authorized() {
    klarna.authorizes.add(() -> PaymentFixture.approved("krn:tx:1"));
    PaymentView p = create(PaymentUseCasesTest.ONLINE, null, null);
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    store.commits = 0;
    return p;
  }

  /** The partner key as the resource binds it: the operation's answer, 201 (202 while pending). */
  static PartnerKey<MoneyMovement> bound(SimClaim claim) {
    return claim == null
        ? PartnerKey.none()
        : new PartnerKey<>(
            claim,
            m ->
                new IdempotencyClaim.Answer(
                    "pending".equals(m.status()) ? 202 : 201,
                    "application/json",
                    "/p/" + m.paymentId() + "/" + m.kind() + "s/" + m.id(),
                    m.status()));
  }

  MoneyMovement capture(String paymentId, long amount, String key, SimClaim claim) {
    return after.capture(
        null,
        paymentId,
        PaymentUseCasesTest.capture(amount),
        Kind.PARTNER,
        "the partner",
        key,
        bound(claim));
  }

  MoneyMovement refund(String paymentId, long amount, String key, SimClaim claim) {
    return after.refund(
        null,
        paymentId,
        PaymentUseCasesTest.refund(amount, null),
        Kind.PARTNER,
        "the partner",
        key,
        bound(claim));
  }

  @Test
  void aCaptureWithAKeyCommitsTwiceAndKeepsTheAnswerWithKlarnasAnswer() {
    PaymentView p = authorized();
    SimClaim claim = request("c1", false);
    MoneyMovement m = capture(p.id(), 5000, "c1", claim);

    assertThat(m.status()).isEqualTo("succeeded");
    assertThat(store.commits)
        .as("the claim with the capture as begun, the answer with Klarna's (was 4)")
        .isEqualTo(2);
    assertThat(callsInTransaction).as("Klarna is called with no transaction open").isEmpty();
    assertThat(keys.rows.get("c1").answer)
        .isEqualTo(
            new IdempotencyClaim.Answer(
                201, "application/json", "/p/" + p.id() + "/captures/" + m.id(), "succeeded"));
    assertThat(claim.answered()).contains(keys.rows.get("c1").answer);
    assertThat(klarna.captured).isEqualTo(5000);
  }

  @Test
  void aRefundWithAKeyCommitsTwiceAndKeepsTheAnswerWithKlarnasAnswer() {
    PaymentView p = authorized();
    capture(p.id(), 5000, null, null);
    store.commits = 0;
    SimClaim claim = request("r1", false);
    MoneyMovement m = refund(p.id(), 2000, "r1", claim);

    assertThat(m.status()).isEqualTo("succeeded");
    assertThat(store.commits).as("was 4").isEqualTo(2);
    assertThat(callsInTransaction).isEmpty();
    assertThat(keys.rows.get("r1").answer)
        .isEqualTo(
            new IdempotencyClaim.Answer(
                201, "application/json", "/p/" + p.id() + "/refunds/" + m.id(), "succeeded"));
    assertThat(claim.answered()).contains(keys.rows.get("r1").answer);
    assertThat(klarna.refunded).isEqualTo(2000);
  }

  @Test
  void withoutAKeyACaptureAndARefundCommitTwiceEachAndWriteNoKey() {
    PaymentView p = authorized();
    capture(p.id(), 5000, null, null);
    assertThat(store.commits).isEqualTo(2);
    refund(p.id(), 1000, null, null);
    assertThat(store.commits).isEqualTo(4);
    assertThat(keys.rows).isEmpty();
  }

  @Test
  void aCaptureWhoseClaimAnotherRequestHoldsRollsBackBeforeKlarnaIsAsked() {
    PaymentView p = authorized();
    SimClaim first = request("c1", false);
    SimClaim second = request("c1", false); // both passed the filter: nothing was stored yet
    capture(p.id(), 5000, "c1", first);
    int commits = store.commits;
    int operations = store.operations.size();
    int calls = klarna.calls.size();

    assertThatThrownBy(() -> capture(p.id(), 5000, "c1", second))
        .isInstanceOf(IdempotencyKeyTaken.class);
    assertThat(second.state).isEqualTo(SimClaim.State.LOST);
    assertThat(store.commits).as("nothing committed").isEqualTo(commits);
    assertThat(store.operations).hasSize(operations);
    assertThat(klarna.calls).hasSize(calls);
    assertThat(klarna.captured).isEqualTo(5000);
  }

  @Test
  void aRefundWhoseClaimIsLostWhileTheFirstIsAtKlarnaRollsBackAndTheFirstStillAnswers() {
    PaymentView p = authorized();
    capture(p.id(), 5000, null, null);
    SimClaim first = request("r1", false);
    SimClaim second = request("r1", false);
    List<Throwable> lost = new ArrayList<>();
    atKlarna =
        () -> {
          atKlarna = () -> {};
          try {
            refund(p.id(), 2000, "r1", second);
          } catch (IdempotencyKeyTaken e) {
            lost.add(e);
          }
        };
    MoneyMovement m = refund(p.id(), 2000, "r1", first);

    assertThat(lost).hasSize(1);
    assertThat(second.state).isEqualTo(SimClaim.State.LOST);
    assertThat(klarna.refunded).as("one refund moved").isEqualTo(2000);
    assertThat(
            store.operations.values().stream().filter(o -> o.kind() == MoneyOperation.Kind.REFUND))
        .hasSize(1);
    assertThat(keys.rows.get("r1").answer.location())
        .isEqualTo("/p/" + p.id() + "/refunds/" + m.id());
  }

  @Test
  void aCrashBeforeTheCapturesFirstCommitLeavesNothingAndTheRetryRunsAsNew() {
    PaymentView p = authorized();
    crashAtCommit = 1;
    assertThatThrownBy(() -> capture(p.id(), 5000, "c1", request("c1", false)))
        .isInstanceOf(Crash.class);
    assertThat(store.operations).isEmpty();
    assertThat(keys.rows).isEmpty();
    assertThat(klarna.calls).doesNotContain("capture 5000");
    int calls = klarna.calls.size();

    restart();
    MoneyMovement m = capture(p.id(), 5000, "c1", request("c1", false));
    assertThat(store.operations).hasSize(1);
    assertThat(klarna.calls).hasSize(calls + 1);
    assertThat(keys.rows.get("c1").answer.location())
        .isEqualTo("/p/" + p.id() + "/captures/" + m.id());
  }

  @Test
  void aCrashAfterKlarnaCapturedBeforeItsCommitIsResumedOnceUnderTheTakenOverClaim() {
    PaymentView p = authorized();
    crashAtCommit = 2; // Klarna captured; its answer and the key's answer are lost together
    assertThatThrownBy(() -> capture(p.id(), 5000, "c1", request("c1", false)))
        .isInstanceOf(Crash.class);
    assertThat(store.operations).hasSize(1);
    MoneyOperation op = store.operations.values().iterator().next();
    assertThat(op.pending()).isTrue();
    assertThat(keys.rows.get("c1").answer).as("claimed, running").isNull();

    // 120 s later the filter takes the abandoned claim over; the resource answers the capture
    restart();
    MoneyMovement resumed = capture(p.id(), 5000, "c1", request("c1", true));

    assertThat(resumed.id()).isEqualTo(op.id());
    assertThat(resumed.status()).isEqualTo("succeeded");
    assertThat(store.operations).hasSize(1);
    assertThat(klarna.calls.stream().filter(c -> c.startsWith("capture")))
        .as("the same Klarna key both times: Klarna answers its first answer")
        .containsExactly("capture 5000 " + op.id(), "capture 5000 " + op.id());
    assertThat(klarna.captured).as("captured once").isEqualTo(5000);
    assertThat(keys.rows.get("c1").answer.location())
        .isEqualTo("/p/" + p.id() + "/captures/" + op.id());
  }

  @Test
  void aCrashAfterTheRefundsAnswerCommitReplaysIt() {
    PaymentView p = authorized();
    capture(p.id(), 5000, null, null);
    MoneyMovement m = refund(p.id(), 2000, "r1", request("r1", false));
    // the process dies before the response is written: the kept answer is what a retry gets
    assertThat(keys.rows.get("r1").answer)
        .isEqualTo(
            new IdempotencyClaim.Answer(
                201, "application/json", "/p/" + p.id() + "/refunds/" + m.id(), "succeeded"));
  }

  @Test
  void aCaptureKlarnaDoesNotAnswerKeepsNoAnswerAndTheRetryAnswersTheSameCapture() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(PaymentFixture.noAnswer());
    SimClaim claim = request("c1", false);
    MoneyMovement pending = capture(p.id(), 5000, "c1", claim);
    assertThat(pending.status()).isEqualTo("pending");
    assertThat(store.commits).isEqualTo(2);
    assertThat(claim.state)
        .as("claimed, not answered: the filter forgets it (202), as it does today")
        .isEqualTo(SimClaim.State.CLAIMED);
    assertThat(keys.rows.get("c1").answer).isNull();
    keys.rows.remove("c1"); // the filter's release

    MoneyMovement again = capture(p.id(), 5000, "c1", request("c1", false));
    assertThat(again.id()).isEqualTo(pending.id());
    assertThat(again.status()).isEqualTo("succeeded");
    assertThat(store.operations).hasSize(1);
    assertThat(klarna.captured).isEqualTo(5000);
    assertThat(keys.rows.get("c1").answer.location())
        .isEqualTo("/p/" + p.id() + "/captures/" + pending.id());
  }

  @Test
  void aRefundKlarnaRefusesWritesNoAnswerTheFilterKeepsItsProblemAsToday() {
    PaymentView p = authorized();
    capture(p.id(), 5000, null, null);
    store.commits = 0;
    klarna.moneyFaults.add(PaymentFixture.refused(400));
    SimClaim claim = request("r1", false);
    assertThatThrownBy(() -> refund(p.id(), 2000, "r1", claim))
        .isInstanceOf(RuntimeException.class);
    assertThat(claim.state).isEqualTo(SimClaim.State.CLAIMED);
    assertThat(keys.rows.get("r1").answer).isNull();
    assertThat(store.commits).as("the claim with the refund, its refusal").isEqualTo(2);
    assertThat(klarna.refunded).isZero();
  }

  @Test
  void aCaptureOverWhatIsLeftWritesNoClaim() {
    PaymentView p = authorized();
    SimClaim claim = request("c1", false);
    assertThatThrownBy(() -> capture(p.id(), 11801, "c1", claim))
        .isInstanceOf(RuntimeException.class);
    assertThat(claim.state)
        .as("rolled back with the refused capture")
        .isEqualTo(SimClaim.State.TO_CLAIM);
    assertThat(keys.rows).isEmpty();
    assertThat(store.commits).isZero();
  }
}
