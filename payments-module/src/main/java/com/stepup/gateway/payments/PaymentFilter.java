package com.stepup.gateway.payments;

import java.time.Instant;

/** What a payments list is narrowed to; null fields do not narrow. */
public record PaymentFilter(
    String reference,
    PaymentStatus status,
    String storeReference,
    String terminalReference,
    Instant createdFrom,
    Instant createdTo) {

  public static PaymentFilter none() {
    return new PaymentFilter(null, null, null, null, null, null);
  }
}
