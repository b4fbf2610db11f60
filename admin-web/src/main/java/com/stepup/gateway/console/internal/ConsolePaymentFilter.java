package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The console's payments search, as query parameters; what cannot be read is ignored. */
public class ConsolePaymentFilter {

  @QueryParam("q")
  String q;

  @QueryParam("merchant")
  String merchant;

  @QueryParam("store")
  String store;

  @QueryParam("terminal")
  String terminal;

  @QueryParam("status")
  String status;

  @QueryParam("method")
  String method;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("sort")
  String sort;

  @QueryParam("page")
  Integer page;

  /** Authorized, not fully captured, and the authorization expires within this many days. */
  @QueryParam("expiring")
  String expiring;

  /** {@code expiring} as a number of days (1 to 60), else null. */
  Integer expiringDays() {
    try {
      int days = Integer.parseInt(text(expiring).strip());
      return days >= 1 && days <= 60 ? days : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  PaymentFilter filter(java.time.Instant now) {
    LocalDate fromDay = day(from);
    LocalDate toDay = day(to);
    return new PaymentFilter(
        null,
        Forms.enumOf(PaymentStatus.class, status),
        Forms.blankToNull(store),
        Forms.blankToNull(terminal),
        fromDay == null ? null : fromDay.atStartOfDay().toInstant(ZoneOffset.UTC),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
        Forms.blankToNull(q == null ? null : q.strip()),
        "QR_CODE".equals(method) || "HANDOVER".equals(method) ? method : null,
        Forms.enumOf(PaymentFilter.Sort.class, sort),
        expiringDays() == null ? null : now.plus(java.time.Duration.ofDays(expiringDays())));
  }

  /** The merchant to narrow to: the user's own when limited to one, else the one picked. */
  String merchant(String scope) {
    return scope != null ? scope : Forms.blankToNull(merchant);
  }

  int page() {
    return page == null || page < 0 ? 0 : page;
  }

  /** The form's values, to show them again and to build links (CSV, paging). */
  Map<String, String> values() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("q", text(q));
    v.put("merchant", text(merchant));
    v.put("store", text(store));
    v.put("terminal", text(terminal));
    v.put("status", text(status));
    v.put("method", text(method));
    v.put("from", day(from) == null ? "" : from);
    v.put("to", day(to) == null ? "" : to);
    v.put("sort", text(sort));
    v.put("expiring", expiringDays() == null ? "" : String.valueOf(expiringDays()));
    return v;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static LocalDate day(String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
