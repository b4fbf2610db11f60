package com.stepup.sandbox;

import java.util.Arrays;
import java.util.Locale;

/**
 * What moves a Payment Request: the shopper on the journey page (or the test controls acting for
 * them), Klarna's clock, or the partner's cancel. Each names the state it leads to and the {@code
 * state_reason} Klarna gives; the word is the one the sandbox's control path takes ({@code POST
 * /sandbox/payment-requests/{id}/{action}}).
 */
public enum ShopperAction {
  OPEN(PaymentRequestState.IN_PROGRESS, null),
  COMPLETE(PaymentRequestState.COMPLETED, null),
  DECLINE(PaymentRequestState.DECLINED, null),
  ABORT(PaymentRequestState.SUBMITTED, "PURCHASE_FLOW_ABORTED"),
  EXPIRE(PaymentRequestState.EXPIRED, null),
  CANCEL(PaymentRequestState.CANCELED, "PARTNER_CANCELED");

  final PaymentRequestState target;
  final String reason;

  ShopperAction(PaymentRequestState target, String reason) {
    this.target = target;
    this.reason = reason;
  }

  /** The action named by {@code word} ({@code open}, {@code complete}, ...), or 404. */
  static ShopperAction of(String word) {
    return Arrays.stream(values())
        .filter(a -> a.word().equals(word))
        .findFirst()
        .orElseThrow(() -> KlarnaError.notFound("Action " + word));
  }

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
