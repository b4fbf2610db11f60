package com.stepup.gateway.payments.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a console search box's text can mean besides an exact id: a word anywhere in the reference,
 * a bare Klarna UUID (the tail of Klarna's ids), or an amount as people type it ("118", "118.00",
 * "12,345.67", "5000"), matched per currency exponent so "118" finds $118.00 and ¥118 but not
 * ¥11,800.
 */
record SearchTerms(String inside, String klarnaUuid, List<Amount> amounts) {

  /** An amount in minor units and the currencies whose exponent makes the typed text that. */
  record Amount(long minor, List<String> currencies) {}

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern AMOUNT =
      Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d{1,3})?|\\d{1,15}(\\.\\d{1,3})?");

  /** The largest amount searched for, in minor units: far above any payment, far below overflow. */
  static final BigDecimal MAX_MINOR = BigDecimal.valueOf(999_999_999_999_999L);

  static SearchTerms of(String query) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    String inside = "%" + q.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    String uuid = UUID.matcher(q).matches() ? q : null;
    List<Amount> amounts = new ArrayList<>();
    if (AMOUNT.matcher(q).matches()) {
      BigDecimal value = new BigDecimal(q.replace(",", ""));
      for (int exponent : new int[] {0, 2, 3}) {
        BigDecimal minor = value.movePointRight(exponent);
        // an amount no payment can have (past MAX_MINOR) is no amount: the words still search
        if (value.scale() <= exponent && minor.compareTo(MAX_MINOR) <= 0) {
          amounts.add(new Amount(minor.longValueExact(), byExponent(exponent)));
        }
      }
    }
    return new SearchTerms(inside, uuid, amounts);
  }

  private static final List<List<String>> BY_EXPONENT =
      List.of(codes(0), List.of(), codes(2), codes(3));

  private static List<String> byExponent(int exponent) {
    return BY_EXPONENT.get(exponent);
  }

  private static List<String> codes(int exponent) {
    return Currency.getAvailableCurrencies().stream()
        .filter(c -> c.getDefaultFractionDigits() == exponent)
        .map(Currency::getCurrencyCode)
        .sorted()
        .toList();
  }
}
