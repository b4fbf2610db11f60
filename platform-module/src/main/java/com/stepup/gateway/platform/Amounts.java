package com.stepup.gateway.platform;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as people read them: minor units shifted by the currency's own ISO 4217 exponent (JPY has
 * none, USD two, KWD three), grouped, with the currency's sign: ¥5,000, $12,345.67, KWD 1.234.
 * Amounts are kept and sent as integer minor units everywhere else.
 */
public final class Amounts {

  private static final Locale LOCALE = Locale.US;

  private Amounts() {}

  /** The currency's exponent: the number of its minor-unit digits (0 when it has none). */
  public static int exponent(String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      return 2;
    }
  }

  /** The amount in major units, exactly, as a decimal string: "5000", "12345.67", "1.234". */
  public static String major(long minor, String currency) {
    return BigDecimal.valueOf(minor, exponent(currency)).toPlainString();
  }

  /** For display: "¥5,000", "$12,345.67", "KWD 1.234"; an unknown code after the number. */
  public static String format(long minor, String currency) {
    int exponent = exponent(currency);
    BigDecimal value = BigDecimal.valueOf(minor, exponent);
    Currency known;
    try {
      known = Currency.getInstance(currency);
    } catch (IllegalArgumentException | NullPointerException e) {
      NumberFormat plain = NumberFormat.getNumberInstance(LOCALE);
      plain.setMinimumFractionDigits(exponent);
      plain.setMaximumFractionDigits(exponent);
      return plain.format(value) + (currency == null ? "" : " " + currency);
    }
    NumberFormat money = NumberFormat.getCurrencyInstance(LOCALE);
    money.setCurrency(known);
    money.setMinimumFractionDigits(exponent);
    money.setMaximumFractionDigits(exponent);
    String text = money.format(value.abs()).replace('\u00a0', ' ');
    String code = known.getCurrencyCode();
    if (text.startsWith(code) && !text.startsWith(code + " ")) {
      // Java writes a symbol that is the code ("KWD") right against the number
      text = code + " " + text.substring(code.length());
    }
    return minor < 0 ? "-" + text : text;
  }
}
