package com.stepup.sandbox;

import java.util.Locale;

/**
 * A Payment Transaction's state (KLARNA-API.md §10.4). The names are Klarna's words on the wire, in
 * {@code state} and {@code previous_state}, and lower case in the event type.
 */
public enum TransactionState {
  AUTHORIZED,
  COMPLETED,
  EXPIRED,
  CLOSED;

  /** {@code payment.transaction.state-change.<state>}. */
  String eventType() {
    return "payment.transaction.state-change." + name().toLowerCase(Locale.ROOT);
  }
}
