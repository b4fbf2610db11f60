package com.stepup.gateway.settlements;

/**
 * One line of a payout, signed as it moves the merchant's balance, linked to the payment and the
 * capture or refund it settles when matched.
 */
public record PayoutLineView(
    int seq,
    String type,
    String detailedType,
    long amount,
    String paymentId,
    String captureId,
    String refundId,
    String disputeId,
    boolean matched) {}
