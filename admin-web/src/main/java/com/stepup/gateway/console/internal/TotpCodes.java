package com.stepup.gateway.console.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.stepup.gateway.platform.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, the authenticator
 * apps' defaults) with {@code com.eatthepath:java-otp}, and recovery codes. A code is accepted for
 * the current step and one step either side (clock drift), and only for a step later than the last
 * one accepted: a code works once, and so does any earlier one.
 */
final class TotpCodes {

  static final Duration STEP = Duration.ofSeconds(30);
  static final int DIGITS = 6;
  private static final int DRIFT_STEPS = 1;
  private static final int SECRET_BYTES = 20;
  static final int RECOVERY_CODES = 10;
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final TimeBasedOneTimePasswordGenerator generator =
      new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);

  TotpCodes(Clock clock) {
    this.clock = clock;
  }

  /** A new random secret, Base32 (as authenticator apps take it). */
  static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return base32(bytes);
  }

  /** The {@code otpauth://} URI an authenticator app reads from the enrolment QR code. */
  static String uri(String issuer, String account, String secret) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret
        + "&issuer="
        + enc(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP.toSeconds();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The time step of an instant. */
  static long step(Instant when) {
    return Math.floorDiv(when.getEpochSecond(), STEP.toSeconds());
  }

  /** The code for a step (tests and the enrolment check). */
  String code(String secret, long step) {
    try {
      int otp =
          generator.generateOneTimePassword(
              new SecretKeySpec(unbase32(secret), generator.getAlgorithm()),
              Instant.ofEpochSecond(step * STEP.toSeconds()));
      return String.format(Locale.ROOT, "%0" + DIGITS + "d", otp);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not a usable TOTP secret", e);
    }
  }

  /** Whether the text has the form of a one-time code (as opposed to a recovery code). */
  static boolean looksLikeCode(String text) {
    return text != null && text.strip().matches("[0-9]{" + DIGITS + "}");
  }

  /**
   * The step the code belongs to when it is right for now (give or take a step) and later than
   * {@code lastStep}; empty otherwise (wrong, too old, or already used).
   */
  OptionalLong accept(String secret, String code, long lastStep) {
    if (secret == null || !looksLikeCode(code)) {
      return OptionalLong.empty();
    }
    String given = code.strip();
    long now = step(clock.instant());
    for (long s = now - DRIFT_STEPS; s <= now + DRIFT_STEPS; s++) {
      if (s > lastStep
          && MessageDigest.isEqual(
              code(secret, s).getBytes(StandardCharsets.US_ASCII),
              given.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(s);
      }
    }
    return OptionalLong.empty();
  }

  /** New recovery codes, shown once: ten of {@code xxxxx-xxxxx} (50 random bits each). */
  static List<String> newRecoveryCodes() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] bytes = new byte[7];
      RANDOM.nextBytes(bytes);
      String c = base32(bytes).substring(0, 10).toLowerCase(Locale.ROOT);
      codes.add(c.substring(0, 5) + "-" + c.substring(5));
    }
    return codes;
  }

  /** How a recovery code is stored: SHA-256 of its letters, without dashes or spaces or case. */
  static String hashRecovery(String code) {
    return Ids.sha256(normalRecovery(code));
  }

  private static String normalRecovery(String code) {
    return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
  }

  /** The stored hash the recovery code matches, if any. */
  static Optional<String> matchRecovery(List<String> hashes, String code) {
    if (normalRecovery(code).length() != 10) {
      return Optional.empty();
    }
    String hash = hashRecovery(code);
    return hashes.stream()
        .filter(
            h ->
                MessageDigest.isEqual(
                    h.getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII)))
        .findFirst();
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  static byte[] unbase32(String text) {
    String s = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : s.toCharArray()) {
      int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (v < 0) {
        throw new IllegalArgumentException("not Base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
