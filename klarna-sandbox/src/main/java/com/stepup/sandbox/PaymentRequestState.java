package com.stepup.sandbox;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Klarna's Payment Request states and the moves between them: SUBMITTED → IN_PROGRESS → COMPLETED /
 * DECLINED; IN_PROGRESS → SUBMITTED when the shopper aborts; EXPIRED and CANCELED from any open
 * state (CANCELED also from COMPLETED until the final authorization).
 */
public enum PaymentRequestState {
  SUBMITTED,
  IN_PROGRESS,
  COMPLETED,
  DECLINED,
  EXPIRED,
  CANCELED;

  public Set<PaymentRequestState> next() {
    return switch (this) {
      case SUBMITTED -> EnumSet.of(IN_PROGRESS, EXPIRED, CANCELED);
      case IN_PROGRESS -> EnumSet.of(SUBMITTED, COMPLETED, DECLINED, EXPIRED, CANCELED);
      case COMPLETED -> EnumSet.of(CANCELED, EXPIRED);
      case DECLINED, EXPIRED, CANCELED -> EnumSet.noneOf(PaymentRequestState.class);
    };
  }

  public boolean canMoveTo(PaymentRequestState target) {
    return next().contains(target);
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  /** The webhook event type for entering this state, e.g. {@code ...state-change.in-progress}. */
  public String eventType() {
    return "payment.request.state-change." + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
