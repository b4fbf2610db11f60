package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The challenge between the delays and the refusals of {@link LoginThrottle}: a puzzle that costs a
 * browser a second or two and a guesser as much for every guess, so the person who mistyped a few
 * times more still gets in while guessing gets dear (a client puzzle, as in Hashcash). The puzzle
 * is a token; its answer is a number such that SHA-256 of {@code token ":" answer} starts with
 * {@link #BITS} zero bits. A token is bound to one (account, address) pair by an HMAC, lives {@link
 * #LIFETIME} and is taken once (per instance; a cluster's instances share the HMAC key through
 * {@code gateway.secrets.key}, so a puzzle from one is answered at another). The server keeps
 * nothing per puzzle until it is answered.
 */
final class LoginChallenge {

  /** Zero bits the answer's hash starts with: about 65,000 hashes, a second or two in a browser. */
  static final int BITS = 16;

  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final byte[] key;
  private final Clock clock;
  private final Map<String, Instant> taken = new ConcurrentHashMap<>();

  LoginChallenge(byte[] key, Clock clock) {
    this.key = key.clone();
    this.clock = clock;
  }

  /**
   * With the key derived from {@code gateway.secrets.key} (shared by a cluster's instances), or a
   * random one of this instance when none is configured (a single instance in development).
   */
  static LoginChallenge configured(Clock clock) {
    String secrets =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.secrets.key", String.class)
            .orElse(null);
    byte[] key =
        secrets == null || secrets.isBlank()
            ? Ids.bytes(32)
            : HexFormat.of().parseHex(Ids.sha256("login-challenge|" + secrets));
    return new LoginChallenge(key, clock);
  }

  /** A new puzzle for the pair ({@link LoginThrottle}'s key of account and address). */
  String issue(String pair) {
    long expires = clock.instant().plus(LIFETIME).toEpochMilli();
    String body = expires + "." + HexFormat.of().formatHex(Ids.bytes(12));
    return body + "." + mac(body + "|" + pair);
  }

  /**
   * Whether {@code answer} solves {@code token}, a puzzle issued for this pair, in time and not
   * answered before; a token is used up by its first right answer.
   */
  boolean solved(String pair, String token, String answer) {
    if (token == null || answer == null || token.length() > 120 || !answer.matches("\\d{1,19}")) {
      return false;
    }
    int dot = token.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    String body = token.substring(0, dot);
    if (!MessageDigest.isEqual(
        mac(body + "|" + pair).getBytes(StandardCharsets.US_ASCII),
        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    Instant expires;
    try {
      expires = Instant.ofEpochMilli(Long.parseLong(body.substring(0, body.indexOf('.'))));
    } catch (RuntimeException malformed) {
      return false;
    }
    Instant now = clock.instant();
    if (!now.isBefore(expires) || zeroBits(token + ":" + answer) < BITS) {
      return false;
    }
    if (taken.size() > 10_000) {
      taken.values().removeIf(e -> !now.isBefore(e));
    }
    return taken.putIfAbsent(token, expires) == null;
  }

  /** How many zero bits SHA-256 of {@code text} starts with. */
  static int zeroBits(String text) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    int bits = 0;
    for (byte b : hash) {
      if (b == 0) {
        bits += 8;
        continue;
      }
      return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
    }
    return bits;
  }

  /** An answer to {@code token} (what the console's page does in the browser; tests, scripts). */
  static long solve(String token) {
    for (long n = 0; ; n++) {
      if (zeroBits(token + ":" + n) >= BITS) {
        return n;
      }
    }
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
