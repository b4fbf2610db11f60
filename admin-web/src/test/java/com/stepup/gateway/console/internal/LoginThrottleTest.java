package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void fiveWrongPasswordsAreFreeThenTheAccountWaitsLongerEachTime() {
    Moving clock = new Moving();
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
      assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
    }
    assertThat(throttle.failed("admin", "10.0.0.1")).as("the sixth locks").isTrue();
    assertThat(throttle.locked("Admin", "10.0.0.2")).as("the account, from anywhere").isTrue();
    clock.now = clock.now.plusSeconds(31);
    assertThat(throttle.locked("admin", "10.0.0.2")).isFalse();
    throttle.failed("admin", "10.0.0.2");
    clock.now = clock.now.plusSeconds(31);
    assertThat(throttle.locked("admin", "10.0.0.2")).as("a minute now").isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(throttle.locked("admin", "10.0.0.2")).isFalse();
  }

  @Test
  void oneAddressGuessingManyAccountsIsHeldToo() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < 21; i++) {
      throttle.failed("user" + i, "203.0.113.9");
    }
    assertThat(throttle.locked("someone-else", "203.0.113.9")).isTrue();
    assertThat(throttle.locked("someone-else", "203.0.113.10")).isFalse();
  }

  @Test
  void theRightPasswordClearsTheAccount() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < 4; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    throttle.succeeded("admin");
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.failed("admin", "10.0.0.3")).isFalse();
    }
  }
}
