package com.stepup.gateway.klarna.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Klarna's request quota is the acquirer's, shared by every merchant. When Klarna answers {@code
 * 429}, no call is sent until its {@code Retry-After} has passed (1 s when it gives none, at most
 * {@link #LONGEST_PAUSE}): calls in between fail here, unsent, as Klarna's own 429 would. For
 * {@link #FAIR_FOR} after that, each merchant (Klarna partner account) may send at most its fair
 * share a second: the calls the gateway had sent in the second before the 429 (what Klarna
 * apparently takes), divided by the merchants calling lately. One merchant's flood then waits while
 * the others' calls go through. Calls on no merchant's behalf (webhook and settlement reads) count
 * as one more caller.
 *
 * <p>In a cluster the pause is everyone's: a 429 at one instance is told to the others ({@link
 * #refusedElsewhere}, through PostgreSQL NOTIFY), which pause until the same moment and share out
 * what they themselves sent in the second before, so the instances' shares add up to what Klarna
 * took from all of them.
 */
final class KlarnaQuota {

  static final Duration LONGEST_PAUSE = Duration.ofSeconds(60);
  static final Duration FAIR_FOR = Duration.ofSeconds(60);
  static final Duration ACTIVE_WITHIN = Duration.ofSeconds(10);

  private final Clock clock;

  private Instant pausedUntil = Instant.EPOCH;
  private Instant fairUntil = Instant.EPOCH;
  private long apparentPerSecond = 1;

  private long second;
  private long sentThisSecond;
  private long sentLastSecond;
  private final Map<String, long[]> partners = new HashMap<>(); // {second, sent then, last seen}

  KlarnaQuota(Clock clock) {
    this.clock = clock;
  }

  /** Empty when a call for {@code partner} may be sent now; otherwise how long it should wait. */
  synchronized Optional<Duration> admit(String partner) {
    Instant now = clock.instant();
    roll(now);
    if (now.isBefore(pausedUntil)) {
      return Optional.of(Duration.between(now, pausedUntil));
    }
    String who = partner == null ? "" : partner;
    long[] p = partners.computeIfAbsent(who, k -> new long[3]);
    if (p[0] != second) {
      p[0] = second;
      p[1] = 0;
    }
    if (now.isBefore(fairUntil)) {
      long active =
          partners.values().stream()
              .filter(x -> second - x[2] <= ACTIVE_WITHIN.toSeconds())
              .count();
      long share = Math.max(1, apparentPerSecond / Math.max(1, active));
      if (p[1] >= share) {
        return Optional.of(Duration.ofMillis(1000 - now.toEpochMilli() % 1000));
      }
    }
    p[1]++;
    p[2] = second;
    sentThisSecond++;
    if (partners.size() > 10_000) {
      partners.values().removeIf(x -> second - x[2] > ACTIVE_WITHIN.toSeconds());
    }
    return Optional.empty();
  }

  /**
   * Klarna answered 429, asking to wait {@code retryAfter} (null: it did not say); answers until
   * when no call goes out, for the other instances to hear.
   */
  synchronized Instant refused(Duration retryAfter) {
    Instant now = clock.instant();
    roll(now);
    Duration wait =
        retryAfter == null || retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter;
    if (wait.compareTo(LONGEST_PAUSE) > 0) {
      wait = LONGEST_PAUSE;
    }
    if (!now.isBefore(fairUntil)) {
      // what Klarna took before it said no, learnt once per episode
      apparentPerSecond = Math.max(1, Math.max(sentLastSecond, sentThisSecond - 1));
    }
    Instant until = now.plus(wait);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    fairUntil = pausedUntil.plus(FAIR_FOR);
    return pausedUntil;
  }

  /**
   * Another instance got a 429 and pauses until {@code until}: this one pauses as long, then shares
   * out fairly what it sent itself before (its part of what Klarna took).
   */
  synchronized void refusedElsewhere(Instant until) {
    Instant now = clock.instant();
    roll(now);
    if (!now.isBefore(until)) {
      return;
    }
    if (until.isAfter(now.plus(LONGEST_PAUSE))) {
      until = now.plus(LONGEST_PAUSE);
    }
    if (!now.isBefore(fairUntil)) {
      apparentPerSecond = Math.max(1, Math.max(sentLastSecond, sentThisSecond));
    }
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    fairUntil = pausedUntil.plus(FAIR_FOR);
  }

  private void roll(Instant now) {
    long s = now.getEpochSecond();
    if (s != second) {
      sentLastSecond = s == second + 1 ? sentThisSecond : 0;
      sentThisSecond = 0;
      second = s;
    }
  }
}
