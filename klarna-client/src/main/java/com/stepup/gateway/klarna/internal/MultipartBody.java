package com.stepup.gateway.klarna.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for Klarna's attachment upload: the file and,
 * optionally, its {@code filename} field. The body opens with its boundary, which {@link
 * KlarnaEndpoints} reads back into the Content-Type.
 */
final class MultipartBody {

  private MultipartBody() {}

  static byte[] file(String filename, String contentType, byte[] content) {
    String boundary = "stepup-" + UUID.randomUUID();
    String safeName = filename.replaceAll("[\"\\r\\n\\\\]", "_");
    var out = new ByteArrayOutputStream(content.length + 512);
    write(out, "--" + boundary + "\r\n");
    write(out, "Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n");
    write(out, "Content-Type: " + contentType + "\r\n\r\n");
    out.writeBytes(content);
    write(out, "\r\n--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  /** The boundary a body made here opens with, or null. */
  static String boundaryOf(byte[] body) {
    if (body.length < 3 || body[0] != '-' || body[1] != '-') {
      return null;
    }
    for (int i = 2; i < Math.min(body.length - 1, 200); i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return new String(body, 2, i - 2, StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
