package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.internal.LoopbackKlarna.Reply;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 33: a supersede's {@code DELETE} timed out and the client sent it again 1.6 s later, after
 * the shopper had completed, and the approved sale was canceled. The client sends a cancel once and
 * never repeats it on its own (it carries no key; the caller reads again before any retry), while
 * its other calls are retried as before. Over a loopback server ({@link LoopbackKlarna}), through
 * the client's own pooled connections, with the production's three attempts.
 */
class KlarnaCancelOnceTest {

  private LoopbackKlarna klarna;
  private KlarnaPaymentsClient client;

  @BeforeEach
  void start() throws IOException {
    klarna = new LoopbackKlarna();
    client = LoopbackKlarna.payments(klarna.wire(4, Duration.ofMillis(300)));
  }

  @AfterEach
  void stop() throws IOException {
    klarna.close();
  }

  @Test
  void aCancelThatTimesOutIsSentOnceAndNeverRepeatedByTheClient() {
    // the first DELETE is answered beyond the client's read time-out, any later one at once
    klarna.script =
        (method, nth) -> method.equals("DELETE") && nth == 1 ? Reply.ok().after(1500) : Reply.ok();

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));

    assertThat(e.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    sleep(1700); // anything the client would still send has arrived by now
    assertThat(klarna.count("DELETE")).as("one DELETE reached Klarna").isEqualTo(1);
  }

  @Test
  void aCancelAnswered500IsSentOnceWhileAReadAnswered500IsRetried() {
    klarna.script = (method, nth) -> Reply.json(500, LoopbackKlarna.BOOM);

    KlarnaException e =
        catchThrowableOfType(KlarnaException.class, () -> client.cancel("acc-1", "krn:pr:1"));
    assertThat(e.status()).isEqualTo(500);
    assertThat(klarna.count("DELETE")).as("one DELETE reached Klarna").isEqualTo(1);

    catchThrowableOfType(KlarnaException.class, () -> client.read("acc-1", "krn:pr:1"));
    assertThat(klarna.count("GET")).as("a read is safe to repeat: three attempts").isEqualTo(3);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
