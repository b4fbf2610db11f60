package com.stepup.gateway.disputes;

/**
 * A dispute's state, in Klarna's words and order (KLARNA-API.md §11.4): INITIATED → REPRESENTMENT →
 * PRE_ARBITRATION → ARBITRATION → CLOSED, some steps skipped. A state never follows a later one, so
 * a late or repeated event for an earlier state changes nothing.
 */
public enum DisputeState {
  INITIATED,
  REPRESENTMENT,
  PRE_ARBITRATION,
  ARBITRATION,
  CLOSED;

  /** Klarna's order: true when {@code this} may follow {@code other}. */
  public boolean isAfter(DisputeState other) {
    return ordinal() > other.ordinal();
  }

  public boolean isOpen() {
    return this != CLOSED;
  }

  /** Evidence ({@code represent}) is taken in INITIATED only. */
  public boolean takesEvidence() {
    return this == INITIATED;
  }

  /** An appeal is taken in PRE_ARBITRATION only (a preliminary LOST). */
  public boolean takesAppeal() {
    return this == PRE_ARBITRATION;
  }

  /** The loss can be accepted in INITIATED or PRE_ARBITRATION. */
  public boolean takesAcceptance() {
    return this == INITIATED || this == PRE_ARBITRATION;
  }

  public static DisputeState fromWire(String state) {
    return valueOf(state);
  }
}
