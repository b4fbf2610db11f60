package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.IdempotencyClaim.IdempotencyKeyTaken;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
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
    taking =
        new PaymentsWiring(
                store,
                new SimStore.Queries(store, clock),
                new PaymentUseCasesTest.Directory(),
                klarna,
                PaymentsWiring.settings(),
                clock)
            .taking;
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
            ? PartnerKey.NONE
            : new PartnerKey(
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
}
