package com.stepup.sandbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's clock at work: every 200 ms (and whenever a test moves the clock) what the sandbox
 * time has reached happens: payment requests expire, transactions expire and close, disputes open,
 * follow their script and pass their deadlines, old state is forgotten, and due webhook deliveries
 * go out. The one place that knows every part of the sandbox, so none of them knows another just to
 * be swept.
 */
@ApplicationScoped
public class SandboxTicker {

  private static final Logger LOG = Logger.getLogger(SandboxTicker.class.getName());

  @Inject PaymentRequests paymentRequests;
  @Inject Transactions transactions;
  @Inject Disputes disputes;
  @Inject Idempotency idempotency;
  @Inject WebhookDeliveries deliveries;

  private ScheduledExecutorService ticker;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-ticker"));
    ticker.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  void tick() {
    try {
      sweep();
      idempotency.purge();
      deliveries.deliverDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sandbox sweep failed", e);
    }
  }

  /**
   * Applies the clock to every transaction, dispute and payment request, and forgets what is long
   * over (each keeps its own retention), so a long-running sandbox does not grow without bound.
   */
  void sweep() {
    transactions.sweep(PaymentRequests.RETENTION);
    disputes.sweep();
    paymentRequests.sweep();
  }
}
