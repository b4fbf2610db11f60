package com.stepup.gateway.payments;

/**
 * Klarna's Payment Request states (single-L {@code CANCELED}). DECLINED, EXPIRED and CANCELED are
 * final; COMPLETED waits for the final authorization.
 */
public enum PaymentRequestState {
  SUBMITTED,
  IN_PROGRESS,
  COMPLETED,
  DECLINED,
  EXPIRED,
  CANCELED;

  public boolean isFinal() {
    return this == DECLINED || this == EXPIRED || this == CANCELED;
  }

  /** Klarna's text, or null for a state this gateway does not know. */
  public static PaymentRequestState parse(String text) {
    for (PaymentRequestState s : values()) {
      if (s.name().equals(text)) {
        return s;
      }
    }
    return null;
  }
}
