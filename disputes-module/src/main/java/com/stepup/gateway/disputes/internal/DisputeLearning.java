package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.disputes.KlarnaDisputeSignals;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.klarna.KlarnaDisputes;
import com.stepup.gateway.payments.PaymentDisputes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * How the gateway learns disputes: from a webhook (which names the dispute), from a deadline the
 * gateway sees pass, and from a daily pass over Klarna's list (a webhook can be lost). Each reads
 * the dispute from Klarna (only {@code .initiated} carries amount and reason, so the webhook's
 * payload is not trusted alone) and hands it to {@link DisputeChanges#learned}.
 */
@ApplicationScoped
class DisputeLearning implements KlarnaDisputeSignals {

  private static final Logger LOG = Logger.getLogger(DisputeLearning.class.getName());

  @Inject KlarnaDisputes klarna;
  @Inject PaymentDisputes payments;
  @Inject DisputeChanges changes;

  @Override
  public void onDispute(String klarnaDisputeId, String source) {
    learn(klarna.get(klarnaDisputeId), source);
  }

  /** Keeps what Klarna says of one dispute; a dispute on a payment we do not hold is ignored. */
  Optional<DisputeView> learn(KlarnaDispute dispute, String source) {
    Optional<PaymentDisputes.Disputed> payment =
        payments.byTransaction(dispute.transactionId(), dispute.captureId());
    if (payment.isEmpty()) {
      LOG.info(
          () ->
              "Klarna dispute "
                  + dispute.id()
                  + " ("
                  + source
                  + ") is on a transaction the gateway does not hold; ignored");
      return Optional.empty();
    }
    return Optional.of(changes.learned(dispute, payment.get(), source));
  }

  /** What a pass over Klarna's list did: disputes read, and those that could not be learned. */
  public record Pass(int read, int failed) {}

  /**
   * Klarna's disputes updated since {@code since}, page by page. Each is learned on its own (one
   * that fails is logged and counted, and the rest go on); a list item without its amount is read
   * whole first, as a dispute new to the gateway needs it.
   */
  Pass reconcile(Instant since) {
    int read = 0;
    int failed = 0;
    String after = null;
    do {
      KlarnaDisputes.Page page = klarna.list(since, after, 100);
      for (KlarnaDispute d : page.disputes()) {
        read++;
        try {
          learn(d.amount() == null ? klarna.get(d.id()) : d, "reconciliation");
        } catch (RuntimeException e) {
          failed++;
          LOG.warning(() -> "Klarna dispute " + d.id() + " could not be reconciled: " + e);
        }
      }
      after = page.next();
    } while (after != null && read < 100_000);
    return new Pass(read, failed);
  }
}
