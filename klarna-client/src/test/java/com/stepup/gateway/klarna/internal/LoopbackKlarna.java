package com.stepup.gateway.klarna.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Klarna on 127.0.0.1 for the client's tests: a plain HTTP/1.1 server that keeps connections alive,
 * counts the connections it accepts and records the requests it reads, and answers each as its
 * {@link #script} says (a status and body, late, or not at all). The client under test is built
 * over it as production builds it: {@link #wire} for the pooled connections, {@link #payments} and
 * {@link #notifications} with the production's three attempts.
 */
final class LoopbackKlarna implements AutoCloseable {

  static final String OK = "{\"payment_request_id\":\"krn:pr:1\",\"state\":\"CANCELED\"}";
  static final String BOOM = "{\"error_code\":\"TECHNICAL_ERROR\",\"error_message\":\"boom\"}";

  /**
   * One answer: a status, its Content-Type and body (null: no body at all), written after {@code
   * delayMs}; or, when {@code drop}, the connection closed without an answer.
   */
  record Reply(int status, String contentType, String body, long delayMs, boolean drop) {

    static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body, 0, false);
    }

    static Reply json(int status, String body) {
      return of(status, "application/json", body);
    }

    static Reply ok() {
      return json(200, OK);
    }

    static Reply none() {
      return new Reply(0, null, null, 0, true);
    }

    Reply after(long ms) {
      return new Reply(status, contentType, body, ms, drop);
    }
  }

  /** What to answer the {@code nth} request (1-based, over all connections) of {@code method}. */
  interface Script {
    Reply reply(String method, int nth);
  }

  volatile Script script = (method, nth) -> Reply.ok();

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger mostOpenAtOnce = new AtomicInteger();

  /** The head of each request read, in order. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  private final AtomicInteger open = new AtomicInteger();
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private KlarnaConnections wire;

  LoopbackKlarna() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(
        () -> {
          while (!server.isClosed()) {
            Socket s;
            try {
              s = server.accept();
              s.setTcpNoDelay(true);
            } catch (IOException closed) {
              return;
            }
            connections.incrementAndGet();
            mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
            threads.submit(() -> serve(s));
          }
        });
  }

  /** The client's pooled connections to this server (closed with it). */
  KlarnaConnections wire(int maxConnections, Duration readTimeout) {
    wire =
        new KlarnaConnections(
            new KlarnaConnections.Settings(
                "http://127.0.0.1:" + server.getLocalPort(),
                "key",
                KlarnaIntegrationMetadata.header("test"),
                null,
                Duration.ofSeconds(2),
                readTimeout,
                maxConnections,
                Duration.ofSeconds(30)));
    return wire;
  }

  /** {@link KlarnaHttp} over {@code wire} as production makes it: three attempts, short backoff. */
  static KlarnaHttp http(KlarnaConnections wire) {
    KlarnaHttp http = KlarnaHttp.over(new KlarnaEndpoints(wire));
    http.attempts = 3;
    http.backoffMs = 10;
    return http;
  }

  static KlarnaPaymentsClient payments(KlarnaConnections wire) {
    KlarnaPaymentsClient client = new KlarnaPaymentsClient();
    client.http = http(wire);
    return client;
  }

  static KlarnaNotificationsClient notifications(KlarnaConnections wire) {
    KlarnaNotificationsClient client = new KlarnaNotificationsClient();
    client.http = http(wire);
    return client;
  }

  /** The method of each request read, in order. */
  List<String> methods() {
    return requests.stream().map(r -> r.substring(0, r.indexOf(' '))).toList();
  }

  long count(String method) {
    return methods().stream().filter(method::equals).count();
  }

  @Override
  public void close() throws IOException {
    if (wire != null) {
      wire.close();
    }
    server.close();
    threads.shutdownNow();
  }

  /** Reads requests off one connection and answers each, keeping it open, until told to drop. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = head(in);
        if (head == null) {
          return;
        }
        in.readNBytes(contentLength(head));
        String method = head.substring(0, head.indexOf(' '));
        int nth;
        synchronized (requests) {
          requests.add(head);
          nth = (int) count(method);
        }
        Reply reply = script.reply(method, nth);
        if (reply.drop()) {
          return; // closed without an answer
        }
        if (reply.delayMs() > 0) {
          Thread.sleep(reply.delayMs());
        }
        out.write(answer(reply)); // one write: no wait for a delayed ACK
        out.flush();
      }
    } catch (IOException | InterruptedException gone) {
      // the client left
    } finally {
      open.decrementAndGet();
    }
  }

  private static byte[] answer(Reply reply) {
    StringBuilder a = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" Answer\r\n");
    byte[] body =
        reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.status() != 204 && reply.status() != 304) {
      if (reply.contentType() != null && reply.body() != null) {
        a.append("Content-Type: ").append(reply.contentType()).append("\r\n");
      }
      a.append("Content-Length: ").append(body.length).append("\r\n");
    }
    a.append("\r\n");
    byte[] headBytes = a.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).strip());
      }
    }
    return 0;
  }
}
