package com.stepup.gateway.payments;

import java.util.Collection;
import java.util.Map;

/**
 * What Klarna has paid out of payments: served by the settlements module (which reads this module's
 * captures and refunds through {@link MoneyByKlarnaId}); the payment object shows it as {@code
 * settlement}. Declared here so that payments need nothing of settlements.
 */
public interface PaymentSettlements {

  /**
   * The settlement of each payment named; a payment with no succeeded capture or refund is {@link
   * PaymentSettlementView#NONE} (or absent).
   */
  Map<String, PaymentSettlementView> of(Collection<String> paymentIds);
}
