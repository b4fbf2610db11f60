package com.stepup.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Whether the shopper was charged, from the amounts (issue 29). */
class MoneyStatusTest {

  private static PaymentView.Amounts amounts(
      long authorized, long captured, long refunded, long released) {
    return new PaymentView.Amounts(authorized, captured, refunded, 0, 0).withReleased(released);
  }

  private static MoneyStatus of(long authorized, long captured, long refunded, long released) {
    return of(authorized, captured, refunded, released, "AUTHORIZED");
  }

  private static MoneyStatus of(
      long authorized, long captured, long refunded, long released, String state) {
    return MoneyStatus.of(
        PaymentStatus.AUTHORIZED, amounts(authorized, captured, refunded, released), state);
  }

  @Test
  void nothingAuthorizedIsNone() {
    for (PaymentStatus s : PaymentStatus.values()) {
      if (s != PaymentStatus.AUTHORIZED) {
        assertThat(MoneyStatus.of(s, amounts(1000, 0, 0, 0), null))
            .as(s.name())
            .isEqualTo(MoneyStatus.NONE);
      }
    }
    assertThat(MoneyStatus.of(PaymentStatus.AUTHORIZED, PaymentView.Amounts.NONE, null))
        .isEqualTo(MoneyStatus.NONE);
  }

  @Test
  void anAuthorizationWaitingToBeCapturedIsUncaptured() {
    assertThat(of(1000, 0, 0, 0)).isEqualTo(MoneyStatus.UNCAPTURED);
    assertThat(of(1000, 0, 0, 0, null)).isEqualTo(MoneyStatus.UNCAPTURED);
  }

  @Test
  void capturesAreCapturedOnceNothingMoreCanCome() {
    assertThat(of(1000, 400, 0, 0)).isEqualTo(MoneyStatus.PARTIALLY_CAPTURED);
    assertThat(of(1000, 1000, 0, 0, "COMPLETED")).isEqualTo(MoneyStatus.CAPTURED);
    assertThat(of(1000, 1000, 0, 0)).isEqualTo(MoneyStatus.CAPTURED);
    // part captured, the rest released or run out: charged, and nothing more will be
    assertThat(of(1000, 400, 0, 600, "COMPLETED")).isEqualTo(MoneyStatus.CAPTURED);
    assertThat(of(1000, 400, 0, 0, "EXPIRED")).isEqualTo(MoneyStatus.CAPTURED);
  }

  @Test
  void refundsCountAgainstWhatWasCaptured() {
    assertThat(of(1000, 1000, 300, 0, "COMPLETED")).isEqualTo(MoneyStatus.PARTIALLY_REFUNDED);
    assertThat(of(1000, 400, 400, 0)).isEqualTo(MoneyStatus.REFUNDED);
    assertThat(of(1000, 1000, 1000, 0, "CLOSED")).isEqualTo(MoneyStatus.REFUNDED);
  }

  @Test
  void aReleaseOrAnExpiryBeforeAnyCaptureMeansNeverCharged() {
    assertThat(of(1000, 0, 0, 1000, "CLOSED")).isEqualTo(MoneyStatus.RELEASED);
    assertThat(of(1000, 0, 0, 1000)).isEqualTo(MoneyStatus.RELEASED);
    assertThat(of(1000, 0, 0, 0, "CLOSED")).as("voided at Klarna").isEqualTo(MoneyStatus.RELEASED);
    assertThat(of(1000, 0, 0, 0, "EXPIRED")).isEqualTo(MoneyStatus.EXPIRED_UNCAPTURED);
    assertThat(MoneyStatus.RELEASED.charged()).isFalse();
    assertThat(MoneyStatus.PARTIALLY_REFUNDED.charged()).isTrue();
  }

  @Test
  void theWordsAreTheContracts() {
    assertThat(MoneyStatus.words())
        .isEqualTo(
            "none, uncaptured, partially_captured, captured, partially_refunded, refunded,"
                + " released, expired_uncaptured");
    assertThat(MoneyStatus.fromWire(" Partially_Refunded"))
        .isEqualTo(MoneyStatus.PARTIALLY_REFUNDED);
    assertThatThrownBy(() -> MoneyStatus.fromWire("charged"))
        .hasMessageContaining("must be one of");
  }
}
