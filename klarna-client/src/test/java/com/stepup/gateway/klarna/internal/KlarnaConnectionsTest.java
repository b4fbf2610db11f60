package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stepup.gateway.klarna.KlarnaException;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of kept-alive connections, against a plain HTTP/1.1 server on 127.0.0.1 that counts the
 * connections it accepts and the requests it reads: calls share a connection, the pool is bounded,
 * and a request on a kept-alive connection that the server closes is never sent again by the client
 * on its own.
 */
class KlarnaConnectionsTest {

  private static final String OK = "{\"payment_request_id\":\"krn:pr:1\",\"state\":\"CANCELED\"}";

  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  /** Whether to drop the n-th request (1-based, over all connections) of a method unanswered. */
  private volatile BiPredicate<Integer, String> drop = (n, method) -> false;

  private volatile long answerAfterMs = 0;

  private KlarnaConnections wire;

  @BeforeEach
  void start() throws IOException {
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

  @AfterEach
  void stop() throws IOException {
    if (wire != null) {
      wire.close();
    }
    server.close();
    threads.shutdownNow();
  }

  private KlarnaConnections wire(int maxConnections, Duration readTimeout) {
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

  private KlarnaPaymentsClient payments(KlarnaConnections wire) {
    KlarnaHttp http = KlarnaHttp.over(new KlarnaEndpoints(wire));
    http.attempts = 3;
    http.backoffMs = 10;
    KlarnaPaymentsClient client = new KlarnaPaymentsClient();
    client.http = http;
    return client;
  }

  @Test
  void callsOneAfterAnotherShareOneKeptAliveConnection() {
    KlarnaPaymentsClient client = payments(wire(4, Duration.ofSeconds(5)));

    for (int i = 0; i < 5; i++) {
      assertThat(client.read("acc-1", "krn:pr:1").state()).isNotNull();
    }

    assertThat(requests).hasSize(5);
    assertThat(connections.get()).as("connections opened").isEqualTo(1);
  }

  @Test
  void everyCallCarriesTheKeyAndTheIntegrationMetadataAndNoEmptyHeader() {
    wire(4, Duration.ofSeconds(5));

    wire.send(
        "POST",
        "v2/accounts/acc-1/payment/authorize",
        Map.of("Klarna-Idempotency-Key", "k-1", "Klarna-Payment-Token", ""),
        KlarnaConnections.Body.json(JsonValue.EMPTY_JSON_OBJECT));

    String request = requests.get(0);
    assertThat(request).startsWith("POST /v2/accounts/acc-1/payment/authorize HTTP/1.1\r\n");
    String lower = request.toLowerCase(Locale.ROOT);
    assertThat(lower)
        .contains("\r\nauthorization: basic key\r\n")
        .contains("\r\nklarna-idempotency-key: k-1\r\n")
        .contains("\r\nklarna-integration-metadata: {\"integrator\":")
        .contains("\r\ncontent-type: application/json")
        .contains("\r\nuser-agent: stepup-gateway\r\n")
        .doesNotContain("klarna-payment-token");
  }

  @Test
  void aCancelOnAKeptAliveConnectionThatTheServerClosesIsSentOnce() throws Exception {
    // the read opens the connection and leaves it kept alive; the DELETE reaches the server on it,
    // which closes it without an answer (as a server that cancelled and then went away)
    drop = (n, method) -> method.equals("DELETE");
    KlarnaPaymentsClient client = payments(wire(4, Duration.ofSeconds(5)));
    client.read("acc-1", "krn:pr:1");

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    Thread.sleep(500); // anything the client would still send has arrived by now
    assertThat(methods()).containsExactly("GET", "DELETE");
    assertThat(connections.get()).as("no second connection for a resend").isEqualTo(1);
  }

  @Test
  void aCancelThatTimesOutIsSentOnce() throws Exception {
    answerAfterMs = 1500; // beyond the read time-out
    KlarnaPaymentsClient client = payments(wire(4, Duration.ofMillis(300)));

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    Thread.sleep(1700);
    assertThat(methods()).containsExactly("DELETE");
  }

  @Test
  void theConnectionsAreBoundedAndACallWaitsForAFreeOne() throws Exception {
    answerAfterMs = 200;
    KlarnaPaymentsClient client = payments(wire(2, Duration.ofSeconds(5)));
    ExecutorService callers = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(
          callers.submit(
              () -> {
                go.await();
                return client.read("acc-1", "krn:pr:1");
              }));
    }
    go.countDown();
    for (Future<?> call : calls) {
      call.get(10, TimeUnit.SECONDS);
    }
    callers.shutdown();

    assertThat(requests).hasSize(6);
    assertThat(connections.get()).as("connections opened").isEqualTo(2);
    assertThat(mostOpenAtOnce.get()).isEqualTo(2);
  }

  private List<String> methods() {
    return requests.stream().map(r -> r.substring(0, r.indexOf(' '))).toList();
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
        int length = contentLength(head);
        in.readNBytes(length);
        requests.add(head);
        String method = head.substring(0, head.indexOf(' '));
        if (drop.test(requests.size(), method)) {
          return; // closed without an answer
        }
        if (answerAfterMs > 0) {
          Thread.sleep(answerAfterMs);
        }
        byte[] body = OK.getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n"
                    + OK)
                .getBytes(StandardCharsets.UTF_8)); // one write: no wait for a delayed ACK
        out.flush();
      }
    } catch (IOException | InterruptedException gone) {
      // the client left
    } finally {
      open.decrementAndGet();
    }
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
