package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.errors.DomainError;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the console's form controllers share: trimmed input, and field errors by form field. */
final class Forms {

  private Forms() {}

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * The refusal's field errors keyed by form field, first message per field; {@code prefix} is
   * dropped from names, since the forms are flat ({@code address.country} is {@code country}).
   */
  static Map<String, String> byField(DomainError refused, String prefix) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError e : refused.errors()) {
      String field =
          prefix != null && e.field().startsWith(prefix)
              ? e.field().substring(prefix.length())
              : e.field();
      errors.putIfAbsent(field, e.message());
    }
    return errors;
  }

  /** The constant a form value names, in any case; null when blank or not one of them. */
  static <E extends Enum<E>> E enumOf(Class<E> type, String text) {
    try {
      return text == null || text.isBlank()
          ? null
          : Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
