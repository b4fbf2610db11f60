package com.stepup.gateway.payments;

import java.time.Instant;

/**
 * What a payments list is narrowed to; null fields do not narrow.
 *
 * @param query a reference, payment id, Klarna payment request id or transaction id
 * @param method {@code QR_CODE} (in store) or {@code HANDOVER} (online)
 * @param uncapturedExpiringBefore authorized payments with something left to capture whose
 *     authorization expires before this instant
 */
public record PaymentFilter(
    String reference,
    PaymentStatus status,
    String storeReference,
    String terminalReference,
    Instant createdFrom,
    Instant createdTo,
    String query,
    String method,
    Sort sort,
    Instant uncapturedExpiringBefore) {

  /** The order of a list. */
  public enum Sort {
    NEWEST,
    OLDEST,
    AMOUNT_HIGH,
    AMOUNT_LOW
  }

  /** The partner API's filter: newest first. */
  public PaymentFilter(
      String reference,
      PaymentStatus status,
      String storeReference,
      String terminalReference,
      Instant createdFrom,
      Instant createdTo) {
    this(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        null,
        null,
        null,
        null);
  }

  public static PaymentFilter none() {
    return new PaymentFilter(null, null, null, null, null, null);
  }
}
