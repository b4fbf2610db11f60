package com.stepup.sandbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Set;

/** What Klarna refuses in a capture's or refund's body (KLARNA-API.md §10.2, §10.3). */
final class TransactionRules {

  /** What a refund's body may hold; the capture a refund is of is named by its path. */
  static final Set<String> REFUND_FIELDS = Set.of("amount", "reason", "line_items");

  private TransactionRules() {}

  /** The fields of one {@code shipping_info} entry of a capture (KLARNA-API.md §10.2). */
  static final List<String> SHIPPING_INFO =
      List.of("tracking_number", "tracking_url", "shipping_carrier");

  /**
   * A capture's {@code shipping_info}: an array of objects with only the fields of {@link
   * #SHIPPING_INFO}, each a string of at most 100 characters (the URL at most 2000, absolute http
   * or https).
   */
  static void shippingInfo(JsonObject body, List<KlarnaError.Invalid> invalid) {
    if (!body.containsKey("shipping_info")) {
      return;
    }
    if (!(body.get("shipping_info") instanceof JsonArray items)) {
      invalid.add(new KlarnaError.Invalid("shipping_info", "must be an array"));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      String at = "shipping_info[" + i + "]";
      if (!(items.get(i) instanceof JsonObject item)) {
        invalid.add(
            new KlarnaError.Invalid(
                at, "must be an object with " + String.join(", ", SHIPPING_INFO)));
        continue;
      }
      for (var field : item.entrySet()) {
        String name = at + "." + field.getKey();
        if (!SHIPPING_INFO.contains(field.getKey())) {
          invalid.add(new KlarnaError.Invalid(name, "is not a field of shipping_info"));
        } else if (!(field.getValue() instanceof JsonString text)
            || text.getString().length() > ("tracking_url".equals(field.getKey()) ? 2000 : 100)) {
          invalid.add(
              new KlarnaError.Invalid(
                  name,
                  "must be a string of at most "
                      + ("tracking_url".equals(field.getKey()) ? 2000 : 100)
                      + " characters"));
        } else if ("tracking_url".equals(field.getKey())
            && !text.getString().isEmpty()
            && !SandboxStores.isHttpUrl(text.getString())) {
          invalid.add(new KlarnaError.Invalid(name, "must be an absolute http or https URL"));
        }
      }
    }
  }

  /**
   * A refund's fields: a transaction refund that names a capture in its body is refused, as a
   * refund of one capture is its own operation; any other unknown field too.
   */
  static void refundFields(JsonObject body, List<KlarnaError.Invalid> invalid) {
    for (String field : body.keySet()) {
      if (field.equals("payment_capture_id")) {
        invalid.add(
            new KlarnaError.Invalid(
                "payment_capture_id",
                "a refund of one capture is its own operation: POST"
                    + " .../payment/transactions/{id}/captures/{payment_capture_id}/refunds"));
      } else if (!REFUND_FIELDS.contains(field)) {
        invalid.add(new KlarnaError.Invalid(field, "is not a known field"));
      }
    }
  }

  static long amount(JsonObject body, List<KlarnaError.Invalid> invalid) {
    Long amount = AuthorizeValidation.exactLong(body.get("amount"));
    if (amount != null && amount >= 1) {
      return amount;
    }
    invalid.add(
        new KlarnaError.Invalid("amount", "must be an integer of at least 1 (minor units)"));
    return 0;
  }

  /** A refund's {@code reason}: at most 255 characters; null when not a string. */
  static String reason(JsonObject body, List<KlarnaError.Invalid> invalid) {
    String reason = body.get("reason") instanceof JsonString s ? s.getString() : null;
    if (reason != null && reason.length() > 255) {
      invalid.add(new KlarnaError.Invalid("reason", "must be at most 255 characters"));
    }
    return reason;
  }
}
