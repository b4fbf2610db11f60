package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Refused Klarna webhooks: counted at once ({@link RejectionTally}), written every few seconds as
 * one row per kind, and part of the webhook health the moment they happen.
 */
@ApplicationScoped
class Rejections {

  private static final Logger LOG = Logger.getLogger(Rejections.class.getName());

  @Inject KlarnaInbox inbox;
  @Inject Clock clock;

  private final RejectionTally tally = new RejectionTally();

  /** Counts a refusal; logs it when it is the first of its kind since the last flush. */
  void count(String reason, String signingKeyId) {
    if (tally.count(reason, signingKeyId, clock.instant())) {
      LOG.warning(
          () ->
              "Klarna webhook refused: "
                  + reason
                  + (signingKeyId == null ? "" : " (" + signingKeyId + ")"));
    }
  }

  /**
   * Writes what was counted: one row per kind; a failed write is counted again next time. Under the
   * same lock as {@link #health}, so a count is either written or pending, never both or neither,
   * when the health is read.
   */
  synchronized void flush() {
    var counts = tally.drain();
    if (counts.isEmpty()) {
      return;
    }
    try {
      inbox.rejectAll(counts);
    } catch (RuntimeException e) {
      tally.restore(counts);
      throw e;
    }
    counts.stream()
        .filter(c -> c.times() > 1)
        .forEach(
            c ->
                LOG.warning(
                    () ->
                        "Klarna webhook refused "
                            + (c.times() - 1)
                            + " more times: "
                            + c.kind().reason()));
  }

  /** The stored health and the refusals not written yet (this instance's last few seconds). */
  synchronized KlarnaWebhookHealth health(Supplier<KlarnaWebhookHealth> stored) {
    return withPending(stored.get());
  }

  private KlarnaWebhookHealth withPending(KlarnaWebhookHealth h) {
    long all = tally.pending(r -> true);
    long signatures = tally.pending(Rejections::isSignature);
    return new KlarnaWebhookHealth(
        h.received(),
        h.duplicates(),
        h.rejected() + all,
        h.rejectedSignatures() + signatures,
        h.waiting(),
        h.failed(),
        h.registeredWebhookId(),
        h.receivedLastHour(),
        h.rejectedSignaturesLastHour() + signatures);
  }

  static boolean isSignature(String reason) {
    return reason.startsWith("signature") || reason.startsWith("unknown signing key");
  }
}
