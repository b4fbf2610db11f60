package com.stepup.gateway.disputes;

/**
 * What Klarna tells the disputes module, from outside it (the webhooks module's inbox): a narrow
 * port, like payments' {@code KlarnaSignals}.
 */
public interface KlarnaDisputeSignals {

  /**
   * A {@code payment.dispute.*} event named this dispute: the gateway reads it from Klarna (only
   * {@code .initiated} carries the amount and reason) and keeps what moves it forward. A dispute on
   * a transaction the gateway does not hold is ignored. Klarna unreachable: a {@code
   * KlarnaException}, and the event is tried again later.
   */
  void onDispute(String klarnaDisputeId, String source);
}
