package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the disputes module needs of payments, and all of it: which payment and capture a Klarna
 * dispute names, the payment's disputed and lost amounts, and its line items and how each capture
 * was shipped (for the evidence pack). A narrow port, like {@link KlarnaSignals}, so disputes need
 * nothing else of this module.
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
   * caller's transaction (the dispute's change), so the two never disagree; and keeps what moved,
   * dated {@code at}, for finance's movements export (a hold, a hold given back, a loss).
   */
  void disputeMoved(
      String paymentId, String disputeId, long disputedDelta, long lostDelta, Instant at);

  /** How one capture's goods travel: the {@code shipping} the capture was made with. */
  record CaptureShipping(String captureId, NewCapture.Shipping shipping) {}

  /**
   * The shipping (tracking number, URL, carrier) of each capture of the payment that was made with
   * one, oldest capture first.
   */
  List<CaptureShipping> captureShipping(String paymentId);

  /** The line items the payment was taken with (none when the partner gave none). */
  List<NewPayment.LineItem> lineItems(String paymentId);
}
