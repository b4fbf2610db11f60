package com.stepup.gateway.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a keyset list stopped: the creation time and id of the last item answered, in a list
 * ordered newest first by {@code (created_at desc, id desc)}, an order with no ties, so the next
 * page starts exactly after it whatever was created meanwhile. On the wire it is opaque (base64url
 * of a versioned text) and carries a fingerprint of the filters it was given for: a cursor reused
 * with other filters, or one no list gave, is a 400 rather than a silently wrong page. It is not
 * signed: it only ever narrows the caller's own list.
 *
 * @param createdAt the last item's creation time, as the database holds it (a value read back from
 *     the row, not the one the application wrote: the column keeps microseconds)
 * @param id the last item's id
 */
public record ListCursor(Instant createdAt, String id) {

  private static final String VERSION = "1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Longer than any cursor this gateway writes: a longer one is refused before it is decoded. */
  static final int MAX_LENGTH = 512;

  public ListCursor {
    if (createdAt == null || id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a cursor needs a creation time and an id");
    }
  }

  /** The cursor as the API hands it out, bound to {@code filters} (see {@link #decode}). */
  public String encode(String filters) {
    String text =
        String.join(
            "|",
            VERSION,
            Long.toString(createdAt.getEpochSecond()),
            Integer.toString(createdAt.getNano()),
            fingerprint(filters),
            id);
    text = text + "|" + digest(text, 6);
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor a list gave for {@code filters}, read back; a 400 problem naming {@code param} when
   * the text is not such a cursor, or when it was given for other filters.
   *
   * @param filters the request's filters in one canonical text (the same filters make the same
   *     text): what the cursor's fingerprint is checked against
   */
  public static ListCursor decode(String text, String filters, String param) {
    String[] parts = parts(text);
    if (parts == null) {
      throw ApiProblem.invalid(
          param, "is not a cursor this list gave: pass the next value of an answer as it is");
    }
    if (!parts[3].equals(fingerprint(filters))) {
      throw ApiProblem.invalid(
          param,
          "was given for other filters: repeat the filters of the first page with it, or start"
              + " again without "
              + param);
    }
    try {
      int nano = Integer.parseInt(parts[2]);
      if (nano < 0 || nano > 999_999_999) {
        throw new IllegalArgumentException("not a nanosecond of a second");
      }
      return new ListCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), nano), parts[4]);
    } catch (RuntimeException e) { // a number out of range, a nano beyond a second, no id
      throw ApiProblem.invalid(
          param, "is not a cursor this list gave: pass the next value of an answer as it is");
    }
  }

  /** The five parts of a cursor of this version, or null when the text is not one. */
  private static String[] parts(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(DECODER.decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int check = decoded.lastIndexOf('|');
    if (check < 0 || !decoded.substring(check + 1).equals(digest(decoded.substring(0, check), 6))) {
      return null;
    }
    String[] parts = decoded.substring(0, check).split("\\|", 5);
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      return null;
    }
    for (int i = 1; i <= 2; i++) {
      if (parts[i].isEmpty()
          || !parts[i].chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
        return null;
      }
    }
    return parts;
  }

  /** A short digest of the filters' text: enough to tell one set of filters from another. */
  static String fingerprint(String filters) {
    return digest(filters == null ? "" : filters, 9);
  }

  /** The first {@code bytes} of the text's SHA-256, base64url. */
  static String digest(String text, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(Arrays.copyOf(digest, bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
