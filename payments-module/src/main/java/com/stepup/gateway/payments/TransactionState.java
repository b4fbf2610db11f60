package com.stepup.gateway.payments;

/** The state of Klarna's Payment Transaction (KLARNA-API.md §10.1), spelt as Klarna spells it. */
public enum TransactionState {
  AUTHORIZED,
  EXPIRED,
  COMPLETED,
  CLOSED;

  /** The state Klarna's word names; null for a word this gateway does not know. */
  public static TransactionState of(String klarna) {
    for (TransactionState state : values()) {
      if (state.name().equals(klarna)) {
        return state;
      }
    }
    return null;
  }
}
