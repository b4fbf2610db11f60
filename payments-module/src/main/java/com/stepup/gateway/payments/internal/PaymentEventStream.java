package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Objects;

/**
 * Follows one payment for a server-sent event stream. It polls the database, so it sees changes
 * made by any worker or node; an event goes out for each change of status or Klarna state.
 */
@ApplicationScoped
class PaymentEventStream {

  static final Duration POLL = Duration.ofMillis(300);
  static final Duration MAX_OPEN = Duration.ofMinutes(30);

  @Inject Payments payments;
  @Inject PaymentSettings settings;

  void follow(PaymentView first, SseEventSink sink, Sse sse) {
    long deadline = System.nanoTime() + MAX_OPEN.toNanos();
    try (sink) {
      PaymentView last = null;
      PaymentView current = first;
      while (!sink.isClosed() && System.nanoTime() < deadline) {
        if (last == null
            || last.status() != current.status()
            || !Objects.equals(last.klarna().state(), current.klarna().state())) {
          sink.send(
                  sse.newEventBuilder()
                      .name("payment")
                      .id(current.status().wire() + ":" + current.klarna().state())
                      .mediaType(MediaType.APPLICATION_JSON_TYPE)
                      .data(PaymentJson.payment(current, settings.baseUrl()).toString())
                      .build())
              .toCompletableFuture()
              .join();
          last = current;
        }
        if (current.status().isFinal()) {
          return;
        }
        Thread.sleep(POLL.toMillis());
        current = payments.find(first.id()).orElse(current);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.CompletionException | IllegalStateException clientGone) {
      // the client closed the stream
    }
  }
}
