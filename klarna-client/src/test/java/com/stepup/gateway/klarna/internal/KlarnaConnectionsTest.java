package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.internal.LoopbackKlarna.Reply;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of kept-alive connections, against a plain HTTP/1.1 server on 127.0.0.1 ({@link
 * LoopbackKlarna}) that counts the connections it accepts and the requests it reads: calls share a
 * connection, the pool is bounded, and a request on a kept-alive connection that the server closes
 * is never sent again by the client on its own.
 */
class KlarnaConnectionsTest {

  private LoopbackKlarna klarna;

  @BeforeEach
  void start() throws IOException {
    klarna = new LoopbackKlarna();
  }

  @AfterEach
  void stop() throws IOException {
    klarna.close();
  }

  @Test
  void callsOneAfterAnotherShareOneKeptAliveConnection() {
    KlarnaPaymentsClient client = LoopbackKlarna.payments(klarna.wire(4, Duration.ofSeconds(5)));

    for (int i = 0; i < 5; i++) {
      assertThat(client.read("acc-1", "krn:pr:1").state()).isNotNull();
    }

    assertThat(klarna.requests).hasSize(5);
    assertThat(klarna.connections.get()).as("connections opened").isEqualTo(1);
  }

  @Test
  void everyCallCarriesTheKeyAndTheIntegrationMetadataAndNoEmptyHeader() {
    KlarnaConnections wire = klarna.wire(4, Duration.ofSeconds(5));

    wire.send(
        "POST",
        "v2/accounts/acc-1/payment/authorize",
        Map.of("Klarna-Idempotency-Key", "k-1", "Klarna-Payment-Token", ""),
        KlarnaConnections.Body.json(JsonValue.EMPTY_JSON_OBJECT));

    String request = klarna.requests.get(0);
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
    klarna.script = (method, nth) -> method.equals("DELETE") ? Reply.none() : Reply.ok();
    KlarnaPaymentsClient client = LoopbackKlarna.payments(klarna.wire(4, Duration.ofSeconds(5)));
    client.read("acc-1", "krn:pr:1");

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    Thread.sleep(500); // anything the client would still send has arrived by now
    assertThat(klarna.methods()).containsExactly("GET", "DELETE");
    assertThat(klarna.connections.get()).as("no second connection for a resend").isEqualTo(1);
  }

  @Test
  void aCancelThatTimesOutIsSentOnce() throws Exception {
    klarna.script = (method, nth) -> Reply.ok().after(1500); // beyond the read time-out
    KlarnaPaymentsClient client = LoopbackKlarna.payments(klarna.wire(4, Duration.ofMillis(300)));

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    Thread.sleep(1700);
    assertThat(klarna.methods()).containsExactly("DELETE");
  }

  @Test
  void theConnectionsAreBoundedAndACallWaitsForAFreeOne() throws Exception {
    klarna.script = (method, nth) -> Reply.ok().after(200);
    KlarnaPaymentsClient client = LoopbackKlarna.payments(klarna.wire(2, Duration.ofSeconds(5)));
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

    assertThat(klarna.requests).hasSize(6);
    assertThat(klarna.connections.get()).as("connections opened").isEqualTo(2);
    assertThat(klarna.mostOpenAtOnce.get()).isEqualTo(2);
  }
}
