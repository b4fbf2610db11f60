package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.WebUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code POST /api/v1/payments}, reporting every wrong field. */
final class PaymentInput {

  private PaymentInput() {}

  /** The fields of {@code POST /api/v1/payments}; any other is refused, named. */
  static final Set<String> FIELDS =
      Set.of(
          "amount",
          "currency",
          "reference",
          "store_id",
          "store_reference",
          "terminal_reference",
          "return_url",
          "app_return_url",
          "klarna_network_session_token",
          "interoperability_token",
          "klarna_network_data",
          "interoperability_data",
          "line_items",
          "capture_mode",
          "customer",
          "shipping",
          "expires_in_seconds");

  /** The Purchase Journey's lifetime Klarna allows (KLARNA-API.md §2.2): 15 minutes to 48 hours. */
  static final long MIN_EXPIRY_SECONDS = 900;

  static final long MAX_EXPIRY_SECONDS = 172_800;

  /** A partner's new payment: every wrong or unknown field named in one 400. */
  static NewPayment read(String body) {
    JsonInput in = JsonInput.parse(body);
    in.rejectUnknown(FIELDS);
    NewPayment payment = read(in, true);
    in.check();
    return payment;
  }

  /**
   * A payment's request as stored when it was taken, read again to rebuild Klarna's authorize: it
   * passed the rules of its day, so fields a later version would refuse are not held against it.
   */
  static NewPayment stored(String body) {
    return read(JsonInput.parse(body), false);
  }

  static NewPayment read(JsonInput in) {
    return read(in, true);
  }

  private static NewPayment read(JsonInput in, boolean strict) {
    long amount = in.integer("amount").orElse(0L);
    if (!in.has("amount")) {
      in.reject("amount", "is required");
    } else if (amount < 1 || amount > 100_000_000_000L) {
      in.reject("amount", "must be a whole number of minor units from 1");
    }
    String currency = in.requiredText("currency", 3);
    if (currency != null && !isCurrency(currency)) {
      in.reject("currency", "must be an ISO 4217 currency code in upper case, such as USD");
    }
    String reference = in.requiredText("reference", 255);
    Optional<String> storeId = in.text("store_id", 40);
    Optional<String> storeReference = in.text("store_reference", 100);
    if (storeId.isPresent() == storeReference.isPresent()) {
      in.reject("store_reference", "give either store_reference or store_id");
    }
    String terminal = in.text("terminal_reference", 100).orElse(null);
    String returnUrl = in.text("return_url", 2000).orElse(null);
    if (returnUrl != null && !WebUrls.isWebUrl(returnUrl)) {
      in.reject("return_url", "must be an absolute http(s) URL");
    } else if (returnUrl == null && terminal == null) {
      in.reject("return_url", "is required for an online payment (one without terminal_reference)");
    }
    String appReturnUrl = in.text("app_return_url", 2000).orElse(null);
    if (appReturnUrl != null && !isAppUrl(appReturnUrl)) {
      in.reject("app_return_url", "must be an absolute URI, such as shopapp://klarna");
    }
    String token = alias(in, "klarna_network_session_token", "interoperability_token", 8192);
    String data = alias(in, "klarna_network_data", "interoperability_data", 100_000);
    List<NewPayment.LineItem> lines = lineItems(in, amount, strict);
    String captureWord = in.text("capture_mode", 20).orElse(null);
    CaptureMode captureMode = CaptureMode.fromWire(captureWord);
    if (captureWord != null && captureMode == null) {
      in.reject("capture_mode", "must be automatic or manual");
    }
    NewPayment.Customer customer = PurchaseDataInput.customer(in, strict);
    NewPayment.Shipping shipping = PurchaseDataInput.shipping(in, strict);
    Integer expiresIn = null;
    if (in.has("expires_in_seconds")) {
      Optional<Long> seconds = in.integer("expires_in_seconds");
      if (seconds.isPresent()
          && (seconds.get() < MIN_EXPIRY_SECONDS || seconds.get() > MAX_EXPIRY_SECONDS)) {
        in.reject(
            "expires_in_seconds",
            "must be from "
                + MIN_EXPIRY_SECONDS
                + " (15 minutes) to "
                + MAX_EXPIRY_SECONDS
                + " (48 hours)");
      } else if (seconds.isPresent()) {
        expiresIn = seconds.get().intValue();
      }
    }
    return new NewPayment(
        amount,
        currency,
        reference,
        storeId.orElse(storeReference.orElse(null)),
        terminal,
        returnUrl,
        appReturnUrl,
        token,
        data,
        lines,
        captureMode,
        customer,
        shipping,
        expiresIn,
        token != null && !in.has("klarna_network_session_token"),
        data != null && !in.has("klarna_network_data"));
  }

