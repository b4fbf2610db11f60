package com.stepup.gateway.payments;

import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaTransaction;

/**
 * What Klarna tells the payments module about a Payment Request, from outside it (the webhooks
 * module's inbox): a narrow port, so that module needs nothing else of payments.
 */
public interface KlarnaSignals {

  /**
   * Applies what Klarna says about a Payment Request (a webhook's payload) if it moves the payment
   * forward, and finalizes a COMPLETED one. Unknown requests are ignored.
   */
  void onPaymentRequest(KlarnaPaymentRequest request, String source);

  /**
   * Applies what Klarna says about a Payment Transaction (a {@code
   * payment.transaction.state-change.*} payload): its state moves only forward, its expiry follows.
   * Unknown transactions are ignored.
   */
  void onPaymentTransaction(KlarnaTransaction transaction, String source);
}
