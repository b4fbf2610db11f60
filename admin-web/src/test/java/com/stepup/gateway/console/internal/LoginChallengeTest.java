package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginChallengeTest {

  private final LoginThrottleTest.Moving clock = new LoginThrottleTest.Moving();
  private final LoginChallenge challenges =
      new LoginChallenge(
          "a key of this test, 32 bytes long".getBytes(StandardCharsets.UTF_8), clock);

  @Test
  void aSolvedPuzzleOpensOneTryOfItsPairOnce() {
    String pair = LoginThrottle.pair("admin", "203.0.113.7");
    String puzzle = challenges.issue(pair);
    long answer = LoginChallenge.solve(puzzle);
    assertThat(LoginChallenge.zeroBits(puzzle + ":" + answer))
        .isGreaterThanOrEqualTo(LoginChallenge.BITS);
    assertThat(challenges.solved(pair, puzzle, String.valueOf(answer + 1)))
        .as("a wrong answer (almost surely)")
        .isEqualTo(LoginChallenge.zeroBits(puzzle + ":" + (answer + 1)) >= LoginChallenge.BITS);
    assertThat(challenges.solved(LoginThrottle.pair("admin", "203.0.113.8"), puzzle, "" + answer))
        .as("another pair's puzzle")
        .isFalse();
    assertThat(challenges.solved(pair, puzzle, String.valueOf(answer))).isTrue();
    assertThat(challenges.solved(pair, puzzle, String.valueOf(answer))).as("once").isFalse();
  }

  @Test
  void aPuzzleIsTheServersOwnAndExpires() {
    String pair = LoginThrottle.pair("admin", "203.0.113.7");
    String puzzle = challenges.issue(pair);
    String forged = puzzle.substring(0, puzzle.lastIndexOf('.') + 1) + "0".repeat(32);
    assertThat(challenges.solved(pair, forged, String.valueOf(LoginChallenge.solve(forged))))
        .isFalse();
    var other = new LoginChallenge("another key, another cluster....".getBytes(), clock);
    assertThat(other.solved(pair, puzzle, String.valueOf(LoginChallenge.solve(puzzle)))).isFalse();
    String late = challenges.issue(pair);
    clock.now = clock.now.plus(LoginChallenge.LIFETIME);
    assertThat(challenges.solved(pair, late, String.valueOf(LoginChallenge.solve(late)))).isFalse();
    assertThat(challenges.solved(pair, null, "1")).isFalse();
    assertThat(challenges.solved(pair, "no dot", "1")).isFalse();
    assertThat(challenges.solved(pair, "x.y." + "0".repeat(32), "1")).isFalse();
    assertThat(challenges.solved(pair, puzzle, "-1")).isFalse();
  }

  @Test
  void zeroBitsCountsFromTheFirstByte() {
    // SHA-256("abc") = ba7816bf...: no zero bit first
    assertThat(LoginChallenge.zeroBits("abc")).isZero();
  }
}
