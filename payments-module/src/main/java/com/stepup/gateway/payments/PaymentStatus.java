package com.stepup.gateway.payments;

import java.util.Locale;

/** A payment's status as the partner sees it. Only {@code PENDING} can change. */
public enum PaymentStatus {
  PENDING,
  AUTHORIZED,
  DECLINED,
  EXPIRED,
  CANCELED,
  FAILED;

  public boolean isFinal() {
    return this != PENDING;
  }

  /** The contract's spelling: {@code pending}, {@code authorized}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PaymentStatus fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
