package com.stepup.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) read into its named parts: enough for Klarna's
 * attachment upload, with no multipart library between the sandbox and the bytes it checks.
 */
final class Multipart {

  /** One part: its {@code filename} (null for a plain field) and its bytes. */
  record Part(String name, String filename, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /** The boundary of a {@code multipart/form-data} content type, or null. */
  static String boundary(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1
            ? b.substring(1, b.length() - 1)
            : b;
      }
    }
    return null;
  }

  /** The parts by name (the first of a repeated name); malformed: IllegalArgumentException. */
  static Map<String, Part> parse(byte[] body, String boundary) {
    if (boundary == null || boundary.isEmpty()) {
      throw new IllegalArgumentException("no boundary");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw new IllegalArgumentException("no first boundary");
    }
    while (true) {
      int after = at + delimiter.length;
      if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts; // the closing delimiter
      }
      int headersStart = skipLineEnd(body, after);
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("a part without headers");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw new IllegalArgumentException("a part without its closing boundary");
      }
      String name = null;
      String filename = null;
      String type = null;
      for (String line : headers.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          name = param(line, "name");
          filename = param(line, "filename");
        } else if (lower.startsWith("content-type:")) {
          type = line.substring("content-type:".length()).strip();
        }
      }
      byte[] content = Arrays.copyOfRange(body, contentStart, contentEnd);
      if (name != null) {
        parts.putIfAbsent(name, new Part(name, filename, type, content));
      }
      at = contentEnd + 2;
    }
  }

  private static String param(String header, String name) {
    for (String piece : header.split(";")) {
      String p = piece.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
        String v = p.substring(name.length() + 1).strip();
        return v.startsWith("\"") && v.endsWith("\"") && v.length() > 1
            ? v.substring(1, v.length() - 1)
            : v;
      }
    }
    return null;
  }

  private static int skipLineEnd(byte[] body, int at) {
    if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
      return at + 2;
    }
    throw new IllegalArgumentException("a boundary not followed by a line end");
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
