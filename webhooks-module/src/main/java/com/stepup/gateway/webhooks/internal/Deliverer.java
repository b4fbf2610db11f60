package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers partner notifications with Standard Webhooks headers, one claimed attempt at a time,
 * each attempt recorded, and retries on the configured schedule. A merchant's endpoint cannot hurt
 * the gateway: the whole exchange has a hard deadline, only the status is kept (the answer's body
 * is never read, so a 50 MB or trickling answer costs nothing), deliveries run on the module's own
 * pool ({@code webhooks.delivery.concurrency}) with at most {@code webhooks.delivery.per-merchant}
 * in flight per merchant, and the target must be a public https address ({@link DeliveryTargets}).
 */
@ApplicationScoped
class Deliverer {

  private static final Logger LOG = Logger.getLogger(Deliverer.class.getName());
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Inject BackgroundJobs jobs;
  @Inject NotificationRepository repository;
  @Inject Merchants merchants;
  @Inject WebhookSettings settings;
  @Inject Clock clock;
  @Inject WebhookMetrics metrics;

  private ExecutorService pool;
  private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    pool = jobs.pool(settings.deliveryConcurrency());
  }

  /** Delivers the payment's due notifications soon, off the caller's thread. */
  void soon(String paymentId) {
    try {
      pool.execute(() -> repository.dueFor(paymentId).forEach(this::submit));
    } catch (RejectedExecutionException e) {
      LOG.fine(() -> "Notifications of " + paymentId + " left to the sweep");
    }
  }

  void redeliverSoon(String notificationId) {
    try {
      pool.execute(() -> deliver(notificationId));
    } catch (RejectedExecutionException e) {
      LOG.fine(() -> "Notification " + notificationId + " left to the sweep");
    }
  }

  /** Hands the due notifications to the pool; answers how many went. */
  int sweep() {
    int n = 0;
    for (NotificationRepository.Due due : repository.due(100)) {
      if (submit(due)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Sends one due notification on the pool if its merchant has a delivery slot free; otherwise it
   * stays due for the next sweep, and other merchants' go ahead.
   */
  private boolean submit(NotificationRepository.Due due) {
    Semaphore slots =
        inFlight.computeIfAbsent(
            due.merchantId(), m -> new Semaphore(settings.deliveriesPerMerchant()));
    if (!slots.tryAcquire()) {
      return false;
    }
    try {
      pool.execute(
          () -> {
            try {
              deliver(due.id());
            } finally {
              slots.release();
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      slots.release();
      return false;
    }
  }

  void deliver(String id) {
    try {
      repository.claim(id).ifPresent(this::attempt);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Notification " + id + " could not be attempted", e);
    }
  }

  private void attempt(NotificationRepository.Claimed n) {
    MerchantView merchant = merchants.find(n.merchantId()).orElse(null);
    String url = merchant == null ? null : merchant.notificationUrl();
    if (url == null) {
      repository.recordAttempt(
          n.id(), n.attempt(), "(none)", null, 0, null, "The merchant has no notification URL.");
      return;
    }
    var refused = DeliveryTargets.refusal(url, settings.allowPrivateTargets());
    if (refused.isPresent()) {
      repository.recordAttempt(
          n.id(), n.attempt(), url, null, 0, null, "Not sent: " + refused.get());
      return;
    }
    long timestamp = clock.instant().getEpochSecond();
    String signature;
    try {
      signature =
          Signatures.standard(
              merchants.webhookSecrets(n.merchantId()), n.id(), timestamp, n.body());
    } catch (IllegalStateException e) {
      // a secret sealed under a key no longer configured: seen in the console, not only the log
      repository.recordAttempt(n.id(), n.attempt(), url, null, 0, null, e.getMessage());
      return;
    }
    long started = System.nanoTime();
    Duration deadline = settings.deliveryTimeout();
    Integer status = null;
    String error = null;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(deadline)
              .header("Content-Type", "application/json")
              .header("User-Agent", "stepup-gateway-webhooks")
              .header("webhook-id", n.id())
              .header("webhook-timestamp", String.valueOf(timestamp))
              .header("webhook-signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(n.body(), StandardCharsets.UTF_8))
              .build();
      // sent on this pool thread: sendAsync would hand its answer to a new thread each time on a
      // two-core server (CompletableFuture's default pool is then a thread per task)
      HttpResponse<InputStream> response =
          HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      // only the status counts; closing drops the rest of the answer with the connection
      response.body().close();
    } catch (java.net.http.HttpTimeoutException e) {
      error = "no answer within " + deadline.toMillis() + " ms";
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    var after = repository.recordAttempt(n.id(), n.attempt(), url, status, latencyMs, null, error);
    metrics.delivery(
        after.status() == com.stepup.gateway.webhooks.NotificationView.Status.DELIVERED,
        after.status() == com.stepup.gateway.webhooks.NotificationView.Status.FAILED);
  }
}
