package com.stepup.gateway.payments;

import java.time.Instant;

/** A payment as the partner API, the console and other modules see it. */
public record PaymentView(
    String id,
    String merchantId,
    PaymentStatus status,
    String method,
    long amount,
    String currency,
    String reference,
    String storeId,
    String storeReference,
    String terminalId,
    String terminalReference,
    String returnUrl,
    Klarna klarna,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {

  /** Where the payment stands at Klarna. */
  public record Klarna(
      String result,
      String paymentRequestId,
      PaymentRequestState state,
      String stateReason,
      String qrImageUrl,
      String qrTargetUrl,
      String paymentRequestUrl,
      Instant expiresAt,
      Instant tokenExpiresAt,
      String paymentTransactionId) {}

  public boolean inStore() {
    return "QR_CODE".equals(method);
  }
}
