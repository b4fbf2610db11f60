package com.stepup.gateway.payments;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A CDI event fired inside the transaction that gives a payment its final status, so that an
 * observer's writes (the partner notification outbox) commit or roll back with the change itself.
 *
 * @param payment the partner API's payment object, as {@code GET /api/v1/payments/{id}} answers
 */
public record PaymentSettled(
    String paymentId, String merchantId, PaymentStatus status, JsonObject payment, Instant at) {

  /** The partner event type: {@code payment.authorized}, {@code payment.declined}, ... */
  public String eventType() {
    return "payment." + status.wire();
  }
}
