package com.stepup.gateway.payments;

import java.time.Instant;

/**
 * A capture, refund or release of a payment, as the partner API and the console see it.
 *
 * @param kind {@code capture}, {@code refund} or {@code release}; in finance's export also {@code
 *     dispute_hold}, {@code dispute_won} and {@code dispute_lost} (then the id is the dispute's)
 * @param status {@code pending} (sent, Klarna's answer not yet in: retried with the same key),
 *     {@code succeeded} or {@code failed}
 * @param captureId for a refund of one capture, that capture's id
 * @param klarnaId Klarna's {@code payment_capture_id} or {@code payment_refund_id}
 * @param madeAtKlarna made outside the gateway (Klarna's portal, an agent) and learned from Klarna
 */
public record MoneyMovement(
    String id,
    String paymentId,
    String kind,
    String status,
    long amount,
    String captureId,
    String reason,
    String klarnaId,
    String failure,
    Instant createdAt,
    Instant updatedAt,
    boolean madeAtKlarna) {

  /** A movement with the payment it moved money of: one line of a money-movements export. */
  public record OfPayment(PaymentView payment, MoneyMovement movement) {}
}
