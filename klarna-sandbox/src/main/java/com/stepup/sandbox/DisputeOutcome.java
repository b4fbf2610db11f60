package com.stepup.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * Klarna's decision on a dispute (KLARNA-API.md §11.3), preliminary ({@code preliminary_outcome})
 * or binding ({@code dispute_outcome}): won or lost for the partner. The names are Klarna's words
 * on the wire.
 */
enum DisputeOutcome {
  WON,
  LOST;

  /** The outcome {@code value} names exactly; empty for any other word. */
  static Optional<DisputeOutcome> of(String value) {
    return Arrays.stream(values()).filter(o -> o.name().equals(value)).findFirst();
  }
}
