package com.stepup.gateway.payments.internal;

import static com.stepup.gateway.payments.internal.PaymentFixture.POLICY;
import static com.stepup.gateway.payments.internal.PaymentFixture.T0;
import static com.stepup.gateway.payments.internal.PaymentFixture.TOKEN;
import static com.stepup.gateway.payments.internal.PaymentFixture.approved;
import static com.stepup.gateway.payments.internal.PaymentFixture.completedWithToken;
import static com.stepup.gateway.payments.internal.PaymentFixture.declined;
import static com.stepup.gateway.payments.internal.PaymentFixture.inFlight;
import static com.stepup.gateway.payments.internal.PaymentFixture.newOnlinePayment;
import static com.stepup.gateway.payments.internal.PaymentFixture.noAnswer;
import static com.stepup.gateway.payments.internal.PaymentFixture.refused;
import static com.stepup.gateway.payments.internal.PaymentFixture.request;
import static com.stepup.gateway.payments.internal.PaymentFixture.stepUp;
import static com.stepup.gateway.payments.internal.PaymentFixture.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every decision of a payment, without a container: each Klarna answer and failure per step. */
class PaymentTest {

  static List<String> noticeTypes(Payment p) {
    return p.changes().drainNotices().stream().map(Changes.Notice::type).toList();
  }

  static List<String> summaries(Payment p) {
    return p.changes().drainRecorded().stream().map(Changes.Entry::summary).toList();
  }

  @Nested
  class ANewPayment {

