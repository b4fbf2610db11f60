package com.stepup.sandbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery queue: each event POSTed to its webhook, signed HMAC-SHA256 by {@link SigningKeys},
 * retried on Klarna's schedule (10 s, 2 min, 15 min, 3 h, 6 h, 12 h of sandbox time), at most
 * {@value #MAX_IN_FLIGHT} at once and one at a time per subject (a payment request, transaction or
 * dispute), so a subject's events arrive in the order they happened unless a {@code webhook} fault
 * says otherwise. The latest {@value #MAX_ATTEMPTS_KEPT} attempts are kept for {@code GET
 * /sandbox/webhook-deliveries}.
 *
 * <p>The queue is changed on one thread of its own (the delivery thread); POSTs go out on sender
 * threads and their answers are recorded back on the delivery thread.
 */
@ApplicationScoped
public class WebhookDeliveries {

  static final List<Duration> RETRIES =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofMinutes(2),
          Duration.ofMinutes(15),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12));

  static final int MAX_ATTEMPTS_KEPT = 20_000;
  static final int MAX_IN_FLIGHT = 16;

  private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class.getName());

  private final SandboxClock clock;
  private final Faults faults;
  private final SigningKeys signingKeys;

  /** Deliveries not yet delivered or given up; changed on the delivery thread only. */
  private final List<Delivery> deliveries = new ArrayList<>();

  /** The latest attempts, oldest first (the sandbox keeps {@value #MAX_ATTEMPTS_KEPT}). */
  private final ConcurrentLinkedDeque<JsonObject> attempts = new ConcurrentLinkedDeque<>();

  private int attemptsKept; // changed on the delivery thread only

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ExecutorService worker;
  private ExecutorService senders;

  @Inject
  WebhookDeliveries(SandboxClock clock, Faults faults, SigningKeys signingKeys) {
    this.clock = clock;
    this.faults = faults;
    this.signingKeys = signingKeys;
  }

  /** For CDI's client proxy only. */
  protected WebhookDeliveries() {
    this(null, null, null);
  }

  /** One event on its way to one webhook. */
  static final class Delivery {
    final String eventId;
    final String eventType;
    final String url;
    final String signingKeyId;
    final String body;
    final String subjectId;
    Instant dueAt;
    int attempt;
    String status = "PENDING";
    boolean badSignature;
    Delivery heldBehind;
    boolean inFlight;

    Delivery(String eventId, String type, String url, String keyId, String body, String subjectId) {
      this.eventId = eventId;
      this.eventType = type;
      this.url = url;
      this.signingKeyId = keyId;
      this.body = body;
      this.subjectId = subjectId;
    }
  }

  @PostConstruct
  void start() {
    worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "sandbox-notifications"));
    senders =
        Executors.newFixedThreadPool(
            MAX_IN_FLIGHT,
            r -> {
              Thread t = new Thread(r, "sandbox-notification-sender");
              t.setDaemon(true);
              return t;
            });
  }

  @PreDestroy
  void stop() {
    if (worker != null) {
      worker.shutdownNow();
    }
    if (senders != null) {
      senders.shutdownNow();
    }
  }

  /** Sends what has come due on the clock (the sandbox's tick asks every 200 ms). */
  void deliverDue() {
    onWorker(this::sendDue);
  }

  /** Runs {@code work} on the delivery thread, which alone changes the deliveries. */
  private void onWorker(Runnable work) {
    try {
      worker.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "Sandbox notification work failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /**
   * Sends the due deliveries at once, up to {@value #MAX_IN_FLIGHT} concurrently, but one at a time
   * per subject, so its events arrive in the order they happened (unless a REORDER fault says
   * otherwise).
   */
  private void sendDue() {
    Instant now = clock.instant();
    Set<String> busy = new HashSet<>();
    int inFlight = 0;
    for (Delivery d : deliveries) {
      if (d.inFlight) {
        inFlight++;
        if (d.subjectId != null) {
          busy.add(d.subjectId);
        }
      }
    }
    for (Delivery d : List.copyOf(deliveries)) {
      if (inFlight >= MAX_IN_FLIGHT) {
        return;
      }
      if (d.inFlight || d.heldBehind != null || d.dueAt.isAfter(now)) {
        continue;
      }
      if (d.subjectId != null && !busy.add(d.subjectId)) {
        continue;
      }
      send(d);
      inFlight++;
    }
  }

  /**
   * Queues one event for one webhook, in Klarna's envelope ({@code metadata} and {@code payload};
   * v4's also names the event at the top, §11.7); a {@code webhook} fault applies when {@code
   * faultable}. Answers the event's id.
   */
  String enqueue(
      JsonObject webhook,
      String type,
      JsonObject payload,
      String subjectId,
      String subjectAccount,
      boolean faultable,
      boolean v4) {
    String eventId = UUID.randomUUID().toString();
    String occurredAt = PaymentRequest.iso(clock.instant());
    var top = Json.createObjectBuilder();
    if (v4) {
      top.add("event_type", type).add("event_id", eventId).add("occurred_at", occurredAt);
    }
    var metadata =
        Json.createObjectBuilder()
            .add("event_id", eventId)
            .add("event_type", type)
            .add("event_version", webhook.getString("event_version", "v2"))
            .add("occurred_at", occurredAt)
            .add("correlation_id", UUID.randomUUID().toString())
            .add("subject_account_id", subjectAccount)
            .add("recipient_account_id", webhook.getString("account"))
            .add("product_instance_id", "krn:partner:product:payment:sandbox")
            .add("webhook_id", webhook.getString("webhook_id"))
            .add("live", false);
    if (v4) {
      metadata.add("merchant_id", subjectAccount);
    }
    JsonObject envelope = top.add("metadata", metadata).add("payload", payload).build();
    var d =
        new Delivery(
            eventId,
            type,
            webhook.getString("url"),
            webhook.getString("signing_key_id"),
            envelope.toString(),
            subjectId);
    d.dueAt = clock.instant();
    var fault = faultable ? faults.take("webhook") : Optional.<Faults.Fault>empty();
    if (fault.isPresent()) {
      switch (fault.get().kind()) {
        case "DELAY" -> d.dueAt = d.dueAt.plusMillis(Math.max(1, fault.get().delayMs()));
        case "BAD_SIGNATURE" -> d.badSignature = true;
        case "FAIL_DELIVERY" -> d.attempt = -1; // the first attempt is forced to fail
        case "DUPLICATE" -> {
          var twin = new Delivery(eventId, type, d.url, d.signingKeyId, d.body, subjectId);
          twin.dueAt = d.dueAt;
          onWorker(() -> deliveries.add(twin));
        }
        case "REORDER" -> d.heldBehind = d; // released when the next event for this subject goes
        default -> {}
      }
    }
    onWorker(
        () -> {
          if (subjectId != null && d.heldBehind == null) {
            for (Delivery held : deliveries) {
              if (held.heldBehind == held && subjectId.equals(held.subjectId)) {
                held.heldBehind = d;
              }
            }
          }
          deliveries.add(d);
          sendDue();
        });
    return eventId;
  }

  private void send(Delivery d) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    if (d.attempt < 0) {
      d.attempt = 0;
      finish(d, at, started, false, "FAILED (fault FAIL_DELIVERY)");
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(d.url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(
                "Klarna-Signature", signingKeys.signature(d.signingKeyId, d.body, d.badSignature))
            .header("Klarna-Signing-Key-Id", d.signingKeyId)
            .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8))
            .build();
    d.inFlight = true;
    // sent on a sender thread of ours: sendAsync would hand each answer to a new thread on a
    // two-core server (CompletableFuture's default pool is then a thread per task)
    senders.execute(
        () -> {
          HttpResponse<Void> response = null;
          Throwable error = null;
          try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
          } catch (IOException | RuntimeException e) {
            error = e;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
          }
          HttpResponse<Void> answered = response;
          Throwable failed = error;
          onWorker(
              () -> {
                d.inFlight = false;
                if (failed != null) {
                  finish(
                      d, at, started, false, "FAILED (" + failed.getClass().getSimpleName() + ")");
                } else {
                  int status = answered.statusCode();
                  finish(
                      d,
                      at,
                      started,
                      List.of(200, 201, 202, 204).contains(status),
                      String.valueOf(status));
                }
                sendDue();
              });
        });
  }

  /** Records one attempt; a delivered or given-up delivery leaves the queue. */
  private void finish(Delivery d, Instant at, long started, boolean ok, String outcome) {
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    d.attempt++;
    if (ok) {
      d.status = "DELIVERED";
      for (Delivery held : deliveries) {
        if (held.heldBehind == d) {
          held.heldBehind = null;
        }
      }
    } else if (d.attempt > RETRIES.size()) {
      d.status = "FAILED";
    } else {
      d.dueAt = clock.instant().plus(RETRIES.get(d.attempt - 1));
    }
    if (!"PENDING".equals(d.status)) {
      deliveries.remove(d);
    }
    attempts.addLast(
        Json.createObjectBuilder()
            .add("event_id", d.eventId)
            .add("event_type", d.eventType)
            .add("url", d.url)
            .add("attempt", d.attempt)
            .add("status", outcome)
            .add("delivery_status", d.status)
            .add("latency_ms", latencyMs)
            .add("at", PaymentRequest.iso(at))
            .build());
    if (++attemptsKept > MAX_ATTEMPTS_KEPT) { // size() would walk the whole deque
      attempts.pollFirst();
      attemptsKept--;
    }
  }

  /** The latest attempts, oldest first. */
  public List<JsonObject> attempts() {
    return List.copyOf(attempts);
  }
}
