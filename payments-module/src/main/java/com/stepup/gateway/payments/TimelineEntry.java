package com.stepup.gateway.payments;

import java.time.Instant;

/**
 * One thing that happened to a payment: a partner call, a Klarna call (tokens and secrets
 * redacted), a signal about the Klarna request, a state change or an operator's action.
 */
public record TimelineEntry(
    long id,
    Instant at,
    Kind kind,
    String summary,
    String detail,
    PaymentStatus status,
    PaymentRequestState requestState) {

  /** Where the entry comes from. */
  public enum Kind {
    PARTNER,
    KLARNA_CALL,
    KLARNA_SIGNAL,
    STATE_CHANGE,
    OPERATOR,
    JANITOR
  }
}
