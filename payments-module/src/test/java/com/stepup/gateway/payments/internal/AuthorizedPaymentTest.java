package com.stepup.gateway.payments.internal;

import static com.stepup.gateway.payments.internal.PaymentFixture.POLICY;
import static com.stepup.gateway.payments.internal.PaymentFixture.T0;
import static com.stepup.gateway.payments.internal.PaymentFixture.approved;
import static com.stepup.gateway.payments.internal.PaymentFixture.newOnlinePayment;
import static com.stepup.gateway.payments.internal.PaymentFixture.noAnswer;
import static com.stepup.gateway.payments.internal.PaymentFixture.refused;
import static com.stepup.gateway.payments.internal.PaymentFixture.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.platform.errors.Conflict;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The money of an authorized payment, method by method (ADR 0012): each begin holds its amount,
 * each of Klarna's answers (done, refused, unanswered, read after a day) moves or frees it.
 */
class AuthorizedPaymentTest {

  private static final Duration IN_FLIGHT = Duration.ofSeconds(60);
  private static final String TX = "krn:tx:1";

  /** A manual-capture payment of $118.00 whose authorize Klarna approved. */
  private static Payment authorizedPayment() {
    Payment p = newOnlinePayment();
    p.initialAuthorize().recordAuthorizeAnswer(approved(TX), "{}", T0, POLICY);
    p.changes().drainRecorded();
    p.changes().drainNotices();
    p.changes().drainBegun();
    return p;
  }

  private static KlarnaTransaction transaction(String state) {
    return new KlarnaTransaction(TX, state, 11800, 0, 0, null, null, List.of());
  }

  private static KlarnaMoneyMove moved(String id, long amount, String state) {
    return new KlarnaMoneyMove(id, amount, state, JsonValue.EMPTY_JSON_OBJECT);
  }

  private static PaymentView.Amounts amounts(Payment p) {
    return p.view().amounts();
  }

  private static MoneyOperation capture(Payment p, Long amount) {
    return p.authorized()
        .beginCapture(amount, "{}", Kind.PARTNER, "partner", T0, IN_FLIGHT, ops(p));
  }

  /**
   * The payment's operations as its repository would read them under its lock: every one it has
   * begun (kept by the test, as the operations themselves change).
   */
  private static final Map<Payment, List<MoneyOperation>> OPERATIONS = new IdentityHashMap<>();

  private static List<MoneyOperation> ops(Payment p) {
    List<MoneyOperation> ops = OPERATIONS.computeIfAbsent(p, x -> new ArrayList<>());
    ops.addAll(p.changes().drainBegun());
    return List.copyOf(ops);
  }

  private static List<String> notices(Payment p) {
    return p.changes().drainNotices().stream().map(Changes.Notice::type).toList();
  }

  @Test
  void aPaymentWithoutAnAuthorizedTransactionRefusesMoneyWithAConflict() {
    assertThatThrownBy(() -> submitted().authorized())
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("The payment is pending; only an authorized payment");
    assertThat(submitted().whenAuthorized()).isEmpty();
    assertThat(authorizedPayment().whenAuthorized()).isPresent();
  }

  @Nested
  class Capture {

    @Test
    void aCaptureHoldsItsAmountUntilKlarnaAnswersThenTellsThePartner() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      assertThat(op.pending()).isTrue();
      assertThat(op.nextTryAt()).isEqualTo(T0.plus(IN_FLIGHT));
      assertThat(p.changes().drainBegun()).containsExactly(op);
      assertThat(amounts(p).capturable()).as("held while on its way").isEqualTo(6800);
      assertThat(amounts(p).captured()).isZero();

      p.authorized().recordMoved(op, moved("krn:capture:1", 5000, null), "{}", T0, ops(p));
      assertThat(op.succeeded()).isTrue();
      assertThat(op.klarnaId()).isEqualTo("krn:capture:1");
      assertThat(amounts(p).captured()).isEqualTo(5000);
      assertThat(amounts(p).capturable()).isEqualTo(6800);
      assertThat(p.view().klarna().transactionState()).isEqualTo("AUTHORIZED");
      assertThat(notices(p)).containsExactly("payment.captured");
    }

