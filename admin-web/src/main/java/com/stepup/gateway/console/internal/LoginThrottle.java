package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ClusterSignals;
import com.stepup.gateway.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down without letting anyone lock a user out. Wrong passwords are counted
 * per (account, client address): the client's address, read from {@code X-Forwarded-For} only
 * behind a trusted proxy. A guesser therefore slows down only itself: the same account from another
 * address is not held at all.
 *
 * <p>Each pair goes through four steps. The first {@link #FREE} wrong passwords are free. The next
 * {@link #DELAYED} are delayed: the pair must wait a few seconds (1, 2, 4, 8 s) before its next
 * try, too little to bother a person who mistyped, enough to make guessing slow. The next {@link
 * #CHALLENGED} are challenged: each try, 8 s after the last, must also bring a solved puzzle
 * ({@link LoginChallenge}, which a browser solves in a second or two and a guesser pays for every
 * guess). Only after that is the pair refused for 30 s, twice as long each time, up to 15 min. One
 * address may also get more wrong across accounts ({@link #FREE_PER_ADDRESS}, password spraying),
 * but not endlessly. While a pair or address waits, a try is refused without checking the password,
 * so guessing neither succeeds nor costs the server a password hash. A right password clears the
 * pair. Counts fade after a quiet day.
 *
 * <p>Counts hold across the instances of a cluster: each change of a count is told to the others
 * ({@link ClusterSignals}, PostgreSQL NOTIFY), which keep the larger count and the later wait, so a
 * guesser gains nothing by spreading tries over instances (beyond the few milliseconds a signal
 * takes). Keys travel and are kept as hashes, never as usernames or addresses.
 */
@ApplicationScoped
class LoginThrottle {

  static final int FREE = 3;

  /** Tries after the free ones that only wait a few seconds before the pair is refused. */
  static final int DELAYED = 4;

  /** Tries after the delayed ones that need a solved {@link LoginChallenge} as well. */
  static final int CHALLENGED = 10;

  /** One address may get more wrong (an office behind one address), but not endlessly. */
  static final int FREE_PER_ADDRESS = 50;

  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration FIRST_WAIT = Duration.ofSeconds(30);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(24);

  private record Failures(int count, Instant lastAt, Instant waitUntil, boolean worthSaying) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private Clock clock = Clock.systemUTC();
  private ClusterSignals signals;

  static final String TOPIC = "login-throttle";

  LoginThrottle() {}

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Shares the counts with the other instances: tells them each change, hears theirs. */
  @Inject
  void share(ClusterSignals signals) {
    this.signals = signals;
    signals.subscribe(TOPIC, this::heard);
  }

  /** Another instance's count for a key: the larger count and the later wait win. */
  void heard(String message) {
    String[] f = message.split("\\|");
    if (f.length != 4 || f[0].length() != 64) {
      return;
    }
    try {
      int count = Integer.parseInt(f[1]);
      if (count == 0) {
        failures.remove(f[0]);
        return;
      }
      Instant lastAt = Instant.ofEpochMilli(Long.parseLong(f[2]));
      long until = Long.parseLong(f[3]);
      Failures theirs =
          new Failures(count, lastAt, until == 0 ? null : Instant.ofEpochMilli(until), false);
      failures.merge(
          f[0],
          theirs,
          (mine, other) ->
              new Failures(
                  Math.max(mine.count(), other.count()),
                  later(mine.lastAt(), other.lastAt()),
                  later(mine.waitUntil(), other.waitUntil()),
                  false));
    } catch (NumberFormatException notOurs) {
      // a malformed signal is no count
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private void tell(String key, Failures f) {
    if (signals != null) {
      signals.publish(
          TOPIC,
          key
              + "|"
              + (f == null ? 0 : f.count())
              + "|"
              + (f == null ? 0 : f.lastAt().toEpochMilli())
              + "|"
              + (f == null || f.waitUntil() == null ? 0 : f.waitUntil().toEpochMilli()));
    }
  }

  /**
   * Whether a try for the pair must bring a solved {@link LoginChallenge}: past the delays, before
   * refusals.
   */
  boolean challenged(String username, String address) {
    Failures f = failures.get(pair(username, address));
    return f != null
        && f.count() >= FREE + DELAYED
        && !f.lastAt().plus(FORGET_AFTER).isBefore(clock.instant());
  }

  /** Whether a try for {@code username} from {@code address} must wait now. */
  boolean locked(String username, String address) {
    return !wait(username, address).isZero();
  }

  /** How long a try for {@code username} from {@code address} must still wait (zero: go on). */
  Duration wait(String username, String address) {
    Instant now = clock.instant();
    Duration pair = waitFor(pair(username, address), now);
    Duration ip = waitFor(byAddress(address), now);
    return pair.compareTo(ip) >= 0 ? pair : ip;
  }

  /**
   * Records a wrong password; answers true when this failure starts the pair's waiting, or has it
   * refused: worth an audit entry (the delays in between are not).
   */
  boolean failed(String username, String address) {
    boolean worthSaying = fail(pair(username, address), FREE, DELAYED);
    fail(byAddress(address), FREE_PER_ADDRESS, 0);
    return worthSaying;
  }

  void succeeded(String username, String address) {
    String key = pair(username, address);
    if (failures.remove(key) != null) {
      tell(key, null);
    }
  }

  /**
   * Starts a try for the pair; false while another of its tries is still being checked. Without
   * this, guesses sent at once all pass {@link #wait} before the first one's failure is counted.
   * Each successful call is followed by {@link #leave}.
   */
  boolean enter(String username, String address) {
    return inFlight.add(pair(username, address));
  }

  void leave(String username, String address) {
    inFlight.remove(pair(username, address));
  }

  private Duration waitFor(String key, Instant now) {
    Failures f = failures.get(key);
    return f == null || f.waitUntil() == null || !now.isBefore(f.waitUntil())
        ? Duration.ZERO
        : Duration.between(now, f.waitUntil());
  }

  private boolean fail(String key, int free, int delayed) {
    Instant now = clock.instant();
    Failures f =
        failures.compute(
            key,
            (k, old) -> {
              int count =
                  old == null || old.lastAt().plus(FORGET_AFTER).isBefore(now)
                      ? 1
                      : old.count() + 1;
              if (count <= free) {
                return new Failures(count, now, null, false);
              }
              int over = count - free;
              if (over <= delayed) {
                return new Failures(
                    count, now, now.plus(FIRST_DELAY.multipliedBy(1L << (over - 1))), over == 1);
              }
              int challenged = delayed == 0 ? 0 : CHALLENGED;
              if (over <= delayed + challenged) {
                // the last delay again, and a puzzle with each try (ConsoleAuthentication)
                return new Failures(
                    count, now, now.plus(FIRST_DELAY.multipliedBy(1L << (delayed - 1))), false);
              }
              Duration wait =
                  FIRST_WAIT.multipliedBy(1L << Math.min(10, over - delayed - challenged - 1));
              return new Failures(
                  count,
                  now,
                  now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait),
                  true);
            });
    tell(key, f);
    if (failures.size() > 100_000) {
      failures.values().removeIf(x -> x.lastAt().plus(FORGET_AFTER).isBefore(now));
    }
    return f.worthSaying();
  }

  /** A pair's key: a hash, so neither memory nor the signals to other instances hold names. */
  static String pair(String username, String address) {
    return Ids.sha256("pair:" + normal(username) + "|" + group(address));
  }

  private static String byAddress(String address) {
    return Ids.sha256("ip:" + group(address));
  }

  /**
   * The address as one client: an IPv6 address by its /64 (one host's own range, which it may
   * rotate through freely), an IPv4 address as it is.
   */
  static String group(String address) {
    if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.%\\[\\]]+")) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address.replaceAll("[\\[\\]]|%.*", "")).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private static String normal(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
