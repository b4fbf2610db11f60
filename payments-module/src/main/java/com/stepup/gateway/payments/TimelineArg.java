package com.stepup.gateway.payments;

import com.stepup.gateway.platform.Amounts;

/**
 * A value a {@link TimelineEvent} speaks of: an amount (minor units and currency) or a text the
 * domain does not compose (an id, Klarna's state, result or error, a person's name).
 */
public sealed interface TimelineArg {

  /** The value as English readers (the partner API) see it. */
  String english();

  static TimelineArg text(Object value) {
    return new Text(String.valueOf(value));
  }

  static TimelineArg amount(long minor, String currency) {
    return new Amount(minor, currency);
  }

  /** An id, a Klarna word or error, a name: shown as it is (the console translates Klarna's). */
  record Text(String value) implements TimelineArg {
    @Override
    public String english() {
      return value;
    }
  }

  /** Money, as integer minor units of an ISO currency. */
  record Amount(long minor, String currency) implements TimelineArg {
    @Override
    public String english() {
      return Amounts.format(minor, currency);
    }
  }
}
