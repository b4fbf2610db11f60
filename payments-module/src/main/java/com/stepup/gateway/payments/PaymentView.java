package com.stepup.gateway.payments;

import java.time.Instant;

/** A payment as the partner API, the console and other modules see it. */
public record PaymentView(
    String id,
    String merchantId,
    PaymentStatus status,
    PaymentMethod method,
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
    Instant updatedAt,
    CaptureMode captureMode,
    Amounts amounts) {

  /**
   * The money after authorization, in minor units: authorized (0 until the payment is), captured,
   * refunded, and what can be captured and refunded now (less what is on its way).
   */
  /**
   * @param disputed what open disputes hold (minor units)
   * @param lost what disputes closed LOST took back
   * @param released what was released (voided) and so never charged
   */
  public record Amounts(
      long authorized,
      long captured,
      long refunded,
      long capturable,
      long refundable,
      long disputed,
      long lost,
      long released) {
    public static final Amounts NONE = new Amounts(0, 0, 0, 0, 0);

    public Amounts(
        long authorized, long captured, long refunded, long capturable, long refundable) {
      this(authorized, captured, refunded, capturable, refundable, 0, 0, 0);
    }

    public Amounts(
        long authorized,
        long captured,
        long refunded,
        long capturable,
        long refundable,
        long disputed,
        long lost) {
      this(authorized, captured, refunded, capturable, refundable, disputed, lost, 0);
    }

    public Amounts withDisputes(long disputed, long lost) {
      return new Amounts(
          authorized, captured, refunded, capturable, refundable, disputed, lost, released);
    }

    public Amounts withReleased(long released) {
      return new Amounts(
          authorized, captured, refunded, capturable, refundable, disputed, lost, released);
    }
  }

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
      String paymentTransactionId,
      String transactionState,
      Instant authorizationExpiresAt) {}

  /** Whether the shopper was charged, derived from the amounts (see {@link MoneyStatus#of}). */
  public MoneyStatus moneyStatus() {
    return MoneyStatus.of(status, amounts, klarna == null ? null : klarna.transactionState());
  }

  public boolean inStore() {
    return method == PaymentMethod.QR_CODE;
  }
}
