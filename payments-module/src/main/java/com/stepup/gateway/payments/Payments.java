package com.stepup.gateway.payments;

import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.MerchantView;
import java.util.List;
import java.util.Optional;

/**
 * The payments module's API: take a payment, follow it, cancel it, and hear what Klarna says about
 * its Payment Request. Reads are scoped to a merchant ({@code null} for platform staff); another
 * merchant's payment is simply not found.
 */
public interface Payments {

  /**
   * Starts a payment: Klarna's initial authorize, with a step-up when Klarna asks for one. With an
   * idempotency key, a payment the same key started before is resumed, not repeated.
   */
  PaymentView create(
      MerchantView merchant, NewPayment payment, String idempotencyKey, String requestBody);

  PaymentView get(String merchantId, String paymentId);

  Optional<PaymentView> find(String paymentId);

  ListPage<PaymentView> list(String merchantId, PaymentFilter filter, int page, int size);

  List<TimelineEntry> timeline(String merchantId, String paymentId);

  /** Cancels a pending payment's Payment Request at Klarna; 409 when it is too late. */
  PaymentView cancel(String merchantId, String paymentId, String who);

  /**
   * What Klarna says about a Payment Request (a webhook's payload); applied if it moves the payment
   * forward, and a COMPLETED request is finalized. Unknown requests are ignored.
   */
  void onPaymentRequest(KlarnaPaymentRequest request, String source);

  /** The shopper is back from Klarna: learn the outcome, finalize if possible, and answer it. */
  PaymentView returnFromKlarna(String paymentId);

  /** Does what is due for one payment (janitor): resume, read, finalize, cancel or expire. */
  void check(String paymentId);
}
