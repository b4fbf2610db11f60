package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaDispute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline job on the injected clock: a dispute past its deadline is read from Klarna at once,
 * then with a back-off while Klarna still shows it waiting, daily once the deadline is long past,
 * and never again once it is closed; a Klarna that fails is spared the same way.
 */
class DisputeJobsTest {

  static final Instant DEADLINE = DisputeTest.NOW.plus(Duration.ofDays(21));

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now;

    Moving(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  Moving clock;
  Dispute dispute;
  DisputeJobs jobs;
  final List<Instant> reads = new ArrayList<>();
  KlarnaDispute klarnaSays;
  boolean klarnaDown;

  @BeforeEach
  void wire() {
    clock = new Moving(DisputeTest.NOW);
    dispute = DisputeTest.opened(); // INITIATED, evidence due 21 days after NOW
    klarnaSays = DisputeTest.klarna("INITIATED", 0); // Klarna has not closed it yet
    jobs = new DisputeJobs();
    jobs.clock = clock;
    jobs.repository =
        new DisputeRepository() {
          @Override
          List<String> dueSoon(Instant before, int limit) {
            return List.of();
          }

          @Override
          List<Overdue> overdue(Instant now, int limit) {
            return dispute.deadlineCheckDue(now)
                ? List.of(new Overdue(dispute.id(), dispute.klarnaDisputeId()))
                : List.of();
          }
        };
    jobs.learning =
        new DisputeLearning() {
          @Override
          public void onDispute(String klarnaDisputeId, String source) {
            reads.add(clock.instant());
            if (klarnaDown) {
              throw new IllegalStateException("Klarna did not answer");
            }
            dispute.learn(klarnaSays, false, clock.instant());
          }
        };
    jobs.changes =
        new DisputeChanges() {
          @Override
          Instant deadlineChecked(String id) {
            return dispute.deadlineChecked(DisputeJobsTest.this.clock.instant());
          }
        };
  }

  /** Runs the job every minute from now until {@code until}. */
  void everyMinuteUntil(Instant until) {
    while (clock.now.isBefore(until)) {
      jobs.deadlines();
      clock.now = clock.now.plus(Duration.ofMinutes(1));
    }
  }

  @Test
  void beforeTheDeadlineKlarnaIsNotAsked() {
    everyMinuteUntil(DEADLINE);
    assertThat(reads).isEmpty();
  }

  @Test
  void aDisputeKlarnaStillShowsOpenIsAskedAgainLessAndLessOften() {
    clock.now = DEADLINE.plusSeconds(30);
    everyMinuteUntil(DEADLINE.plus(Duration.ofHours(24)));
    assertThat(reads.get(0)).as("at once").isEqualTo(DEADLINE.plusSeconds(30));
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < reads.size(); i++) {
      gaps.add(Duration.between(reads.get(i - 1), reads.get(i)));
    }
    assertThat(gaps)
        .startsWith(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8))
        .isSorted()
        .allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(Dispute.MAX_RECHECK));
    assertThat(reads).as("not 1,440 reads in a day").hasSizeLessThan(15);
  }

  @Test
  void aDeadlineLongPastIsReadOnceADay() {
    clock.now = DEADLINE.plus(Dispute.LONG_PAST).plusSeconds(1);
    everyMinuteUntil(clock.now.plus(Duration.ofDays(3)));
    assertThat(reads).hasSize(3);
    assertThat(Duration.between(reads.get(0), reads.get(1))).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aClosedDisputeIsNeverReadAgain() {
    clock.now = DEADLINE.plusSeconds(30);
    klarnaSays = DisputeTest.klarna("CLOSED", 30, "LOST", DEADLINE);
    everyMinuteUntil(DEADLINE.plus(Duration.ofDays(30)));
    assertThat(reads).hasSize(1);
    assertThat(dispute.view().outcome()).isEqualTo("LOST");
  }

  @Test
  void aFailingKlarnaIsSparedTooAndTheDisputeLearnedWhenItAnswers() {
    clock.now = DEADLINE.plusSeconds(30);
    klarnaDown = true;
    everyMinuteUntil(DEADLINE.plus(Duration.ofHours(2)));
    assertThat(reads).as("0, 1, 3, 7, 15, 31, 63 minutes after").hasSize(7);
    klarnaDown = false;
    klarnaSays = DisputeTest.klarna("CLOSED", 30, "LOST", DEADLINE);
    everyMinuteUntil(DEADLINE.plus(Duration.ofHours(6)));
    assertThat(dispute.view().outcome()).isEqualTo("LOST");
    int after = reads.size();
    everyMinuteUntil(DEADLINE.plus(Duration.ofDays(10)));
    assertThat(reads).hasSize(after);
  }

  @Test
  void anExtendedDeadlineStartsTheBackOffAfresh() {
    clock.now = DEADLINE.plusSeconds(30);
    everyMinuteUntil(DEADLINE.plus(Duration.ofHours(20)));
    Instant extended = DEADLINE.plus(Duration.ofDays(2));
    klarnaSays = DisputeTest.klarna("INITIATED", 60, null, extended);
    clock.now = DEADLINE.plus(Duration.ofHours(23));
    dispute.learn(klarnaSays, false, clock.instant()); // the extension's webhook
    assertThat(dispute.deadlineCheckDue(extended.plusSeconds(1))).isTrue();
    int before = reads.size();
    clock.now = extended.plusSeconds(1);
    everyMinuteUntil(extended.plus(Duration.ofMinutes(4)));
    assertThat(reads.subList(before, reads.size())).as("0, 1 and 3 minutes after").hasSize(3);
  }

  @Test
  void theWaitDoublesToItsCapAndIsDailyALongTimePast() {
    assertThat(Dispute.recheckAfter(0, Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Dispute.recheckAfter(3, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(8));
    assertThat(Dispute.recheckAfter(40, Duration.ofDays(1))).isEqualTo(Dispute.MAX_RECHECK);
    assertThat(Dispute.recheckAfter(0, Duration.ofDays(8))).isEqualTo(Duration.ofDays(1));
    assertThat(dispute.deadlineChecked(DisputeTest.NOW)).as("not past its deadline").isNull();
  }

  @Test
  void aDisputeThatKeepsFailingDoesNotMakeEveryPassReadALongerSpan() {
    java.time.Instant now = java.time.Instant.parse("2026-12-20T00:00:00Z");
    assertThat(DisputeJobs.reconcileSince(null, now)).isEqualTo(now.minus(Duration.ofDays(2)));
    assertThat(DisputeJobs.reconcileSince(now.minus(Duration.ofHours(20)), now))
        .isEqualTo(now.minus(Duration.ofHours(20)));
    // the last clean pass was a month ago: read a week, not a month
    assertThat(DisputeJobs.reconcileSince(now.minus(Duration.ofDays(30)), now))
        .isEqualTo(now.minus(Duration.ofDays(7)));
  }
}
