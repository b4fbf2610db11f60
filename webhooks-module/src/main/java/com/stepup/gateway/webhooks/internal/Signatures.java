package com.stepup.gateway.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes: Klarna's (lower-case hex HMAC-SHA256 of the raw body, keyed with the
 * signing key's text) and Standard Webhooks' for partners ({@code v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>}, keyed with the Base64 bytes after {@code whsec_}).
 */
final class Signatures {

  private Signatures() {}

  /**
   * One HMAC-SHA256 per thread, looked up from the providers once: {@code Mac.getInstance} walks
   * the security providers on every call, and a {@code Mac} is not thread-safe. Each signature
   * re-keys this thread's instance ({@code init} also resets it), so nothing of one key or body is
   * left for the next. It holds only JDK classes, so a pooled thread keeps no application class.
   */
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
          });

  static byte[] hmac(byte[] key, byte[]... parts) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** Klarna's {@code Klarna-Signature} for {@code body}. */
  static String klarna(String signingKey, byte[] body) {
    return HexFormat.of().formatHex(hmac(signingKey.getBytes(StandardCharsets.UTF_8), body));
  }

  /** Whether {@code header} is Klarna's signature of {@code body}; constant time in the content. */
  static boolean klarnaMatches(String signingKey, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.strip());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(signingKey.getBytes(StandardCharsets.UTF_8), body), given);
  }

  /** The {@code webhook-signature} header: one {@code v1,...} per secret, space-separated. */
  static String standard(List<String> secrets, String id, long timestamp, String body) {
    byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
    return secrets.stream()
        .map(s -> "v1," + Base64.getEncoder().encodeToString(hmac(secretBytes(s), signed)))
        .collect(Collectors.joining(" "));
  }

  static byte[] secretBytes(String secret) {
    return Base64.getDecoder()
        .decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
  }
}
