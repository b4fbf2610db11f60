package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every amount rule of capture, refund and release, and how the transaction's state moves. */
class SettlementTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final long AUTHORIZED = 10_000;

  static Settlement open() {
    return Settlement.opened(
        new KlarnaTransaction(
            "krn:tx:1", "AUTHORIZED", AUTHORIZED, 0, 0, T0.plusSeconds(28 * 86400), T0, List.of()),
        T0);
  }

  /** Issue 33: a console capture of -50000 was held, and the payment locked for good. */
  @Test
  void anAmountOfZeroOrLessIsRefusedAndHoldsNothing() {
    Settlement s = open();
    for (long bad : new long[] {-50_000, -1, 0}) {
      assertThatThrownBy(() -> s.holdCapture(bad, AUTHORIZED))
          .isInstanceOfSatisfying(
              InvalidInput.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("amount"));
    }
    assertThat(s.capturable(AUTHORIZED)).isEqualTo(AUTHORIZED);
    s.holdCapture(3000L, AUTHORIZED);
    s.captured(3000);
    for (long bad : new long[] {-50_000, -1, 0}) {
      assertThatThrownBy(() -> s.holdRefund(bad, null)).isInstanceOf(InvalidInput.class);
      assertThatThrownBy(() -> s.holdRefund(bad, 3000L)).isInstanceOf(InvalidInput.class);
    }
    assertThat(s.amounts(AUTHORIZED))
        .isEqualTo(new PaymentView.Amounts(10000, 3000, 0, 7000, 3000));
    assertThat(s.pending()).isFalse();
  }

  /** What the pending operations hold, as the payment sets it whenever one begins or ends. */
  static Settlement.Held held(long captures, long refunds, boolean release) {
    return new Settlement.Held(captures, refunds, release);
  }

  @Test
  void aCaptureHoldsItsAmountSoTwoAtOnceCannotExceedTheAuthorization() {
    Settlement s = open();
    assertThat(s.holdCapture(6000L, AUTHORIZED)).isEqualTo(6000);
    s.holding(held(6000, 0, false)); // the capture begun with it
    assertThat(s.capturable(AUTHORIZED)).as("held while on its way").isEqualTo(4000);
    assertThatThrownBy(() -> s.holdCapture(4001L, AUTHORIZED))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("(4000, with 6000 being captured)");
    assertThat(s.holdCapture(null, AUTHORIZED)).as("null: all that is left").isEqualTo(4000);
    s.holding(held(10_000, 0, false));
    assertThatThrownBy(() -> s.holdCapture(1L, AUTHORIZED))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("Nothing is left to capture");
    s.captured(6000);
    s.holding(held(0, 0, false)); // the first answered, the second refused
    assertThat(s.amounts(AUTHORIZED))
        .isEqualTo(new PaymentView.Amounts(10000, 6000, 0, 4000, 6000));
  }

  /** Issue 33: what is held is set from the pending operations, never counted on its own. */
  @Test
  void whatIsHeldIsWhatThePendingOperationsHoldAndANegativeIsABug() {
    Settlement s = open();
    s.holding(held(6000, 0, false));
    s.holding(held(6000, 0, false));
    assertThat(s.capturable(AUTHORIZED)).as("set, not added up").isEqualTo(4000);
    s.holding(held(0, 0, false));
    assertThat(s.capturable(AUTHORIZED)).isEqualTo(AUTHORIZED);
    assertThat(s.pending()).isFalse();
    assertThatThrownBy(() -> held(-50_000, 0, false)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> held(0, -1, false)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refundsNeverExceedWhatWasCapturedNorWhatIsLeftOfTheCapture() {
    Settlement s = open();
    assertThatThrownBy(() -> s.holdRefund(1L, null))
        .isInstanceOf(Conflict.class)
        .hasMessage("Nothing has been captured, so nothing can be refunded.");
    s.captured(7000);
    assertThat(s.holdRefund(2000L, 3000L)).isEqualTo(2000); // 3000 left of that capture
    s.holding(held(0, 2000, false));
    assertThatThrownBy(() -> s.holdRefund(1001L, 1000L))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("of this capture (1000)");
    assertThat(s.refundable()).isEqualTo(5000);
    assertThat(s.holdRefund(null, null)).isEqualTo(5000);
    s.holding(held(0, 7000, false));
    assertThat(s.refundable()).isZero();
    s.refunded(2000);
    s.refunded(5000);
    s.holding(held(0, 0, false));
    assertThat(s.amounts(AUTHORIZED))
        .isEqualTo(new PaymentView.Amounts(10000, 7000, 7000, 3000, 0));
  }

  @Test
  void aReleaseTakesAllThatIsUncapturedOnceAndNotWhileACaptureIsOnItsWay() {
    Settlement s = open();
    s.holding(held(2000, 0, false));
    assertThatThrownBy(() -> s.holdRelease(AUTHORIZED))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("A capture of 2000 is on its way");
    s.captured(2000);
    s.holding(held(0, 0, false));
    assertThat(s.holdRelease(AUTHORIZED)).isEqualTo(8000);
    s.holding(held(0, 0, true));
    assertThatThrownBy(() -> s.holdRelease(AUTHORIZED))
        .hasMessage("A release is already on its way.");
    assertThatThrownBy(() -> s.holdCapture(1L, AUTHORIZED))
        .hasMessageContaining("A release of the payment is on its way");
    s.released(8000);
    s.holding(held(0, 0, false));
    s.learn(KlarnaTransaction.COMPLETED, null, null);
    assertThat(s.capturable(AUTHORIZED)).isZero();
    assertThatThrownBy(() -> s.holdRelease(AUTHORIZED))
        .hasMessageContaining("Nothing is left to release: the transaction is COMPLETED");
    assertThat(s.noticeExpiry(AUTHORIZED)).as("released, not expired").isZero();
  }

  @Test
  void theStateMovesOnlyForwardAndAStaleExpiryIsNotTaken() {
    Settlement s = open();
    assertThat(s.learn("EXPIRED", null, T0.plusSeconds(60))).isTrue();
    assertThat(s.learn("AUTHORIZED", T0.plusSeconds(99 * 86400), T0.plusSeconds(30))).isFalse();
    assertThat(s.transactionState()).isEqualTo("EXPIRED");
    assertThat(s.authorizationExpiresAt()).isEqualTo(T0.plusSeconds(28 * 86400));
    assertThat(s.learn("CLOSED", null, T0.plusSeconds(90))).isTrue();
    assertThat(s.learn("COMPLETED", null, T0.plusSeconds(120))).isFalse();
    assertThat(s.refundable()).isZero();
  }

  @Test
  void anExpiryWithSomethingUncapturedIsNoticedOnceAndAFullCaptureNever() {
    Settlement part = open();
    part.captured(2500);
    assertThat(part.noticeExpiry(AUTHORIZED)).as("still authorized").isZero();
    assertThat(part.overdue(T0.plusSeconds(28 * 86400))).isTrue();
    part.learn("EXPIRED", null, null);
    assertThat(part.noticeExpiry(AUTHORIZED)).isEqualTo(7500);
    assertThat(part.noticeExpiry(AUTHORIZED)).as("once").isZero();
    assertThat(part.overdue(T0.plusSeconds(28 * 86400))).isFalse();

    Settlement full = open();
    full.captured(AUTHORIZED);
    full.learn("COMPLETED", null, null);
    assertThat(full.noticeExpiry(AUTHORIZED)).isZero();
  }

  @Test
  void nothingCanBeCapturedOnceTheTransactionIsNoLongerAuthorized() {
    Settlement s = open();
    s.learn("EXPIRED", null, null);
    assertThatThrownBy(() -> s.holdCapture(1L, AUTHORIZED))
        .hasMessageContaining("is EXPIRED; only an AUTHORIZED transaction can be captured");
    assertThat(s.releasable(AUTHORIZED))
        .as("an expired one can still be voided")
        .isEqualTo(AUTHORIZED);
  }
}
