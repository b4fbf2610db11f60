package com.stepup.gateway.platform;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
   * What a person typed in major units, read with US conventions (see {@link #parse}); empty for
   * blank.
   */
  public static Optional<Long> minor(String typed, String currency) {
    return parse(typed, currency, LOCALE);
  }

  /**
   * What a person typed in major units as minor units, exactly, read as people write numbers:
   * "40,00" and "40.00" are both 40.00; "1.234,56" and "1,234.56" are both 1234.56, whatever the
   * locale. The locale (the browser's language) only settles the one case that is ambiguous by
   * itself: a single separator followed by exactly three digits ("1,234"), which is a thousands
   * separator when it is the locale's grouping sign and a decimal point when it is the locale's
   * decimal sign. A separator used both ways ("4,5,0"), groups that are not of three digits, or
   * more decimals than the currency has ("¥12.5", "$0.001", even "$1.500", which could be a
   * thousand and a half) are refused with a message that says why; so is anything not positive.
   * Empty for blank. A leading or trailing currency code or sign ("€", "EUR") is allowed.
   */
  public static Optional<Long> parse(String typed, String currency, Locale locale) {
    if (typed == null || typed.isBlank()) {
      return Optional.empty();
    }
    String shown = typed.strip();
    String text = withoutCurrency(shown, currency, locale);
    // spaces of every kind and the Swiss apostrophe only ever group digits
    text = text.replaceAll("[\\s\\u00a0\\u202f\\u2009'’]", "");
    if (text.startsWith("-") || text.startsWith("\u2212")) {
      throw new IllegalArgumentException("the amount must be more than 0");
    }
    if (text.startsWith("+")) {
      text = text.substring(1);
    }
    if (text.isEmpty() || !text.matches("[0-9.,]+") || !Character.isDigit(text.charAt(0))) {
      throw new IllegalArgumentException("\"" + shown + "\" is not an amount");
    }
    int lastDot = text.lastIndexOf('.');
    int lastComma = text.lastIndexOf(',');
    char decimal;
    if (lastDot >= 0 && lastComma >= 0) {
      decimal = lastDot > lastComma ? '.' : ',';
    } else if (lastDot < 0 && lastComma < 0) {
      decimal = 0;
    } else {
      char sign = lastDot >= 0 ? '.' : ',';
      int count = (int) text.chars().filter(c -> c == sign).count();
      int after = text.length() - text.lastIndexOf(sign) - 1;
      if (count > 1) {
        decimal = 0; // several: they group ("1.234.567"), checked below
      } else if (after != 3) {
        decimal = sign; // "40,00", "4,5", "12.50"
      } else {
        DecimalFormatSymbols symbols =
            DecimalFormatSymbols.getInstance(locale == null ? LOCALE : locale);
        char localeDecimal = symbols.getMonetaryDecimalSeparator();
        if (sign == localeDecimal
            || (localeDecimal != '.' && localeDecimal != ',' && sign == '.')) {
          decimal = sign;
        } else {
          decimal = 0;
        }
      }
    }
    String whole = decimal == 0 ? text : text.substring(0, text.lastIndexOf(decimal));
    String fraction = decimal == 0 ? "" : text.substring(text.lastIndexOf(decimal) + 1);
    char grouping = decimal == '.' ? ',' : decimal == ',' ? '.' : whole.contains(".") ? '.' : ',';
    if (decimal != 0 && (fraction.isEmpty() || !fraction.chars().allMatch(Character::isDigit))) {
      throw new IllegalArgumentException(
          "\"" + shown + "\" is ambiguous: use one decimal sign and group thousands by three");
    }
    if (whole.indexOf(grouping) >= 0 || whole.indexOf(decimal == 0 ? '\0' : decimal) >= 0) {
      String[] groups = whole.split(Pattern.quote(String.valueOf(grouping)), -1);
      boolean good =
          whole.chars().allMatch(c -> Character.isDigit(c) || c == grouping)
              && groups[0].length() >= 1
              && groups[0].length() <= 3;
      for (int i = 1; good && i < groups.length; i++) {
        good = groups[i].length() == 3;
      }
      if (!good) {
        throw new IllegalArgumentException(
            "\"" + shown + "\" is ambiguous: use one decimal sign and group thousands by three");
      }
    }
    String digits = whole.replace(String.valueOf(grouping), "");
    int exponent = exponent(currency);
    if (fraction.length() > exponent) {
      throw new IllegalArgumentException(
          currency + " has " + (exponent == 0 ? "no" : String.valueOf(exponent)) + " decimals");
    }
    BigDecimal value = new BigDecimal(digits + (fraction.isEmpty() ? "" : "." + fraction));
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("the amount must be more than 0");
    }
    try {
      return Optional.of(value.movePointRight(exponent).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the amount is too large");
    }
  }

  private static String withoutCurrency(String text, String currency, Locale locale) {
    if (currency == null) {
      return text;
    }
    List<String> marks = new ArrayList<>(List.of(currency));
    try {
      Currency known = Currency.getInstance(currency);
      marks.add(known.getSymbol(locale == null ? LOCALE : locale));
      marks.add(known.getSymbol(LOCALE));
      marks.add(known.getSymbol(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // an unknown code: only the code itself
    }
    marks.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String mark : marks) {
      if (mark.isEmpty()) {
        continue;
      }
      if (out.regionMatches(true, 0, mark, 0, mark.length())) {
        out = out.substring(mark.length()).strip();
      } else if (out.length() >= mark.length()
          && out.regionMatches(true, out.length() - mark.length(), mark, 0, mark.length())) {
        out = out.substring(0, out.length() - mark.length()).strip();
      }
    }
    return out;
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