    @Test
    void capturingAllThatIsLeftCompletesTheTransactionWhenKlarnaNamesNoState() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, null);
      assertThat(op.amount()).as("null: all that is capturable").isEqualTo(11800);
      p.authorized().recordMoved(op, moved("krn:capture:1", 0, null), "{}", T0, ops(p));
      assertThat(op.amount()).as("Klarna named no amount: the held one").isEqualTo(11800);
      assertThat(p.view().klarna().transactionState()).isEqualTo("COMPLETED");
    }

    @Test
    void aStateKlarnaNamesInItsAnswerIsTaken() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 1000L);
      p.authorized().recordMoved(op, moved("krn:capture:1", 1000, "COMPLETED"), "{}", T0, ops(p));
      assertThat(p.view().klarna().transactionState()).isEqualTo("COMPLETED");
    }

    @Test
    void aRepeatOfKlarnasAnswerMovesNothingTwice() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 1000L);
      p.authorized().recordMoved(op, moved("krn:capture:1", 1000, null), "{}", T0, ops(p));
      notices(p);
      p.authorized().recordMoved(op, moved("krn:capture:1", 1000, null), "{}", T0, ops(p));
      assertThat(amounts(p).captured()).isEqualTo(1000);
      assertThat(notices(p)).isEmpty();
    }

    @Test
    void moreThanIsLeftIsAConflictAndHoldsNothing() {
      Payment p = authorizedPayment();
      capture(p, 10000L);
      assertThatThrownBy(() -> capture(p, 2000L)).isInstanceOf(Conflict.class);
      assertThat(amounts(p).capturable()).isEqualTo(1800);
    }
  }

  @Nested
  class Refund {

    @Test
    void aRefundOfACaptureHoldsWhatIsLeftOfItAndKlarnaRefundsIt() {
      Payment p = authorizedPayment();
      MoneyOperation cap = capture(p, 5000L);
      p.authorized().recordMoved(cap, moved("krn:capture:1", 5000, null), "{}", T0, ops(p));
      assertThatThrownBy(
              () ->
                  p.authorized()
                      .beginRefund(
                          3000L,
                          cap,
                          4000,
                          null,
                          "{}",
                          Kind.PARTNER,
                          "partner",
                          T0,
                          IN_FLIGHT,
                          ops(p)))
          .as("only 1000 of the capture is left to refund")
          .isInstanceOf(Conflict.class);
      MoneyOperation refund =
          p.authorized()
              .beginRefund(
                  null, cap, 4000, "damaged", "{}", Kind.PARTNER, "partner", T0, IN_FLIGHT, ops(p));
      assertThat(refund.amount()).isEqualTo(1000);
      assertThat(refund.captureId()).isEqualTo(cap.id());
      assertThat(amounts(p).refundable()).isEqualTo(4000);
      notices(p);
      p.authorized().recordMoved(refund, moved("krn:refund:1", 1000, null), "{}", T0, ops(p));
      assertThat(amounts(p).refunded()).isEqualTo(1000);
      assertThat(notices(p)).containsExactly("payment.refunded");
    }

    @Test
    void nothingCapturedIsNothingToRefund() {
      Payment p = authorizedPayment();
      assertThatThrownBy(
              () ->
                  p.authorized()
                      .beginRefund(
                          100L,
                          null,
                          0,
                          null,
                          "{}",
                          Kind.PARTNER,
                          "partner",
                          T0,
                          IN_FLIGHT,
                          ops(p)))
          .isInstanceOf(Conflict.class);
    }
  }

  @Nested
  class Release {

    @Test
    void aReleaseOfAnUncapturedPaymentClosesItsTransaction() {
      Payment p = authorizedPayment();
      MoneyOperation op = p.authorized().beginRelease(Kind.OPERATOR, "ops", T0, IN_FLIGHT, ops(p));
      assertThat(op.amount()).isEqualTo(11800);
      assertThat(amounts(p).capturable())
          .as("nothing captured while a release is on its way")
          .isZero();
      p.authorized().recordReleased(op, transaction(null), "{}", T0, ops(p));
      assertThat(op.succeeded()).isTrue();
      assertThat(amounts(p).released()).isEqualTo(11800);
      assertThat(p.view().klarna().transactionState()).isEqualTo("CLOSED");
      assertThat(notices(p)).containsExactly("payment.released");
    }

    @Test
    void aReleaseAfterACaptureFreesTheRestAndCompletesTheTransaction() {
      Payment p = authorizedPayment();
      MoneyOperation cap = capture(p, 5000L);
      p.authorized().recordMoved(cap, moved("krn:capture:1", 5000, null), "{}", T0, ops(p));
      MoneyOperation op = p.authorized().beginRelease(Kind.OPERATOR, "ops", T0, IN_FLIGHT, ops(p));
      assertThat(op.amount()).isEqualTo(6800);
      p.authorized().recordReleased(op, transaction(null), "{}", T0, ops(p));
      assertThat(p.view().klarna().transactionState()).isEqualTo("COMPLETED");
      assertThat(amounts(p).released()).isEqualTo(6800);
    }
  }

  /** Issue 33: what is held comes from the pending operations, not from a counter that drifts. */
  @Nested
  class WhatIsHeld {

    @Test
    void aCaptureKlarnaAnswersForAnotherAmountHoldsNothingOnceAnswered() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      p.authorized().recordMoved(op, moved("krn:capture:1", 4000, null), "{}", T0, ops(p));
      assertThat(amounts(p).captured()).isEqualTo(4000);
      assertThat(amounts(p).capturable())
          .as("nothing is pending, so nothing is held: all but the 4000 captured")
          .isEqualTo(7800);
    }

    @Test
    void aRefundKlarnaAnswersForAnotherAmountHoldsNothingOnceAnswered() {
      Payment p = authorizedPayment();
      MoneyOperation cap = capture(p, 5000L);
      p.authorized().recordMoved(cap, moved("krn:capture:1", 5000, null), "{}", T0, ops(p));
      MoneyOperation refund =
          p.authorized()
              .beginRefund(
                  2000L, null, 0, "returned", "{}", Kind.PARTNER, "partner", T0, IN_FLIGHT, ops(p));
      p.authorized().recordMoved(refund, moved("krn:refund:1", 1500, null), "{}", T0, ops(p));
      assertThat(amounts(p).refundable()).isEqualTo(3500);
    }
  }

  @Nested
  class KlarnasOtherAnswers {

    @Test
    void aRefusalFailsTheOperationAndFreesItsHold() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      p.authorized().recordMoveRefused(op, refused(400), "{}", T0, ops(p));
      assertThat(op.view().status()).isEqualTo("failed");
      assertThat(op.view().failure()).startsWith("Klarna refused: ");
      assertThat(amounts(p).capturable()).isEqualTo(11800);
      assertThat(notices(p)).isEmpty();
    }

    @Test
    void noAnswerKeepsTheHoldAndSendsItAgainLaterWithTheSameKey() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      Instant later = T0.plusSeconds(5);
      p.authorized().recordMoveUnanswered(op, noAnswer(), "{}", later, POLICY);
      assertThat(op.pending()).isTrue();
      assertThat(op.nextTryAt()).isEqualTo(later.plus(POLICY.authorizeRetry()));
      assertThat(amounts(p).capturable()).isEqualTo(6800);
      assertThat(notices(p)).isEmpty();
    }
  }

  /** ADR 0012: after the 24 hours Klarna remembers a key, a repeat could move money twice. */
  @Nested
  class TheOutcomeStaysUnknownForADay {

    @Test
    void anOperationIsSentAgainOnlyWhileKlarnaStillRemembersItsKey() {
      MoneyOperation op = capture(authorizedPayment(), 5000L);
      Instant lastSafe = T0.plus(Payment.KEY_MEMORY).minus(POLICY.authorizeRetry()).minusSeconds(1);
      assertThat(AuthorizedPayment.keyMayBeForgotten(op, lastSafe, POLICY)).isFalse();
      assertThat(AuthorizedPayment.keyMayBeForgotten(op, lastSafe.plusSeconds(1), POLICY)).isTrue();
    }

    @Test
    void aCaptureUnansweredForADayIsSettledFromARead_itsHoldFreed() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      Instant dayLater = T0.plus(Payment.KEY_MEMORY);
      p.authorized().recordMoveFromRead(op, transaction("AUTHORIZED"), dayLater, ops(p));
      assertThat(op.view().status()).isEqualTo("failed");
      assertThat(op.view().failure()).contains("Klarna's transaction read instead");
      assertThat(amounts(p).capturable()).isEqualTo(11800);
      assertThat(notices(p)).as("what Klarna did is learned from the read's captures").isEmpty();
    }

    @Test
    void aReleaseUnansweredForADayIsDoneWhenTheReadShowsTheTransactionVoided() {
      Payment p = authorizedPayment();
      MoneyOperation op = p.authorized().beginRelease(Kind.OPERATOR, "ops", T0, IN_FLIGHT, ops(p));
      p.authorized()
          .recordMoveFromRead(op, transaction("CLOSED"), T0.plus(Payment.KEY_MEMORY), ops(p));
      assertThat(op.succeeded()).isTrue();
      assertThat(amounts(p).released()).isEqualTo(11800);
      assertThat(notices(p)).containsExactly("payment.released");
    }

    @Test
    void aReleaseUnansweredForADayWhoseTransactionIsStillVoidableFailsAndFreesItsHold() {
      Payment p = authorizedPayment();
      MoneyOperation op = p.authorized().beginRelease(Kind.OPERATOR, "ops", T0, IN_FLIGHT, ops(p));
      p.authorized()
          .recordMoveFromRead(op, transaction("AUTHORIZED"), T0.plus(Payment.KEY_MEMORY), ops(p));
      assertThat(op.view().status()).isEqualTo("failed");
      assertThat(amounts(p).capturable()).as("a capture may be made again").isEqualTo(11800);
    }

    @Test
    void anAnswerThatArrivesAfterTheOperationEndedChangesNothing() {
      Payment p = authorizedPayment();
      MoneyOperation op = capture(p, 5000L);
      p.authorized().recordMoveRefused(op, refused(400), "{}", T0, ops(p));
      p.authorized().recordMoved(op, moved("krn:capture:1", 5000, null), "{}", T0, ops(p));
      p.authorized().recordMoveUnanswered(op, noAnswer(), "{}", T0, POLICY);
      p.authorized().recordMoveFromRead(op, transaction("AUTHORIZED"), T0, ops(p));
      assertThat(op.view().status()).isEqualTo("failed");
      assertThat(amounts(p).captured()).isZero();
      assertThat(amounts(p).capturable()).isEqualTo(11800);
    }
  }
}
