package com.stepup.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The Settlements API v1's query parameters, read as strictly as Klarna does (§12.3). */
final class SettlementParams {

  static final int MAX_SIZE = 500;

  private SettlementParams() {}

  static Instant date(String name, String value, boolean endOfDay) {
    if (value == null) {
      return null;
    }
    try {
      if (value.length() == 10) {
        // "If no time is given then it defaults to the start of the day"
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new SettlementsError(400, "BAD_VALUE", name + " must be an ISO 8601 date or date-time");
    }
  }

  static String currency(String value) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[A-Z]{3}")) {
      throw new SettlementsError(400, "BAD_VALUE", "currency_code must be an ISO 4217 code");
    }
    return value;
  }

  static int size(String value) {
    if (value == null) {
      return 20;
    }
    try {
      int s = Integer.parseInt(value);
      if (s >= 1 && s <= MAX_SIZE) {
        return s;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new SettlementsError(400, "BAD_VALUE", "size must be an integer from 1 to " + MAX_SIZE);
  }

  static int offset(String value) {
    if (value == null) {
      return 0;
    }
    try {
      int o = Integer.parseInt(value);
      if (o >= 0) {
        return o;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new SettlementsError(400, "BAD_VALUE", "offset must be a non-negative integer");
  }
}
