package com.stepup.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The event types the sandbox sends (KLARNA-API.md §7, §10.1, §11.7), in one list. */
final class EventTypes {

  /** Every successful capture, whoever made it (Klarna: "every ... capture operation triggers"). */
  static final String TRANSACTION_CAPTURED = "payment.transaction.captured";

  /** Every refund (the name inferred from the capture's). */
  static final String TRANSACTION_REFUNDED = "payment.transaction.refunded";

  static final String DISPUTE_DEADLINE_EXTENDED =
      "payment.dispute.updated.representment-deadline-extended";

  static final List<String> ALL =
      Stream.of(
              Arrays.stream(PaymentRequestState.values()).map(PaymentRequestState::eventType),
              Arrays.stream(TransactionState.values()).map(TransactionState::eventType),
              Stream.of(TRANSACTION_CAPTURED, TRANSACTION_REFUNDED),
              Arrays.stream(DisputeState.values()).map(DisputeState::eventType),
              Stream.of(DISPUTE_DEADLINE_EXTENDED))
          .flatMap(s -> s)
          .toList();

  private EventTypes() {}
}
