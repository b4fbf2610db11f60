package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a payment: a partner call, a Klarna call (tokens and secrets
 * redacted), a signal about the Klarna request, a state change or an operator's action. {@code
 * event} and {@code args} say what happened; {@code summary} is its English sentence for the
 * partner API. Rows written before the timeline was typed have no event: their summary is what was
 * stored.
 */
public record TimelineEntry(
    long id,
    Instant at,
    Kind kind,
    TimelineEvent event,
    List<TimelineArg> args,
    String summary,
    String detail,
    PaymentStatus status,
    PaymentRequestState requestState) {

  public TimelineEntry {
    args = args == null ? List.of() : List.copyOf(args);
  }

  /** An entry written before the timeline was typed: words only. */
  public TimelineEntry(
      long id,
      Instant at,
      Kind kind,
      String summary,
      String detail,
      PaymentStatus status,
      PaymentRequestState requestState) {
    this(id, at, kind, null, List.of(), summary, detail, status, requestState);
  }

  /** Where the entry comes from. */
  public enum Kind {
    PARTNER,
    KLARNA_CALL,
    KLARNA_SIGNAL,
    STATE_CHANGE,
    OPERATOR,
    JANITOR,
    /** What the shopper was shown: the QR code on the terminal's display, or Klarna's journey. */
    SHOPPER
  }
}
