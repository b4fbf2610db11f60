package com.stepup.gateway.payments;

import java.util.Optional;

/**
 * What the disputes module needs of payments, and all of it: which payment and capture a Klarna
 * dispute names, and the payment's disputed and lost amounts. A narrow port, like {@link
 * KlarnaSignals}, so disputes need nothing else of this module.
 */
public interface PaymentDisputes {

  /**
   * The payment a dispute is against.
   *
   * @param captureId the capture ({@code cap_...}) whose Klarna id the dispute names, or null
   */
  record Disputed(String paymentId, String merchantId, String currency, String captureId) {}

  /** The payment holding Klarna's transaction, and the capture with Klarna's capture id. */
  Optional<Disputed> byTransaction(String klarnaTransactionId, String klarnaCaptureId);

  /**
   * Moves the payment's {@code amounts.disputed} and {@code amounts.lost} by these deltas, in the
   * caller's transaction (the dispute's change), so the two never disagree.
   */
  void disputeMoved(String paymentId, long disputedDelta, long lostDelta);
}
