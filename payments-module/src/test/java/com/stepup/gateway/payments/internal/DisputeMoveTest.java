package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a dispute did to the money, read from the deltas the disputes module reports. */
class DisputeMoveTest {

  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  private static List<String> moves(long disputedDelta, long lostDelta) {
    return DisputeMove.of("pay_1", "dsp_1", disputedDelta, lostDelta, AT).stream()
        .map(m -> m.kind() + " " + m.amount())
        .toList();
  }

  @Test
  void openingHoldsWinningGivesBackLosingTakes() {
    assertThat(moves(4000, 0)).containsExactly("dispute_hold 4000");
    assertThat(moves(-4000, 0)).containsExactly("dispute_won 4000");
    assertThat(moves(-4000, 4000)).containsExactly("dispute_lost 4000");
  }

  @Test
  void aDisputeLearnedAlreadyLostHeldAndLostAtOnce() {
    assertThat(moves(0, 4000)).containsExactly("dispute_hold 4000", "dispute_lost 4000");
  }

  @Test
  void nothingMovedIsNoRow() {
    assertThat(moves(0, 0)).isEmpty();
  }

  @Test
  void aRowIsTheDisputesMadeAtKlarna() {
    var view = DisputeMove.of("pay_1", "dsp_1", 4000, 0, AT).get(0).view();
    assertThat(view.id()).isEqualTo("dsp_1");
    assertThat(view.paymentId()).isEqualTo("pay_1");
    assertThat(view.updatedAt()).isEqualTo(AT);
    assertThat(view.madeAtKlarna()).isTrue();
  }
}
