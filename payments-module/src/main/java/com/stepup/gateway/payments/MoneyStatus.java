package com.stepup.gateway.payments;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the shopper was charged, derived from the amounts alone (issue 29): the answer the
 * payment's {@link PaymentStatus} cannot give, since a released, a captured and a refunded payment
 * are all {@code authorized}. Its words ({@link #wire()}) are the contract's {@code money_status}.
 */
public enum MoneyStatus {
  /** Nothing was authorized: the payment is pending, declined, expired, canceled or failed. */
  NONE,
  /** Authorized and waiting: nothing captured yet, the authorization still open. */
  UNCAPTURED,
  /** Part captured; the rest can still be captured. */
  PARTIALLY_CAPTURED,
  /** Charged: all captured, or part captured and the rest released or run out. */
  CAPTURED,
  /** Charged, and part of it given back. */
  PARTIALLY_REFUNDED,
  /** Charged, and all of it given back. */
  REFUNDED,
  /** Never charged: the authorization was released (voided) before any capture. */
  RELEASED,
  /** Never charged: the authorization ran out before any capture. */
  EXPIRED_UNCAPTURED;

  private static final String AUTHORIZED = "AUTHORIZED";
  private static final String EXPIRED = "EXPIRED";
  private static final String CLOSED = "CLOSED";

  /**
   * The money status of a payment.
   *
   * @param status the payment's status: only an authorized payment holds money
   * @param amounts authorized, captured, refunded and released, in minor units
   * @param transactionState the Klarna transaction's state ({@code AUTHORIZED}, {@code COMPLETED},
   *     {@code CLOSED}, {@code EXPIRED}), null when there is none
   */
  public static MoneyStatus of(
      PaymentStatus status, PaymentView.Amounts amounts, String transactionState) {
    if (status != PaymentStatus.AUTHORIZED || amounts == null || amounts.authorized() <= 0) {
      return NONE;
    }
    if (amounts.refunded() > 0) {
      return amounts.refunded() >= amounts.captured() ? REFUNDED : PARTIALLY_REFUNDED;
    }
    if (amounts.captured() > 0) {
      boolean more =
          amounts.captured() + amounts.released() < amounts.authorized()
              && (transactionState == null || AUTHORIZED.equals(transactionState));
      return more ? PARTIALLY_CAPTURED : CAPTURED;
    }
    if (amounts.released() > 0 || CLOSED.equals(transactionState)) {
      return RELEASED;
    }
    if (EXPIRED.equals(transactionState)) {
      return EXPIRED_UNCAPTURED;
    }
    return UNCAPTURED;
  }

  /** Whether the shopper's money was taken (and not all given back). */
  public boolean charged() {
    return this == CAPTURED || this == PARTIALLY_CAPTURED || this == PARTIALLY_REFUNDED;
  }

  /** The contract's spelling: {@code none}, {@code partially_captured}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From the contract's spelling; IllegalArgumentException naming the allowed words otherwise. */
  public static MoneyStatus fromWire(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("must be one of " + words());
    }
  }

  /** The words, comma-separated, in order. */
  public static String words() {
    return String.join(", ", Arrays.stream(values()).map(MoneyStatus::wire).toList());
  }
}
