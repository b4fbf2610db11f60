package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import java.time.Instant;

/**
 * What Klarna says of a payment's transaction (a webhook, a read), applied under the payment's
 * lock: its state and expiry, and the captures and refunds it lists that the gateway did not make.
 */
final class TransactionNews {

  private TransactionNews() {}

  static void apply(
      PaymentRepository repository,
      String paymentId,
      KlarnaTransaction t,
      String source,
      Instant now) {
    repository.changeIfThere(
        paymentId,
        p -> {
          boolean moves = p.learnMoves(t, repository.operations(paymentId), source, now);
          return p.learnTransaction(t, source, now) || moves;
        });
  }
}