  /** {@code POST /api/v1/payments/{id}/captures}. */
  static NewCapture capture(String body) {
    JsonInput in = JsonInput.parse(body == null || body.isBlank() ? "{}" : body);
    in.rejectUnknown(Set.of("amount", "line_items", "shipping"));
    Long amount = optionalAmount(in);
    List<NewPayment.LineItem> lines = lineItems(in, amount == null ? -1 : amount);
    NewCapture.Shipping shipping =
        in.object("shipping")
            .map(
                s -> {
                  s.rejectUnknown(Set.of("tracking_number", "tracking_url", "carrier"));
                  String url = s.text("tracking_url", 2000).orElse(null);
                  if (url != null && !WebUrls.isWebUrl(url)) {
                    s.reject("tracking_url", "must be an absolute http(s) URL");
                  }
                  return new NewCapture.Shipping(
                      s.text("tracking_number", 100).orElse(null),
                      url,
                      s.text("carrier", 100).orElse(null));
                })
            .orElse(null);
    in.check();
    return new NewCapture(
        amount == null && !lines.isEmpty() ? Long.valueOf(sum(lines)) : amount, lines, shipping);
  }

  /** {@code POST /api/v1/payments/{id}/refunds}. */
  static NewRefund refund(String body) {
    JsonInput in = JsonInput.parse(body == null || body.isBlank() ? "{}" : body);
    in.rejectUnknown(Set.of("amount", "capture_id", "reason", "line_items"));
    Long amount = optionalAmount(in);
    String captureId = in.text("capture_id", 40).orElse(null);
    String reason = in.text("reason", 255).orElse(null);
    List<NewPayment.LineItem> lines = lineItems(in, amount == null ? -1 : amount);
    in.check();
    return new NewRefund(
        amount == null && !lines.isEmpty() ? Long.valueOf(sum(lines)) : amount,
        captureId,
        reason,
        lines);
  }

  /** An optional {@code amount}: a whole number of minor units from 1, or absent for "all". */
  private static Long optionalAmount(JsonInput in) {
    if (!in.has("amount")) {
      return null;
    }
    Optional<Long> amount = in.integer("amount");
    if (amount.isPresent() && (amount.get() < 1 || amount.get() > 100_000_000_000L)) {
      in.reject("amount", "must be a whole number of minor units from 1");
    }
    return amount.orElse(null);
  }

  /**
   * The {@code line_items}, each checked; their totals must add up to {@code amount} (when it is
   * not -1: an amount that defaults to the rest is checked against the lines later).
   */
  private static List<NewPayment.LineItem> lineItems(JsonInput in, long amount) {
    return lineItems(in, amount, true);
  }

  private static List<NewPayment.LineItem> lineItems(JsonInput in, long amount, boolean strict) {
    List<NewPayment.LineItem> lines = new ArrayList<>();
    in.objects("line_items", 500)
        .ifPresent(
            items -> {
              for (JsonInput item : items) {
                if (strict) {
                  item.rejectUnknown(LINE_FIELDS);
                }
                String name = item.requiredText("name", 255);
                long quantity = positive(item, "quantity");
                long unitPrice = positive(item, "unit_price");
                long total = positive(item, "total_amount");
                if (item.has("quantity") && quantity < 1) {
                  item.reject("quantity", "must be at least 1");
                } else if (item.errors().isEmpty() && !isProduct(quantity, unitPrice, total)) {
                  item.reject("total_amount", "must equal quantity × unit_price");
                }
                lines.add(new NewPayment.LineItem(name, quantity, unitPrice, total));
              }
              long sum = sum(lines);
              if (amount >= 0 && in.errors().isEmpty() && !lines.isEmpty() && sum != amount) {
                in.reject(
                    "line_items",
                    "the total_amount of the lines ("
                        + sum
                        + ") must equal amount ("
                        + amount
                        + ")");
              }
            });
    return List.copyOf(lines);
  }

  static final Set<String> LINE_FIELDS = Set.of("name", "quantity", "unit_price", "total_amount");

  /** The lines' total, never wrapping around to "add up". */
  static long sum(List<NewPayment.LineItem> lines) {
    long sum = 0;
    for (NewPayment.LineItem line : lines) {
      sum = addCapped(sum, line.totalAmount());
    }
    return sum;
  }

  private static String alias(JsonInput in, String current, String legacy, int max) {
    Optional<String> a = in.text(current, max);
    Optional<String> b = in.text(legacy, max);
    if (a.isPresent() && b.isPresent() && !a.get().equals(b.get())) {
      in.reject(legacy, "differs from " + current + "; send one of them");
    }
    return a.orElse(b.orElse(null));
  }

  private static long positive(JsonInput item, String field) {
    Optional<Long> value = item.integer(field);
    if (value.isEmpty() && !item.has(field)) {
      item.reject(field, "is required");
    } else if (value.isPresent() && value.get() < 0) {
      item.reject(field, "must not be negative");
    }
    return value.orElse(0L);
  }

  /** An app's return link: absolute, with a scheme that opens an app or a page, not a script. */
  static boolean isAppUrl(String text) {
    try {
      String scheme = new URI(text).getScheme();
      return scheme != null
          && !Set.of("javascript", "data", "vbscript", "file")
              .contains(scheme.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static final Set<String> NOT_MONEY =
      Set.of(
          "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XTS",
          "XXX");

  /** A currency ISO 4217 lists for money: not a metal, fund unit or test code (XAU, XTS, XXX). */
  static boolean isCurrency(String code) {
    if (!code.matches("[A-Z]{3}") || NOT_MONEY.contains(code)) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isProduct(long quantity, long unitPrice, long total) {
    try {
      return Math.multiplyExact(quantity, unitPrice) == total;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static long addCapped(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
