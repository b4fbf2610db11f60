package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.platform.ClusterSignals;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The partner's server-sent event streams, {@code GET /api/v1/payments/{id}/events}: one {@code
 * payment} event per change of status or Klarna state, closed after a final status.
 *
 * <p>No thread waits per stream. A commit that changes a followed payment pushes at once ({@link
 * PaymentChanged}, after success), and tells the other gateway instances through {@link
 * ClusterSignals} (PostgreSQL NOTIFY), which push to their streams of it at once too. A sweep reads
 * all followed payments in one query (every 5 s with signals, every second without), for a change
 * no signal told of, and closes streams whose client left or that have been open {@link #MAX_OPEN}.
 *
 * <p>Streams are bounded ({@link StreamCaps}: per API key, per payment, in all; past a cap the
 * partner gets a {@code 429}), and each open stream gets a comment every {@code
 * payments.stream.heartbeat-seconds} (15 s), so a client that vanished without a word is found by a
 * failing write and its place given back, not held until the payment changes (ADR 0025).
 */
@ApplicationScoped
class PaymentEventStream {

  static final Duration MAX_OPEN = Duration.ofMinutes(30);
  private static final Logger LOG = Logger.getLogger(PaymentEventStream.class.getName());

  @Inject PaymentRepository repository;
  @Inject PaymentQueries queries;
  @Inject PaymentSettings settings;
  @Inject BackgroundJobs jobs;
  @Inject ClusterSignals signals;
  private volatile ScheduledExecutorService scheduler;

  private final Map<String, Set<Follower>> followers = new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeping;
  private ScheduledFuture<?> heartbeats;

  private volatile StreamCaps caps;

  private StreamCaps caps() {
    StreamCaps c = caps;
    if (c == null) {
      synchronized (this) {
        if (caps == null) {
          caps = new StreamCaps(settings.streamLimits());
        }
        c = caps;
      }
    }
    return c;
  }

  /** Streams open now, on this instance. */
  int open() {
    return caps().open();
  }

  /**
   * Follows {@code first} on {@code sink} for the holder of {@code key}; answers why not when a cap
   * is reached (nothing is written to the sink then).
   */
  Optional<String> follow(PaymentView first, String key, SseEventSink sink, Sse sse) {
    var place = caps().take(key, first.id());
    if (place.isEmpty()) {
      return caps().refusal(key, first.id()).or(() -> Optional.of("Too many streams."));
    }
    Follower f =
        new Follower(
            sink,
            sse,
            settings.baseUrl(),
            System.nanoTime() + MAX_OPEN.toNanos(),
            place.get()::release);
    if (!f.offer(first)) {
      return Optional.empty();
    }
    followers.compute(
        first.id(),
        (id, set) -> {
          Set<Follower> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(f);
          return s;
        });
    startSweeping();
    scheduler.execute(() -> check(first.id())); // a change committed before it joined
    return Optional.empty();
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentChanged change) {
    signals.publish(TOPIC, change.paymentId());
    if (followers.containsKey(change.paymentId())) {
      scheduler.execute(() -> check(change.paymentId()));
    }
  }

  static final String TOPIC = "payment-changed";

  private synchronized void startSweeping() {
    if (sweeping == null) {
      scheduler = jobs.executor("payment event streams");
      long every = settings.streamSweep(signals.crossInstance()).toMillis();
      sweeping = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
      long beat = settings.streamHeartbeat().toMillis();
      heartbeats =
          scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
      signals.subscribe(
          TOPIC,
          id -> {
            if (followers.containsKey(id)) {
              scheduler.execute(() -> check(id));
            }
          });
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (sweeping != null) {
      sweeping.cancel(false);
      heartbeats.cancel(false);
    }
    followers.values().forEach(set -> set.forEach(Follower::close));
  }

  private void sweep() {
    try {
      if (!followers.isEmpty()) {
        Map<String, PaymentView> now = queries.views(followers.keySet());
        followers.keySet().forEach(id -> deliver(id, now.get(id)));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment event stream sweep failed", e);
    }
  }

  /** A comment on every open stream: a client gone without a word is found by the failed write. */
  private void heartbeat() {
    try {
      followers.forEach(
          (id, set) -> {
            set.removeIf(f -> !f.beat());
            followers.computeIfPresent(id, (k, s) -> s.isEmpty() ? null : s);
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment event stream heartbeat failed", e);
    }
  }

  private void check(String id) {
    try {
      if (followers.containsKey(id)) {
        deliver(id, repository.find(id).map(Payment::view).orElse(null));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment event stream check failed", e);
    }
  }

  private void deliver(String id, PaymentView view) {
    Set<Follower> set = followers.get(id);
    if (set != null) {
      set.removeIf(f -> !f.offer(view));
      followers.computeIfPresent(id, (k, s) -> s.isEmpty() ? null : s);
    }
  }

  /** One open stream; remembers what it last sent. */
  static final class Follower {
    private final SseEventSink sink;
    private final Sse sse;
    private final String baseUrl;
    private final long deadline;
    private final Runnable release;
    private String sent;
    private boolean over;

    Follower(SseEventSink sink, Sse sse, String baseUrl, long deadline, Runnable release) {
      this.sink = sink;
      this.sse = sse;
      this.baseUrl = baseUrl;
      this.deadline = deadline;
      this.release = release;
    }

    /** A comment line ({@code : keep-alive}); false once the stream is over. */
    synchronized boolean beat() {
      if (over) {
        return false;
      }
      if (sink.isClosed() || System.nanoTime() > deadline) {
        close();
        return false;
      }
      try {
        sink.send(sse.newEventBuilder().comment("keep-alive").build())
            .whenComplete(
                (ok, error) -> {
                  if (error != null) {
                    close();
                  }
                });
      } catch (RuntimeException clientGone) {
        close();
        return false;
      }
      return true;
    }

    private void end() {
      if (!over) {
        over = true;
        release.run();
      }
    }

    /**
     * Sends {@code view} if it differs from what was sent last ({@code null}: nothing new to say).
     * Answers false once the stream is over: final status sent, client gone or open too long.
     */
    synchronized boolean offer(PaymentView view) {
      if (over) {
        return false;
      }
      if (sink.isClosed() || System.nanoTime() > deadline) {
        close();
        return false;
      }
      if (view == null) {
        return true;
      }
      String key = view.status().wire() + ":" + view.klarna().state();
      if (!key.equals(sent)) {
        sent = key;
        OutboundSseEvent event =
            sse.newEventBuilder()
                .name("payment")
                .id(key)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(PaymentJson.payment(view, baseUrl).toString())
                .build();
        try {
          sink.send(event)
              .whenComplete(
                  (ok, error) -> {
                    if (error != null || view.status().isFinal()) {
                      close();
                    }
                  });
        } catch (IllegalStateException clientGone) {
          close();
          return false;
        }
      }
      if (view.status().isFinal()) {
        end();
        return false;
      }
      return true;
    }

    synchronized void close() {
      end();
      try {
        sink.close();
      } catch (RuntimeException alreadyGone) {
        // nothing to close
      }
    }
  }
}