    @Test
    void isPendingWithItsAuthorizeDueAndTheRequestRedacted() {
      Payment p = newOnlinePayment();
      List<Changes.Entry> entries = p.changes().drainRecorded();
      assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.authorizing()).isTrue();
      assertThat(entries).hasSize(1);
      assertThat(entries.get(0).kind()).isEqualTo(Kind.PARTNER);
      assertThat(entries.get(0).detail()).doesNotContain("secret");
    }
  }

  @Nested
  class TheInitialAuthorize {

    @Test
    void approvedAtOnceIsAuthorizedAndSettled() {
      Payment p = newOnlinePayment();
      p.changes().drainRecorded();
      assertThat(p.initialAuthorize().recordAuthorizeAnswer(approved("krn:tx:1"), "{}", T0, POLICY))
          .isTrue();
      assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(p.view().klarna().paymentTransactionId()).isEqualTo("krn:tx:1");
      assertThat(noticeTypes(p)).containsExactly("payment.authorized");
      assertThat(summaries(p))
          .containsExactly(
              "Klarna authorize: APPROVED", "Payment authorized: Approved without a step-up");
    }

    /**
     * Issue 25/33: an in-store sale captured at once was shown AUTHORIZED while Klarna held it
     * COMPLETED; the gateway relied on a state its own sandbox added to the answer.
     */
    @Test
    void anAutoCaptureAnswerWhoseCapturesCoverTheAmountIsCompletedWithoutAState() {
      Payment p = PaymentFixture.newAutoCapturedPayment();
      p.initialAuthorize()
          .recordAuthorizeAnswer(
              PaymentFixture.approvedWithCaptures("krn:tx:1", 11800), "{}", T0, POLICY);
      assertThat(p.view().klarna().transactionState()).isEqualTo("COMPLETED");
      assertThat(p.view().amounts().captured()).isEqualTo(11800);
      assertThat(p.view().amounts().capturable()).isZero();
      assertThat(p.transactionUnclear()).isFalse();
    }

    @Test
    void anAutoCaptureAnswerWithoutCapturesIsUnclearAndReadFromKlarna() {
      Payment p = PaymentFixture.newAutoCapturedPayment();
      p.initialAuthorize()
          .recordAuthorizeAnswer(PaymentFixture.approvedWithCaptures("krn:tx:1"), "{}", T0, POLICY);
      assertThat(p.view().klarna().transactionState()).isEqualTo("AUTHORIZED");
      assertThat(p.transactionUnclear()).isTrue();
      Payment manual = newOnlinePayment();
      manual.initialAuthorize().recordAuthorizeAnswer(approved("krn:tx:2"), "{}", T0, POLICY);
      assertThat(manual.transactionUnclear()).as("captured later, by the partner").isFalse();
    }

    @Test
    void declinedIsDeclinedWithKlarnasReason() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeAnswer(declined("RISK"), "{}", T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED);
      assertThat(p.view().failureReason()).isEqualTo("RISK");
      assertThat(noticeTypes(p)).containsExactly("payment.declined");
    }

    @Test
    void aStepUpLeavesItPendingWithTheRequestToShow() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeAnswer(stepUp(), "{}", T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.requestState()).isEqualTo(PaymentRequestState.SUBMITTED);
      assertThat(p.view().klarna().paymentRequestUrl()).contains("start");
      assertThat(p.authorizing()).isFalse();
      assertThat(noticeTypes(p)).as("the partner hears of the outcome, not the step-up").isEmpty();
    }

    @Test
    void aSecondAnswerToTheSameAuthorizeChangesNothing() {
      Payment p = submitted();
      assertThat(p.initialAuthorize().recordAuthorizeAnswer(approved("krn:tx:2"), "{}", T0, POLICY))
          .isFalse();
      assertThat(p.initialAuthorize().recordAuthorizeFailure(noAnswer(), "{}", T0, POLICY))
          .isFalse();
      assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.changes().drainRecorded()).isEmpty();
    }

    @Test
    void noAnswerIsTriedAgainLaterWithTheSameKey() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeFailure(noAnswer(), "{}", T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.authorizing()).as("still waiting for Klarna's answer").isTrue();
    }

    @Test
    void aRefusalFailsAtOnce() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeFailure(refused(400), "{}", T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(p.view().failureReason()).startsWith("Klarna refused the authorize");
    }

    /**
     * Issue 33: the sandbox held the authorize 25 s; the retry met it in flight (409) and the
     * payment ended failed while Klarna captured it.
     */
    @Test
    void aRetryMeetingTheFirstCallInFlightKeepsItAuthorizingNeverFailed() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeFailure(inFlight(), "{}", T0.plusSeconds(10), POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
      assertThat(p.authorizing()).isTrue();
      assertThat(p.nextCheckAt()).isEqualTo(T0.plusSeconds(10).plus(POLICY.authorizeRetry()));
      p.initialAuthorize()
          .recordAuthorizeFailure(
              new KlarnaException(500, "TECHNICAL_ERROR", "TIMEOUT", "t", null, List.of()),
              "{}",
              T0.plusSeconds(60),
              POLICY);
      assertThat(p.authorizing()).as("a 5xx: unknown, asked again").isTrue();
      p.initialAuthorize()
          .recordAuthorizeAnswer(approved("krn:tx:1"), "{}", T0.plusSeconds(90), POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    /**
     * Simulation F1 (seed 153): an authorize approved at Klarna but answered 500, then the janitor
     * a day later re-sent it with a key Klarna had forgotten: a second transaction.
     */
    @Test
    void anAuthorizeIsNeverSentAgainOnceKlarnaMayHaveForgottenItsKey() {
      Payment p = newOnlinePayment();
      p.initialAuthorize().recordAuthorizeFailure(noAnswer(), "{}", T0.plusSeconds(10), POLICY);
      assertThat(p.initialAuthorize().beginAuthorize(T0.plus(Duration.ofHours(1)), POLICY))
          .isTrue();
      assertThat(p.initialAuthorize().beginAuthorize(T0.plus(Duration.ofHours(25)), POLICY))
          .as("nothing is sent")
          .isFalse();
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(p.view().failureReason()).contains("needs a person");
    }

    /**
     * Simulation F5 (seed 153): a transaction event for a transaction Klarna created for our
     * reference, which the payment never heard of, was dropped.
     */
    @Test
    void aTransactionKlarnaHoldsForItIsTakenWhilePendingAndReleasedOnceEnded() {
      KlarnaTransaction tx =
          new KlarnaTransaction(
              "krn:tx:9", "AUTHORIZED", 11800, 0, 0, null, T0, List.of(), List.of(), "pay_1");
      Payment pending = newOnlinePayment();
      pending.initialAuthorize().recordAuthorizeFailure(noAnswer(), "{}", T0, POLICY);
      assertThat(pending.stepUp().learnOwnTransaction(tx, "webhook", T0)).isTrue();
      assertThat(pending.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(pending.transactionId()).isEqualTo("krn:tx:9");
      assertThat(pending.stepUp().learnOwnTransaction(tx, "webhook", T0)).as("known now").isFalse();
      assertThat(
              pending
                  .initialAuthorize()
                  .recordAuthorizeAnswer(approved("krn:tx:9"), "{}", T0, POLICY))
          .as("the lost answer, arriving late, changes nothing")
          .isFalse();

      Payment ended = newOnlinePayment();
      ended.expire("gone", T0);
      assertThat(ended.stepUp().learnOwnTransaction(tx, "webhook", T0)).isTrue();
      assertThat(ended.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(ended.voidingLate()).as("released at Klarna, alarmed").isTrue();
      assertThat(ended.lateTransactionId()).isEqualTo("krn:tx:9");
    }

    @Test
    void anOutcomeUnknownUntilKlarnaForgetsTheKeyEndsExpiredNeverFailed() {
      Payment p = newOnlinePayment();
      p.initialAuthorize()
          .recordAuthorizeFailure(noAnswer(), "{}", T0.plus(Duration.ofHours(22)), POLICY);
      assertThat(p.authorizing()).as("still inside Klarna's key memory").isTrue();
      p.initialAuthorize()
          .recordAuthorizeFailure(inFlight(), "{}", T0.plus(Duration.ofHours(23)), POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(p.view().failureReason()).contains("needs a person");
    }
  }

  @Nested
  class KlarnasSignals {

    @Test
    void completedBringsTheTokenAndMakesTheFinalAuthorizationDue() {
      Payment p = submitted();
      p.stepUp()
          .applyKlarnaState(
              request("COMPLETED", T0.plusSeconds(60), TOKEN), "webhook", false, T0, POLICY);
      assertThat(p.finalizable()).isTrue();
      assertThat(p.finalToken().value()).isEqualTo(TOKEN);
      assertThat(p.tokenExpiresAt()).isEqualTo(T0.plusSeconds(60).plus(Payment.TOKEN_WINDOW));
    }

    @Test
    void aTokenThatCameLateIsTakenFromARepeatedCompleted() {
      Payment p = submitted();
      p.stepUp().applyKlarnaState(request("COMPLETED", T0, null), "read", false, T0, POLICY);
      assertThat(p.finalizable()).isFalse();
      p.changes().drainRecorded();
      p.stepUp().applyKlarnaState(request("COMPLETED", T0, TOKEN), "webhook", false, T0, POLICY);
      assertThat(p.finalizable()).isTrue();
      assertThat(summaries(p)).singleElement().asString().contains("(token taken)");
    }

    @Test
    void aReadThatFindsNothingNewWritesNothingButAWebhookIsNoted() {
      Payment p = submitted();
      assertThat(
              p.stepUp()
                  .applyKlarnaState(
                      request("SUBMITTED", T0, null), "janitor read", true, T0, POLICY))
          .isFalse();
      assertThat(p.changes().drainRecorded()).isEmpty();
      p.stepUp().applyKlarnaState(request("SUBMITTED", T0, null), "webhook", false, T0, POLICY);
      assertThat(summaries(p)).singleElement().asString().endsWith("already known");
    }

    @Test
    void anOlderAbortDoesNotUndoANewerState() {
      Payment p = submitted();
      p.stepUp()
          .applyKlarnaState(
              request("IN_PROGRESS", T0.plusSeconds(20), null), "webhook", false, T0, POLICY);
      p.stepUp()
          .applyKlarnaState(
              request("SUBMITTED", T0.plusSeconds(10), null), "webhook", false, T0, POLICY);
      assertThat(p.requestState()).isEqualTo(PaymentRequestState.IN_PROGRESS);
      p.stepUp()
          .applyKlarnaState(
              request("SUBMITTED", T0.plusSeconds(30), null), "webhook", false, T0, POLICY);
      assertThat(p.requestState()).as("a newer abort").isEqualTo(PaymentRequestState.SUBMITTED);
    }

    @Test
    void expiredOrCanceledEndsThePaymentAndDropsTheToken() {
      Payment p = completedWithToken(T0);
      p.stepUp()
          .applyKlarnaState(
              request("EXPIRED", T0.plusSeconds(5), null), "webhook", false, T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(p.finalToken()).isNull();
      assertThat(noticeTypes(p)).containsExactly("payment.expired");
      p.stepUp()
          .applyKlarnaState(
              request("CANCELED", T0.plusSeconds(9), null), "webhook", false, T0, POLICY);
      assertThat(p.status()).as("only pending can change").isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void newsAboutAnotherRequestIsNotThisPaymentsNews() {
      Payment p = submitted();
      var other =
          new KlarnaPaymentRequest(
              "krn:payment:eu1:request:other",
              null,
              "COMPLETED",
              null,
              null,
              null,
              T0,
              null,
              null,
              null,
              TOKEN,
              null);
      assertThat(p.stepUp().applyKlarnaState(other, "webhook", false, T0, POLICY)).isFalse();
      assertThat(p.finalizable()).isFalse();
    }

    @Test
    void aQuietRequestIsReadLessOftenAndOnTimeForItsExpiry() {
      Payment p = submitted();
      Instant later = T0.plus(Duration.ofMinutes(20));
      p.stepUp()
          .applyKlarnaState(request("SUBMITTED", T0, null), "janitor read", true, later, POLICY);
      // 20 min quiet: half of it, capped at 10 min
      assertThat(p.nextCheckAt()).isEqualTo(later.plus(Duration.ofMinutes(10)));
      assertThat(p.view().klarna().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
      assertThat(p.changes().drainRecorded()).isEmpty();
      Instant nearExpiry = T0.plus(Duration.ofHours(3)).minus(Duration.ofMinutes(2));
      p.stepUp()
          .applyKlarnaState(
              request("SUBMITTED", T0, null), "janitor read", true, nearExpiry, POLICY);
      assertThat(p.nextCheckAt())
          .as("10 min later would be after the request's expiry: read at it, to see it end")
          .isEqualTo(T0.plus(Duration.ofHours(3)));
    }
  }

  @Nested
  class TheFinalAuthorization {

    @Test
    void oneWorkerClaimsItAndADeadWorkersClaimIsTakenOver() {
      Payment p = completedWithToken(T0);
      assertThat(p.stepUp().claimFinalization(T0, Duration.ofSeconds(60))).isTrue();
      assertThat(p.stepUp().claimFinalization(T0.plusSeconds(30), Duration.ofSeconds(60)))
          .isFalse();
      assertThat(p.stepUp().claimFinalization(T0.plusSeconds(61), Duration.ofSeconds(60)))
          .as("the first worker's server died")
          .isTrue();
      assertThat(summaries(p)).last().asString().contains("attempt 2");
    }

    @Test
    void approvedIsAuthorizedWithTheTransaction() {
      Payment p = completedWithToken(T0);
      p.stepUp().claimFinalization(T0, Duration.ofSeconds(60));
      p.stepUp().recordFinalAnswer(approved("krn:tx:9"), "{}", T0);
      assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(p.finalToken()).as("a used token is dropped").isNull();
      assertThat(p.finalizing()).isFalse();
      assertThat(noticeTypes(p)).containsExactly("payment.authorized");
    }

    @Test
    void declinedIsDeclined() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalAnswer(declined("FRAUD"), "{}", T0);
      assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void noAnswerOrAConcurrentCallIsTriedAgainWithTheTokenKept() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0, POLICY);
      assertThat(p.finalizable()).isTrue();
      p.stepUp().recordFinalFailure(refused(409), "{}", T0, POLICY);
      assertThat(p.finalizable()).as("409: a call with this token runs elsewhere").isTrue();
    }

    @Test
    void anUnknownOutcomeIsAskedAgainEvenAfterTheTokensHour() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0.plus(Duration.ofMinutes(90)), POLICY);
      assertThat(p.status())
          .as("Klarna still answers a repeat with the same key")
          .isEqualTo(PaymentStatus.PENDING);
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0.plus(Duration.ofHours(25)), POLICY);
      assertThat(p.status())
          .as("simulation F2 (seed 491): past Klarna's key memory the token still makes it safe")
          .isEqualTo(PaymentStatus.PENDING);
      assertThat(p.finalizable()).isTrue();
      p.stepUp().recordFinalAnswer(approved("krn:tx:1"), "{}", T0.plus(Duration.ofHours(26)));
      assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void anExpiredTokenKlarnaRefusesFailsTheFinalAuthorization() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0.plus(Duration.ofHours(25)), POLICY);
      p.stepUp().recordFinalFailure(refused(400), "{}", T0.plus(Duration.ofHours(26)), POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
    }

    @Test
    void aRefusalFails() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalFailure(refused(400), "{}", T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(p.view().failureReason()).startsWith("Klarna refused the final authorization");
    }

    @Test
    void anApprovalAfterThePaymentEndedIsKeptForRelease() {
      Payment p = completedWithToken(T0);
      p.stepUp().claimFinalization(T0, Duration.ofSeconds(60));
      p.expire("gone", T0);
      p.changes().drainRecorded();
      p.stepUp().recordFinalAnswer(approved("krn:tx:late"), "{}", T0);
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(p.voidingLate()).isTrue();
      assertThat(p.lateTransactionId()).isEqualTo("krn:tx:late");
      assertThat(summaries(p)).last().asString().startsWith("Late approval");
    }

    @Test
    void anEndedPaymentWhoseFinalAuthorizationWasNeverAnsweredAsksKlarnaAgain() {
      Payment p = completedWithToken(T0);
      p.stepUp().claimFinalization(T0, Duration.ofSeconds(60));
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0, POLICY);
      p.stepUp()
          .applyKlarnaState(
              request("EXPIRED", T0.plusSeconds(9), null), "webhook", false, T0, POLICY);
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
      assertThat(p.askingKlarna()).as("Klarna may hold a transaction").isTrue();
      assertThat(p.finalToken()).as("kept, to ask with the same key").isNotNull();
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0, POLICY);
      assertThat(p.askingKlarna()).as("still no answer: ask again later").isTrue();
      p.stepUp().recordFinalAnswer(approved("krn:tx:unheard"), "{}", T0);
      assertThat(p.askingKlarna()).isFalse();
      assertThat(p.voidingLate()).isTrue();
      assertThat(p.lateTransactionId()).isEqualTo("krn:tx:unheard");
    }

    @Test
    void klarnaSayingNoToTheRepeatEndsTheQuestion() {
      Payment p = completedWithToken(T0);
      p.stepUp().claimFinalization(T0, Duration.ofSeconds(60));
      p.stepUp().recordFinalFailure(noAnswer(), "{}", T0, POLICY);
      p.stepUp()
          .applyKlarnaState(
              request("EXPIRED", T0.plusSeconds(9), null), "webhook", false, T0, POLICY);
      p.stepUp().recordFinalFailure(refused(400), "{}", T0, POLICY);
      assertThat(p.askingKlarna()).isFalse();
      assertThat(p.voidingLate()).isFalse();
      assertThat(p.finalToken()).isNull();
    }

    @Test
    void anEndedPaymentNeverSentToKlarnaAsksNothing() {
      Payment p = completedWithToken(T0);
      p.stepUp()
          .applyKlarnaState(
              request("EXPIRED", T0.plusSeconds(9), null), "webhook", false, T0, POLICY);
      assertThat(p.askingKlarna()).isFalse();
      assertThat(p.finalToken()).isNull();
    }

    @Test
    void theSameApprovalTwiceIsNoLateApproval() {
      Payment p = completedWithToken(T0);
      p.stepUp().recordFinalAnswer(approved("krn:tx:1"), "{}", T0);
      p.stepUp().recordFinalAnswer(approved("krn:tx:1"), "{}", T0);
      assertThat(p.voidingLate()).as("a second worker's replay of the same answer").isFalse();
    }

    @Test
    void aReleaseEndsReleasedRetriesOrNeedsAPerson() {
      Payment released = completedWithToken(T0);
      released.expire("gone", T0);
      released.stepUp().recordFinalAnswer(approved("krn:tx:a"), "{}", T0);
      released.recordLateVoid("CLOSED", null, T0, POLICY);
      assertThat(released.voidingLate()).isFalse();

      Payment retried = completedWithToken(T0);
      retried.expire("gone", T0);
      retried.stepUp().recordFinalAnswer(approved("krn:tx:b"), "{}", T0);
      retried.recordLateVoid(null, noAnswer(), T0, POLICY);
      assertThat(retried.voidingLate()).isTrue();
      retried.recordLateVoid(null, inFlight(), T0, POLICY);
      assertThat(retried.voidingLate()).as("a 409: the void still running, asked again").isTrue();
      retried.recordLateVoid(null, refused(400), T0, POLICY);
      assertThat(retried.voidingLate()).isFalse();
      assertThat(retried.recordLateVoid("CLOSED", null, T0, POLICY)).isFalse();
    }
  }

  @Nested
  class CancelAndExpiry {

    @Test
    void aCancelIsRequestedOnce() {
      Payment p = submitted();
      assertThat(p.requestCancel(Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, T0, "the partner"))
          .isTrue();
      assertThat(p.requestCancel(Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, T0, "again"))
          .isFalse();
      assertThat(p.cancelRequested()).isTrue();
    }

    @Test
    void anApprovedPaymentIsNeverGivenUpForASilentKlarna() {
      Instant late = T0.plus(Duration.ofHours(5));
      assertThat(submitted().beyondHope(late)).isTrue();
      assertThat(completedWithToken(T0).beyondHope(late)).isFalse();
      assertThat(submitted().beyondHope(T0.plus(Duration.ofHours(3)))).isFalse();
    }

    @Test
    void expireEndsOnlyAPendingPayment() {
      Payment p = submitted();
      assertThat(p.expire("silent", T0)).isTrue();
      assertThat(p.expire("again", T0)).isFalse();
      assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED);
    }
  }
}
