package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.ClusterSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

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

  @Test
  void threeWrongPasswordsAreFreeThenDelayedThenRefusedLongerEachTime() {
    Moving clock = new Moving();
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
      assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
    }
    for (int delay : new int[] {1, 2, 4, 8}) {
      assertThat(throttle.failed("admin", "10.0.0.1"))
          .as("said when the delays start")
          .isEqualTo(delay == 1);
      assertThat(throttle.wait("Admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(delay));
      assertThat(throttle.challenged("admin", "10.0.0.1")).isEqualTo(delay == 8);
      clock.now = clock.now.plusSeconds(delay);
      assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
    }
    assertThat(throttle.challenged("admin", "10.0.0.1")).as("past the delays").isTrue();
    for (int i = 0; i < LoginThrottle.CHALLENGED; i++) {
      assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
      assertThat(throttle.challenged("admin", "10.0.0.1"))
          .as("a puzzle with each try before any refusal")
          .isTrue();
      assertThat(throttle.wait("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
      clock.now = clock.now.plusSeconds(8);
    }
    assertThat(throttle.failed("admin", "10.0.0.1")).as("now refused").isTrue();
    assertThat(throttle.wait("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
    assertThat(throttle.challenged("admin", "10.0.0.1")).as("and a puzzle after").isTrue();
    clock.now = clock.now.plusSeconds(30);
    throttle.failed("admin", "10.0.0.1");
    assertThat(throttle.wait("admin", "10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void wrongPasswordsFromOneAddressDoNotLockTheAccountAtAnother() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < 40; i++) {
      throttle.failed("admin", "203.0.113.9");
    }
    assertThat(throttle.locked("admin", "203.0.113.9")).isTrue();
    assertThat(throttle.locked("admin", "198.51.100.20")).as("the user, elsewhere").isFalse();
  }

  @Test
  void oneAddressGuessingManyAccountsIsHeldToo() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < 51; i++) {
      throttle.failed("user" + i, "203.0.113.9");
    }
    assertThat(throttle.locked("someone-else", "203.0.113.9")).isTrue();
    assertThat(throttle.locked("someone-else", "203.0.113.10")).isFalse();
  }

  @Test
  void theRightPasswordClearsThePair() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < 3; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    throttle.succeeded("admin", "10.0.0.1");
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.failed("admin", "10.0.0.1")).isFalse();
      assertThat(throttle.locked("admin", "10.0.0.1")).isFalse();
    }
  }

  @Test
  void aBurstOfGuessesForOnePairIsCheckedOneAtATime() {
    LoginThrottle throttle = new LoginThrottle(new Moving());
    assertThat(throttle.enter("admin", "10.0.0.9")).isTrue();
    // sent at the same moment: refused without a hash while the first is being checked
    assertThat(throttle.enter("admin", "10.0.0.9")).isFalse();
    assertThat(throttle.enter("Admin ", "10.0.0.9")).isFalse();
    // the user elsewhere is not held
    assertThat(throttle.enter("admin", "10.0.0.10")).isTrue();
    throttle.leave("admin", "10.0.0.9");
    assertThat(throttle.enter("admin", "10.0.0.9")).isTrue();
  }

  @Test
  void anIpv6ClientIsOneClientAcrossItsOwnSlash64() {
    assertThat(LoginThrottle.group("2001:db8:1:2:aaaa::1"))
        .isEqualTo(LoginThrottle.group("2001:db8:1:2:bbbb::7"))
        .isEqualTo("20010db800010002::/64");
    assertThat(LoginThrottle.group("2001:db8:1:3::1"))
        .isNotEqualTo(LoginThrottle.group("2001:db8:1:2::1"));
    assertThat(LoginThrottle.group("10.0.0.1")).isEqualTo("10.0.0.1");
    LoginThrottle throttle = new LoginThrottle(new Moving());
    for (int i = 0; i < LoginThrottle.FREE + 1; i++) {
      throttle.failed("admin", "2001:db8:1:2::" + Integer.toHexString(i + 1));
    }
    assertThat(throttle.locked("admin", "2001:db8:1:2::ffff")).isTrue();
    assertThat(throttle.locked("admin", "2001:db8:9:9::1")).isFalse();
  }

  /** Signals between two throttles, as PostgreSQL NOTIFY carries them between instances. */
  static final class Wire implements ClusterSignals {
    final List<Wire> others = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    Consumer<String> listener;

    @Override
    public void publish(String topic, String message) {
      sent.add(message);
      others.forEach(o -> o.listener.accept(message));
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
      this.listener = listener;
    }

    @Override
    public boolean crossInstance() {
      return true;
    }
  }

  @Test
  void instancesShareTheCountsSoSpreadingTriesGainsNothing() {
    Moving clock = new Moving();
    Wire wireA = new Wire();
    Wire wireB = new Wire();
    wireA.others.add(wireB);
    wireB.others.add(wireA);
    LoginThrottle a = new LoginThrottle(clock);
    LoginThrottle b = new LoginThrottle(clock);
    a.share(wireA);
    b.share(wireB);
    // a guesser alternates between the instances behind the balancer
    for (int i = 0; i < LoginThrottle.FREE; i++) {
      (i % 2 == 0 ? a : b).failed("admin", "203.0.113.7");
    }
    assertThat(b.failed("admin", "203.0.113.7")).as("the fourth, wherever it lands").isTrue();
    assertThat(a.wait("admin", "203.0.113.7")).isEqualTo(Duration.ofSeconds(1));
    assertThat(a.locked("admin", "198.51.100.1")).as("the user elsewhere").isFalse();
    // what travels names neither the user nor the address
    assertThat(String.join(" ", wireA.sent) + String.join(" ", wireB.sent))
        .doesNotContain("admin")
        .doesNotContain("203.0.113.7");
    // the right password on one instance clears the pair on both
    a.succeeded("admin", "203.0.113.7");
    assertThat(b.locked("admin", "203.0.113.7")).isFalse();
    assertThat(b.failed("admin", "203.0.113.7")).as("free again").isFalse();
    b.heard("not a signal");
    b.heard("x|1|2|3");
  }
}
