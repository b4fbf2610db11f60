package com.stepup.gateway.payments;

import java.util.List;

/**
 * A partner's request for a payment, validated field by field. {@code storeIdOrReference} is our
 * store id or its {@code store_reference}; a {@code terminalReference} makes it an in-store QR
 * payment. {@code captureMode} is {@code automatic} or {@code manual}, or null for the default
 * (automatic in store, manual online).
 */
public record NewPayment(
    long amount,
    String currency,
    String reference,
    String storeIdOrReference,
    String terminalReference,
    String returnUrl,
    String appReturnUrl,
    String partnerToken,
    String networkData,
    List<LineItem> lineItems,
    String captureMode) {

  /** One line of the purchase, in minor units. */
  public record LineItem(String name, long quantity, long unitPrice, long totalAmount) {}

  public boolean inStore() {
    return terminalReference != null;
  }
}
