package com.stepup.gateway.klarna;

import java.util.List;
import java.util.stream.Stream;

/**
 * Klarna's names that more than one class of the gateway needs: headers, the token's two
 * generations of names, and the webhook event types. Every path sits in {@code internal.KlarnaApi};
 * every body field in the record that writes or reads it, all in this module. Which of them are
 * Klarna's documented names and which are inferred is written in {@code docs/klarna-wire.md}.
 */
public final class KlarnaWire {

  private KlarnaWire() {}

  // -- headers ---------------------------------------------------------------------------------

  /** The Partner's token on an initial authorize, and Klarna's token on the final one (current). */
  public static final String NETWORK_SESSION_TOKEN = "Klarna-Network-Session-Token";

  /** The older name of the Partner's token on an initial authorize. */
  public static final String INTEROPERABILITY_TOKEN = "Klarna-Interoperability-Token";

  /** Klarna's final-authorization token under its legacy name. */
  public static final String PAYMENT_TOKEN = "Klarna-Payment-Token";

  /** On every POST and PATCH: a repeat with the same key gets the first result (24 h). */
  public static final String IDEMPOTENCY_KEY = "Klarna-Idempotency-Key";

  /** One-line JSON naming the integrator, on every call. */
  public static final String INTEGRATION_METADATA = "Klarna-Integration-Metadata";

  // -- body fields with two generations of names -----------------------------------------------

  /** The Partner's serialized network data (current name). */
  public static final String NETWORK_DATA = "klarna_network_data";

  /** The older name of {@link #NETWORK_DATA}. */
  public static final String INTEROPERABILITY_DATA = "interoperability_data";

  // -- webhook event types -----------------------------------------------------------------------

  public static final String REQUEST_STATE_CHANGE = "payment.request.state-change.";
  public static final String TRANSACTION_STATE_CHANGE = "payment.transaction.state-change.";

  /** A capture was made (by anyone): confirmed name (KLARNA-API.md Part three). */
  public static final String TRANSACTION_CAPTURED = "payment.transaction.captured";

  /** A refund was made (by anyone): the name is inferred from the captured event's. */
  public static final String TRANSACTION_REFUNDED = "payment.transaction.refunded";

  /**
   * Every dispute event: {@code payment.dispute.state-change.<state>} and {@code
   * payment.dispute.updated.<what>} (KLARNA-API.md §11.7, confirmed from Klarna's SDK).
   */
  public static final String DISPUTE_EVENTS = "payment.dispute.";

  /**
   * Klarna's settlement report is ready (KLARNA-API.md §12.1: after a settlement run, "includes
   * links to the reports"); its payload is not public, so the gateway reads nothing from it.
   */
  public static final String SETTLEMENT_REPORT_CREATED = "settlement.report.created";

  /**
   * What the gateway's own webhook cannot do without: payments, their money and disputes. A Klarna
   * that refuses the rest of {@link #SUBSCRIBED_EVENTS} still gets these.
   */
  public static final List<String> REQUIRED_EVENTS =
      List.of(
          REQUEST_STATE_CHANGE + "*",
          TRANSACTION_STATE_CHANGE + "*",
          TRANSACTION_CAPTURED,
          TRANSACTION_REFUNDED,
          DISPUTE_EVENTS + "*");

  /**
   * What the gateway's own webhook subscribes to: the {@link #REQUIRED_EVENTS} and the settlement
   * report, which only starts the settlement import sooner than its daily timer.
   */
  public static final List<String> SUBSCRIBED_EVENTS =
      Stream.concat(REQUIRED_EVENTS.stream(), Stream.of(SETTLEMENT_REPORT_CREATED)).toList();

  /** Whether the event says a settlement report is ready. */
  public static boolean isSettlementEvent(String eventType) {
    return SETTLEMENT_REPORT_CREATED.equals(eventType);
  }

  /** Whether the event is about a dispute (its payload names it by {@code payment_dispute_id}). */
  public static boolean isDisputeEvent(String eventType) {
    return eventType.startsWith(DISPUTE_EVENTS);
  }

  /** Whether the event is about a Payment Transaction (a state change, a capture, a refund). */
  public static boolean isTransactionEvent(String eventType) {
    return eventType.startsWith(TRANSACTION_STATE_CHANGE)
        || eventType.equals(TRANSACTION_CAPTURED)
        || eventType.equals(TRANSACTION_REFUNDED);
  }
}
