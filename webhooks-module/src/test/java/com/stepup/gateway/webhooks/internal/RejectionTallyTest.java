package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectionTallyTest {

  private final RejectionTally tally = new RejectionTally();
  private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void aThousandRefusalsOfOneKindAreOneRowAndOneLogLine() {
    int logged = 0;
    for (int i = 0; i < 1000; i++) {
      if (tally.count("signature does not match", "key-1", t0.plusMillis(i))) {
        logged++;
      }
    }
    assertThat(logged).isEqualTo(1);
    assertThat(tally.pending(r -> r.startsWith("signature"))).isEqualTo(1000);
    var rows = tally.drain();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).times()).isEqualTo(1000);
    assertThat(rows.get(0).first()).isEqualTo(t0);
    assertThat(tally.drain()).isEmpty();
    assertThat(tally.count("signature does not match", "key-1", t0)).as("a new flush").isTrue();
  }

  @Test
  void inventedKeyIdsCannotGrowTheTallyWithoutBound() {
    for (int i = 0; i < 10_000; i++) {
      tally.count("unknown signing key", "key-" + i, t0);
    }
    var rows = tally.drain();
    assertThat(rows).hasSize(RejectionTally.MAX_KINDS + 1);
    assertThat(rows.stream().mapToLong(RejectionTally.Count::times).sum()).isEqualTo(10_000);
  }

  @Test
  void whatCouldNotBeWrittenIsCountedAgain() {
    tally.count("envelope incomplete", null, t0);
    var rows = tally.drain();
    tally.count("envelope incomplete", null, t0.plusSeconds(1));
    tally.restore(rows);
    assertThat(tally.drain()).singleElement().satisfies(c -> assertThat(c.times()).isEqualTo(2));
  }
}
