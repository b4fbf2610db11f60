package com.stepup.gateway.bench;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A payment's server-sent events ({@code GET /api/v1/payments/{id}/events}) as a till reads them:
 * each {@code data:} line is the payment, and the till waits for the status it expects. Closing it
 * hangs up.
 */
final class EventStream implements AutoCloseable {

  /** How long a till waits for its payment to end before it counts the sale as late. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-event-timer");
            t.setDaemon(true);
            return t;
          });

  private final Stream<String> lines;
  private final Iterator<String> iterator;

  EventStream(Stream<String> lines) {
    this.lines = lines;
    this.iterator = lines.iterator();
  }

  /**
   * Waits up to {@link #PATIENCE} for an event with {@code status}; false on another status than
   * {@code pending}, on the stream's end and on the time running out.
   */
  boolean awaitStatus(String status) {
    var timeout = TIMER.schedule(lines::close, PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    try {
      while (iterator.hasNext()) {
        String line = iterator.next();
        if (line.startsWith("data:")) {
          String now = GatewayClient.json(line.substring(5).strip()).getString("status");
          if (now.equals(status)) {
            return true;
          }
          if (!now.equals("pending")) {
            return false;
          }
        }
      }
      return false;
    } catch (RuntimeException closed) {
      return false;
    } finally {
      timeout.cancel(false);
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
