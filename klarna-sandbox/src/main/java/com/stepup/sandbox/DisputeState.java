package com.stepup.sandbox;

import java.util.Locale;

/**
 * A v4 dispute's state (KLARNA-API.md §11.3). The names are Klarna's words on the wire, in {@code
 * state}, {@code previous_state} and the list's {@code state} filter, and lower case with hyphens
 * in the event type.
 */
enum DisputeState {
  INITIATED,
  REPRESENTMENT,
  PRE_ARBITRATION,
  ARBITRATION,
  CLOSED;

  /** {@code payment.dispute.state-change.<state>}. */
  String eventType() {
    return "payment.dispute.state-change." + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
