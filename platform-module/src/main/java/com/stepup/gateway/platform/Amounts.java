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

  /**
   * What a person typed in major units ("12.50", "5,000", "1.234") as minor units, exactly; empty
   * for blank. A number with more decimals than the currency has, not positive, or not a number is
   * refused with a message that says why.
   */
  public static java.util.Optional<Long> minor(String typed, String currency) {
    if (typed == null || typed.isBlank()) {
      return java.util.Optional.empty();
    }
    String text = typed.strip().replace(",", "").replace(" ", "");
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + typed.strip() + "\" is not an amount");
    }
    int exponent = exponent(currency);
    if (value.stripTrailingZeros().scale() > exponent) {
      throw new IllegalArgumentException(
          currency + " has " + (exponent == 0 ? "no" : String.valueOf(exponent)) + " decimals");
    }
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("the amount must be more than 0");
    }
    try {
      return java.util.Optional.of(value.movePointRight(exponent).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the amount is too large");
    }
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
