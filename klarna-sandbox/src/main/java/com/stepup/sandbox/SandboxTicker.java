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

  private final PaymentRequests paymentRequests;
  private final Transactions transactions;
  private final Disputes disputes;
  private final Idempotency idempotency;
  private final WebhookDeliveries deliveries;

  private ScheduledExecutorService ticker;

  @Inject
  SandboxTicker(
      PaymentRequests paymentRequests,
      Transactions transactions,
      Disputes disputes,
      Idempotency idempotency,
      WebhookDeliveries deliveries) {
    this.paymentRequests = paymentRequests;
    this.transactions = transactions;
    this.disputes = disputes;
    this.idempotency = idempotency;
    this.deliveries = deliveries;
  }

  /** For CDI's client proxy only. */
  protected SandboxTicker() {
    this(null, null, null, null, null);
  }

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
