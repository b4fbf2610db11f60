package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's payments search, as query parameters. What cannot be read is left out of the search
 * and said so ({@link #notes()}), never silently.
 */
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

  /**
   * The money status ({@code captured}, {@code refunded}, ...): whether the shopper was charged.
   */
  @QueryParam("money")
  String money;

  MoneyStatus moneyStatus() {
    try {
      return money == null || money.isBlank() ? null : MoneyStatus.fromWire(money);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("sort")
  String sort;

  @QueryParam("page")
  String page;

  @QueryParam("size")
  String size;

  /** The page sizes people may choose. */
  static final List<Integer> SIZES = List.of(25, 50, 100);

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

  /** The search; dates are days in {@code zone} (the merchant's), from its midnight to the next. */
  PaymentFilter filter(Instant now, ZoneId zone) {
    LocalDate fromDay = day(from);
    LocalDate toDay = day(to);
    return new PaymentFilter(
        null,
        Forms.enumOf(PaymentStatus.class, status),
        Forms.blankToNull(store),
        Forms.blankToNull(terminal),
        fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(),
        Forms.blankToNull(q == null ? null : q.strip()),
        "QR_CODE".equals(method) || "HANDOVER".equals(method) ? method : null,
        Forms.enumOf(PaymentFilter.Sort.class, sort),
        expiringDays() == null ? null : now.plus(Duration.ofDays(expiringDays())),
        moneyStatus());
  }

  /** The merchant to narrow to: the user's own when limited to one, else the one picked. */
  String merchant(String scope) {
    return scope != null ? scope : Forms.blankToNull(merchant);
  }

  /** The page asked for, from 0 (the query's {@code page} counts from 0 too). */
  int page() {
    try {
      return page == null || page.isBlank() ? 0 : Math.max(0, Integer.parseInt(page.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  int size() {
    try {
      int n = size == null ? SIZES.get(0) : Integer.parseInt(size.strip());
      return SIZES.contains(n) ? n : SIZES.get(0);
    } catch (NumberFormatException e) {
      return SIZES.get(0);
    }
  }

  /** What of the search could not be read and was left out, in words. */
  List<String> notes() {
    var notes = new ArrayList<String>();
    if (from != null && !from.isBlank() && day(from) == null) {
      notes.add(
          "\u201c"
              + from.strip()
              + "\u201d is not a date (YYYY-MM-DD): the From date was left out.");
    }
    if (to != null && !to.isBlank() && day(to) == null) {
      notes.add(
          "\u201c" + to.strip() + "\u201d is not a date (YYYY-MM-DD): the To date was left out.");
    }
    LocalDate f = day(from);
    LocalDate t = day(to);
    if (f != null && t != null && t.isBefore(f)) {
      notes.add("The To date is before the From date: nothing can match.");
    }
    if (status != null && !status.isBlank() && Forms.enumOf(PaymentStatus.class, status) == null) {
      notes.add("\u201c" + status.strip() + "\u201d is not a status: any status is shown.");
    }
    if (money != null && !money.isBlank() && moneyStatus() == null) {
      notes.add("\u201c" + money.strip() + "\u201d is not a money status: any is shown.");
    }
    if (page != null && !page.isBlank() && !page.strip().matches("\\d{1,9}")) {
      notes.add("\u201c" + page.strip() + "\u201d is not a page number: the first page is shown.");
    }
    return notes;
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
    v.put("money", moneyStatus() == null ? "" : moneyStatus().wire());
    v.put("from", day(from) == null ? "" : from);
    v.put("to", day(to) == null ? "" : to);
    v.put("sort", text(sort));
    v.put("expiring", expiringDays() == null ? "" : String.valueOf(expiringDays()));
    v.put("size", String.valueOf(size()));
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
