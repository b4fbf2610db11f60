package com.stepup.gateway.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 {@code POST} to the very address {@link DeliveryTargets} checked: no second name
 * lookup between the check and the connection. TLS still verifies the certificate against the URL's
 * host name (and sends it as SNI). Only the status line is read; the rest of the answer is dropped
 * with the connection. The whole exchange has one deadline, however slowly the other side answers.
 */
final class PinnedPost {

  private PinnedPost() {}

  static int send(
      DeliveryTargets.Target target,
      Map<String, String> headers,
      byte[] body,
      Duration timeout,
      SSLSocketFactory tls)
      throws IOException {
    var uri = target.uri();
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket raw = new Socket()) {
      raw.connect(
          new InetSocketAddress(target.address(), port), (int) Math.min(5000, remaining(deadline)));
      Socket socket = raw;
      if (https) {
        String host = DeliveryTargets.host(uri);
        SSLSocket ssl = (SSLSocket) tls.createSocket(raw, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        raw.setSoTimeout(remaining(deadline));
        ssl.startHandshake();
        socket = ssl;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      StringBuilder head = new StringBuilder();
      head.append("POST ")
          .append(path)
          .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
          .append(" HTTP/1.1\r\nHost: ")
          .append(uri.getHost())
          .append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
          .append("\r\nContent-Length: ")
          .append(body.length)
          .append("\r\nConnection: close\r\n");
      headers.forEach(
          (name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
              throw new IllegalArgumentException("a header value on two lines");
            }
            head.append(name).append(": ").append(value).append("\r\n");
          });
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return status(socket, deadline);
    }
  }

  /** The status code of the answer's first line, read within the deadline. */
  private static int status(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    while (line.length() < 1024) {
      socket.setSoTimeout(remaining(deadline));
      int c = in.read();
      if (c < 0 || c == '\n') {
        break;
      }
      line.append((char) c);
    }
    String[] parts = line.toString().trim().split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP answer");
    }
    return Integer.parseInt(parts[1]);
  }

  private static int remaining(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("deadline");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }
}
