package com.stepup.gateway.payments.internal;

/** An amount in minor units of an ISO 4217 currency; never a fraction, never negative. */
record Money(long amount, String currency) {

  Money {
    if (amount < 0) {
      throw new IllegalArgumentException("a negative amount: " + amount);
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("not an ISO 4217 code: " + currency);
    }
  }
}
