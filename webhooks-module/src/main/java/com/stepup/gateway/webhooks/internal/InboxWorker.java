package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.disputes.KlarnaDisputeSignals;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.klarna.KlarnaWire;
import com.stepup.gateway.payments.KlarnaSignals;
import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.platform.GroupCommit;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.settlements.KlarnaSettlementSignals;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acts on stored Klarna events: each goes to the payments module, whose state machine decides what
 * it changes (a late or repeated state changes nothing); a dispute's to the disputes module, a
 * settlement report's to the settlements module (which imports). Runs off the request thread;
 * events a crash or a failure left behind are picked up again by {@link #sweep()}.
 */
@ApplicationScoped
class InboxWorker {

  private static final Logger LOG = Logger.getLogger(InboxWorker.class.getName());

  @Inject BackgroundJobs jobs;
  @Inject KlarnaInbox inbox;
  @Inject KlarnaSignals payments;
  @Inject KlarnaDisputeSignals disputes;
  @Inject KlarnaSettlementSignals settlements;
  @Inject WebhookMetrics metrics;

  /** Acts on events as they are stored; what it cannot take the sweep finds. */
  private ExecutorService executor;

  /**
   * Workers finishing events together mark them done in one commit (the event's change is already
   * committed; a crash before this commit leaves the event to the sweep, as before).
   */
  private GroupCommit<KlarnaInbox.Finished, Boolean> finishing;

  @PostConstruct
  void start() {
    executor = jobs.pool(4);
    finishing = new GroupCommit<>(inbox::finishAll, inbox::finishOne, 64);
  }

  /** Acts on an event its caller stored and claimed, soon, off the caller's thread. */
  void soon(KlarnaInbox.Claimed claimed) {
    try {
      executor.execute(() -> act(claimed));
    } catch (RejectedExecutionException e) {
      LOG.fine(() -> "Event " + claimed.eventId() + " left to the inbox sweep");
    }
  }

  /** Claims the event and acts on it, unless it is done or someone else has it. */
  void process(String eventId) {
    inbox.claim(eventId).ifPresent(this::act);
  }

  private void act(KlarnaInbox.Claimed claimed) {
    String eventId = claimed.eventId();
    try {
      JsonObject envelope = Json.createReader(new StringReader(claimed.body())).readObject();
      JsonObject payload = envelope.getJsonObject("payload");
      String type = envelope.getJsonObject("metadata").getString("event_type", "");
      if (KlarnaWire.isSettlementEvent(type)) {
        settlements.onReportCreated("webhook");
      } else if (KlarnaWire.isDisputeEvent(type)) {
        disputes.onDispute(payload.getString("payment_dispute_id"), "webhook");
      } else if (KlarnaWire.isTransactionEvent(type)) {
        payments.onPaymentTransaction(KlarnaTransaction.fromEvent(payload), "webhook");
      } else {
        payments.onPaymentRequest(KlarnaPaymentRequest.from(payload), "webhook");
      }
      finishing.write(new KlarnaInbox.Finished(eventId, KlarnaEvent.Status.DONE, null));
      metrics.actedOn(claimed.occurredAt(), Instant.now());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Klarna event " + eventId + " could not be acted on; kept for later", e);
      inbox.failed(eventId, e.toString());
    }
  }

  /** Acts on every event left waiting; answers how many it took. */
  int sweep() {
    int done = 0;
    for (String eventId : inbox.due(200)) {
      process(eventId);
      done++;
    }
    return done;
  }
}
