package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stepup.gateway.klarna.KlarnaException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 33: a supersede's {@code DELETE} timed out and the client sent it again 1.6 s later, after
 * the shopper had completed, and the approved sale was canceled. The client sends a cancel once and
 * never repeats it on its own (it carries no key; the caller reads again before any retry), while
 * its other calls are retried as before. Over a loopback server, through the client's own pooled
 * connections, with the production's three attempts.
 */
class KlarnaCancelOnceTest {

  private HttpServer server;
  private final AtomicInteger deletes = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();

  /** What the server does with the n-th DELETE (1-based): a status to answer, or -1 to hang. */
  private volatile java.util.function.IntUnaryOperator onDelete = n -> 200;

  private volatile int getStatus = 200;

  private KlarnaConnections http;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          int status;
          if ("DELETE".equals(exchange.getRequestMethod())) {
            status = onDelete.applyAsInt(deletes.incrementAndGet());
          } else {
            gets.incrementAndGet();
            status = getStatus;
          }
          if (status < 0) {
            sleep(1500); // beyond the client's read time-out
            status = 200;
          }
          byte[] body =
              (status == 200
                      ? "{\"payment_request_id\":\"krn:pr:1\",\"state\":\"CANCELED\"}"
                      : "{\"error_code\":\"TECHNICAL_ERROR\",\"error_message\":\"boom\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
          } catch (java.io.IOException clientGone) {
            // the client timed out and left
          } finally {
            exchange.close();
          }
        });
    server.start();
    http =
        new KlarnaConnections(
            new KlarnaConnections.Settings(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "key",
                KlarnaIntegrationMetadata.header("test"),
                null,
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                4,
                Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    http.close();
    server.stop(0);
  }

  /** The client as production builds it: three attempts, a short backoff. */
  private KlarnaPaymentsClient client() {
    KlarnaHttp over = KlarnaHttp.over(overHttp());
    over.attempts = 3;
    over.backoffMs = 10;
    KlarnaPaymentsClient client = new KlarnaPaymentsClient();
    client.http = over;
    return client;
  }

  @Test
  void aCancelThatTimesOutIsSentOnceAndNeverRepeatedByTheClient() {
    onDelete = n -> n == 1 ? -1 : 200;

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client().cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    sleep(1700); // anything the client would still send has arrived by now
    assertThat(deletes.get()).as("one DELETE reached Klarna").isEqualTo(1);
  }

  @Test
  void aCancelAnswered500IsSentOnceWhileAReadAnswered500IsRetried() {
    onDelete = n -> 500;
    getStatus = 500;
    KlarnaPaymentsClient client = client();

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));
    assertThat(e.status()).isEqualTo(500);
    assertThat(deletes.get()).as("one DELETE reached Klarna").isEqualTo(1);

    catchThrowableOfType(KlarnaException.class, () -> client.read("acc-1", "krn:pr:1"));
    assertThat(gets.get()).as("a read is safe to repeat: three attempts").isEqualTo(3);
  }

  /** {@link KlarnaApi} over the loopback server, as production makes it. */
  private KlarnaApi overHttp() {
    return new KlarnaEndpoints(http);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
