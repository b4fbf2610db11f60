package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers partner notifications with Standard Webhooks headers, one claimed attempt at a time, a
 * time-out on every call, each attempt recorded, and retries on the configured schedule.
 */
@ApplicationScoped
class Deliverer {

  private static final Logger LOG = Logger.getLogger(Deliverer.class.getName());
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Resource ManagedExecutorService executor;
  @Inject NotificationRepository repository;
  @Inject Merchants merchants;
  @Inject WebhookSettings settings;
  @Inject Clock clock;

  /** Delivers the payment's due notifications soon, off the caller's thread. */
  void soon(String paymentId) {
    try {
      executor.submit(() -> repository.dueFor(paymentId).forEach(this::deliver));
    } catch (RejectedExecutionException e) {
      LOG.fine(() -> "Notifications of " + paymentId + " left to the sweep");
    }
  }

  void redeliverSoon(String notificationId) {
    try {
      executor.submit(() -> deliver(notificationId));
    } catch (RejectedExecutionException e) {
      LOG.fine(() -> "Notification " + notificationId + " left to the sweep");
    }
  }

  int sweep() {
    int n = 0;
    for (String id : repository.due(100)) {
      deliver(id);
      n++;
    }
    return n;
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
    Integer status = null;
    String excerpt = null;
    String error = null;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(settings.deliveryTimeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "stepup-gateway-webhooks")
              .header("webhook-id", n.id())
              .header("webhook-timestamp", String.valueOf(timestamp))
              .header("webhook-signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(n.body(), StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      excerpt = response.body();
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    repository.recordAttempt(n.id(), n.attempt(), url, status, latencyMs, excerpt, error);
  }
}
