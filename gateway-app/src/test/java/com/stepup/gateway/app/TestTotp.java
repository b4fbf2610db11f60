package com.stepup.gateway.app;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** What an authenticator app does: RFC 6238 codes (java-otp) from a Base32 secret. */
final class TestTotp {

  private static final TimeBasedOneTimePasswordGenerator TOTP =
      new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

  private TestTotp() {}

  /** The current time step. */
  static long step() {
    return Instant.now().getEpochSecond() / 30;
  }

  /** The code of a time step. */
  static String code(String base32Secret, long step) {
    try {
      int otp =
          TOTP.generateOneTimePassword(
              new SecretKeySpec(unbase32(base32Secret), TOTP.getAlgorithm()),
              Instant.ofEpochSecond(step * 30));
      return String.format(Locale.ROOT, "%06d", otp);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static byte[] unbase32(String text) {
    String s = text.replace("=", "").toUpperCase(Locale.ROOT);
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : s.toCharArray()) {
      int v = c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26;
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
