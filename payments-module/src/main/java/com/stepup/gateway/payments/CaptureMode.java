package com.stepup.gateway.payments;

import java.util.Locale;

/**
 * Whether the authorize that creates Klarna's transaction also captures it (KLARNA-API.md §10.2).
 * Its text is the contract's word, {@code automatic} or {@code manual}: what the API, the CSV and
 * the console's message keys say.
 */
public enum CaptureMode {
  AUTOMATIC,
  MANUAL;

  /** The contract's spelling: {@code automatic} or {@code manual}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode a contract word names; null for anything else. */
  public static CaptureMode fromWire(String text) {
    for (CaptureMode mode : values()) {
      if (mode.wire().equals(text)) {
        return mode;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return wire();
  }
}
