package com.stepup.sandbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
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

  /**
   * The moves from each state, made once: the sweeper asks every request five times a second, and a
   * new set per question was most of the sweep's work.
   */
  private static final Map<PaymentRequestState, Set<PaymentRequestState>> NEXT = moves();

  private static Map<PaymentRequestState, Set<PaymentRequestState>> moves() {
    Map<PaymentRequestState, Set<PaymentRequestState>> moves =
        new EnumMap<>(PaymentRequestState.class);
    for (PaymentRequestState s : values()) {
      Set<PaymentRequestState> next =
          switch (s) {
            case SUBMITTED -> EnumSet.of(IN_PROGRESS, EXPIRED, CANCELED);
            case IN_PROGRESS -> EnumSet.of(SUBMITTED, COMPLETED, DECLINED, EXPIRED, CANCELED);
            case COMPLETED -> EnumSet.of(CANCELED, EXPIRED);
            case DECLINED, EXPIRED, CANCELED -> EnumSet.noneOf(PaymentRequestState.class);
          };
      moves.put(s, Collections.unmodifiableSet(next));
    }
    return moves;
  }

  public Set<PaymentRequestState> next() {
    return NEXT.get(this);
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
