package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first time a pending payment's way to pay was shown to the shopper (its QR code on the
 * terminal's display, or Klarna's Purchase Journey reached through {@code /pay/{id}}), written to
 * its timeline once: with the approval and the final authorization, it proves the sale in a
 * dispute. A display that asks again, or a shopper who comes back, adds nothing; recording never
 * keeps the shopper from the QR code or the journey.
 */
@ApplicationScoped
class ShownToShopper {

  private static final Logger LOG = Logger.getLogger(ShownToShopper.class.getName());

  private final PaymentRepository repository;
  private final PaymentQueries queries;
  private final Clock clock;

  @Inject
  ShownToShopper(PaymentRepository repository, PaymentQueries queries, Clock clock) {
    this.repository = repository;
    this.queries = queries;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected ShownToShopper() {
    this(null, null, null);
  }

  /** The QR code drawn on the terminal's display. */
  void qrShown(String paymentId) {
    shown(paymentId, TimelineEvent.QR_SHOWN);
  }

  /** The shopper sent on from {@code /pay/{id}} to Klarna's Purchase Journey. */
  void sentToKlarna(String paymentId) {
    shown(paymentId, TimelineEvent.SENT_TO_KLARNA);
  }

  private void shown(String paymentId, TimelineEvent event) {
    try {
      Payment p = repository.find(paymentId).orElse(null);
      if (p == null || p.status() != PaymentStatus.PENDING || queries.recorded(paymentId, event)) {
        return; // shown before: no lock taken for a display that asks again
      }
      repository.change(
          paymentId,
          locked -> {
            if (!queries.recorded(paymentId, event)) { // under the lock: one line, whoever raced
              if (event == TimelineEvent.QR_SHOWN) {
                locked.note(Kind.SHOPPER, event, clock.instant(), locked.terminalReference());
              } else {
                locked.note(Kind.SHOPPER, event, clock.instant());
              }
            }
            return locked;
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment " + paymentId + ": could not record it shown", e);
    }
  }
}
