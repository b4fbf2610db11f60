package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.webhooks.NotificationView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
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
import javax.net.ssl.SSLSocketFactory;

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

  /** What a partner reads when a delivery failed: the same words whatever went wrong. */
  static final String COULD_NOT_DELIVER = "Could not deliver.";

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
    Object checked =
        DeliveryTargets.check(
            url,
            settings.allowPrivateTargets(),
            InetAddress::getAllByName,
            DeliveryTargets.ownAddresses());
    if (!(checked instanceof DeliveryTargets.Target target)) {
      repository.recordAttempt(n.id(), n.attempt(), url, null, 0, null, "Not sent: " + checked);
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
      // to the very address checked (no second lookup), on this pool thread
      status =
          PinnedPost.send(
              target,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "User-Agent",
                  "stepup-gateway-webhooks",
                  "webhook-id",
                  n.id(),
                  "webhook-timestamp",
                  String.valueOf(timestamp),
                  "webhook-signature",
                  signature),
              n.body().getBytes(StandardCharsets.UTF_8),
              deadline,
              (SSLSocketFactory) SSLSocketFactory.getDefault());
    } catch (IOException | RuntimeException e) {
      // the partner sees the same words whatever failed: a socket error tells open ports from
      // closed ones; the cause stays in the server's log at FINE
      error = COULD_NOT_DELIVER;
      LOG.fine(() -> "Notification " + n.id() + " not delivered: " + e);
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    var after = repository.recordAttempt(n.id(), n.attempt(), url, status, latencyMs, null, error);
    metrics.delivery(
        after.status() == NotificationView.Status.DELIVERED,
        after.status() == NotificationView.Status.FAILED);
  }
}
