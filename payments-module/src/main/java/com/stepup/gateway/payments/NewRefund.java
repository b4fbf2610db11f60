package com.stepup.gateway.payments;

import java.util.List;

/**
 * A refund the partner or an operator asks for: {@code amount} in minor units, or null for all that
 * is refundable (of the capture when {@code captureId} names one); a reason and line items are
 * optional.
 */
public record NewRefund(
    Long amount, String captureId, String reason, List<NewPayment.LineItem> lineItems) {}
