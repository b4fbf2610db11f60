package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down, per account and per client address: after {@link #FREE} wrong
 * passwords in a row, each further try has to wait, twice as long each time (30 s, 1 min, 2 min, up
 * to 15 min). While a key waits, a try is refused without checking the password at all, so guessing
 * neither succeeds nor costs the server a password hash. A right password clears the account's
 * count. Counts live in this gateway's memory (per instance) and fade after a quiet day.
 */
@ApplicationScoped
class LoginThrottle {

  static final int FREE = 5;

  /** One address may get more wrong (an office behind one address), but not endlessly. */
  static final int FREE_PER_ADDRESS = 20;

  static final Duration FIRST_WAIT = Duration.ofSeconds(30);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(24);

  private record Failures(int count, Instant lastAt, Instant lockedUntil) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private Clock clock = Clock.systemUTC();

  LoginThrottle() {}

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Whether a try for {@code username} from {@code address} must wait now. */
  boolean locked(String username, String address) {
    Instant now = clock.instant();
    return lockedNow("user:" + normal(username), now) || lockedNow("ip:" + address, now);
  }

  /**
   * Records a wrong password; answers true when this failure starts (or extends) a lock of the
   * account, which is worth an audit entry.
   */
  boolean failed(String username, String address) {
    boolean account = fail("user:" + normal(username), FREE);
    fail("ip:" + address, FREE_PER_ADDRESS);
    return account;
  }

  void succeeded(String username) {
    failures.remove("user:" + normal(username));
  }

  private boolean lockedNow(String key, Instant now) {
    Failures f = failures.get(key);
    return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil());
  }

  private boolean fail(String key, int free) {
    Instant now = clock.instant();
    Failures f =
        failures.compute(
            key,
            (k, old) -> {
              int count =
                  old == null || old.lastAt().plus(FORGET_AFTER).isBefore(now)
                      ? 1
                      : old.count() + 1;
              Instant lockedUntil = null;
              if (count > free) {
                Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, count - free - 1));
                lockedUntil = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
              }
              return new Failures(count, now, lockedUntil);
            });
    if (failures.size() > 100_000) {
      failures.values().removeIf(x -> x.lastAt().plus(FORGET_AFTER).isBefore(now));
    }
    return f.lockedUntil() != null;
  }

  private static String normal(String username) {
    return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
  }
}
