package com.stepup.gateway.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Charged twice?": identical approved sales close together on one till (issue 29). */
class PossibleDuplicatesTest {

  static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

  static PaymentView sale(
      String id, PaymentStatus status, String terminal, long amount, String currency, long at) {
    return new PaymentView(
        id,
        "mer_1",
        status,
        PaymentMethod.QR_CODE,
        amount,
        currency,
        "r-" + id,
        "sto_1",
        "shop",
        terminal,
        terminal,
        null,
        null,
        null,
        T.plusSeconds(at),
        T.plusSeconds(at),
        CaptureMode.AUTOMATIC,
        PaymentView.Amounts.NONE);
  }

  @Test
  void twoIdenticalSalesThreeSecondsApartOnOneTillAreFlaggedBoth() {
    var flagged =
        PossibleDuplicates.among(
            List.of(
                sale("a", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 0),
                sale("b", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 3)));
    assertThat(flagged).containsOnlyKeys("a", "b");
    assertThat(flagged.get("a")).containsExactly("b");
    assertThat(flagged.get("b")).containsExactly("a");
  }

  @Test
  void differentAmountsTillsCurrenciesOutcomesOrMoreThanTwoMinutesAreNot() {
    assertThat(
            PossibleDuplicates.among(
                List.of(
                    sale("a", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 0),
                    sale("b", PaymentStatus.AUTHORIZED, "ter_1", 2501, "EUR", 3),
                    sale("c", PaymentStatus.AUTHORIZED, "ter_2", 2500, "EUR", 4),
                    sale("d", PaymentStatus.AUTHORIZED, "ter_1", 2500, "USD", 5),
                    sale("e", PaymentStatus.DECLINED, "ter_1", 2500, "EUR", 6),
                    sale("f", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 127),
                    sale("g", PaymentStatus.AUTHORIZED, null, 2500, "EUR", 1))))
        .isEmpty();
  }

  @Test
  void exactlyTwoMinutesApartStillCounts() {
    assertThat(
            PossibleDuplicates.among(
                List.of(
                    sale("a", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 0),
                    sale("b", PaymentStatus.AUTHORIZED, "ter_1", 2500, "EUR", 120))))
        .containsOnlyKeys("a", "b");
  }
}
