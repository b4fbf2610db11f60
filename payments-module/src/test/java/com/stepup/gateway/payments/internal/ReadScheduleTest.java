package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadScheduleTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  final ReadSchedule schedule = new ReadSchedule(Duration.ofSeconds(60), Duration.ofMinutes(10));

  @Test
  void aFreshRequestIsReadNoSoonerThanReadAfter() {
    assertThat(schedule.next(T0, T0, null)).isEqualTo(T0.plusSeconds(60));
    assertThat(schedule.next(T0.plusSeconds(10), T0, null))
        .as("a read 10 s after the news still waits the full minute")
        .isEqualTo(T0.plusSeconds(70));
  }

  @Test
  void readsBackOffWhileNothingChangesUpToTheMaximum() {
    assertThat(schedule.next(T0.plusSeconds(300), T0, null)).isEqualTo(T0.plusSeconds(450));
    assertThat(schedule.next(T0.plus(Duration.ofHours(2)), T0, null))
        .isEqualTo(T0.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(10)));
  }

  @Test
  void countedFromTheStartReadsStayWithinReadAfterOverAnyWindow() {
    // the janitor's own loop, on a 1 s pass: at most one read per readAfter, and fewer later
    Instant next = schedule.next(T0, T0, null);
    int reads = 0;
    for (Instant now = T0; now.isBefore(T0.plus(Duration.ofHours(1))); now = now.plusSeconds(1)) {
      if (!now.isBefore(next)) {
        reads++;
        next = schedule.next(now, T0, null);
      }
    }
    assertThat(reads).isLessThanOrEqualTo(60).isLessThan(20);
  }

  @Test
  void theExpiryIsNoticedOnTime() {
    Instant expires = T0.plusSeconds(90);
    assertThat(schedule.next(T0.plusSeconds(60), T0, expires)).isEqualTo(expires);
    assertThat(schedule.next(T0.plusSeconds(100), T0, expires))
        .as("past its expiry, reads back off as usual instead of spinning")
        .isEqualTo(T0.plusSeconds(160));
  }
}
