package com.stepup.gateway.payments;

import java.util.List;

/**
 * A capture the partner or an operator asks for: {@code amount} in minor units, or null for all
 * that is capturable; optional line items (they must add up to the amount) and shipping details.
 */
public record NewCapture(Long amount, List<NewPayment.LineItem> lineItems, Shipping shipping) {

  /** How the goods travel: Klarna's {@code shipping_info}. */
  public record Shipping(String trackingNumber, String trackingUrl, String carrier) {}
}
