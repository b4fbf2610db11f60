package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.errors.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of Klarna's capture and refund calls, built from the partner's request and stored with
 * the operation, so every resend of it sends the same body with the same key.
 */
final class MoneyBodies {

  private MoneyBodies() {}

  static String capture(NewCapture in) {
    JsonObjectBuilder body = Json.createObjectBuilder();
    if (!in.lineItems().isEmpty()) {
      body.add("line_items", lines(in.lineItems()));
    }
    if (in.shipping() != null) {
      JsonObjectBuilder shipping = Json.createObjectBuilder();
      add(shipping, "tracking_number", in.shipping().trackingNumber());
      add(shipping, "tracking_url", in.shipping().trackingUrl());
      add(shipping, "shipping_carrier", in.shipping().carrier());
      body.add("shipping_info", Json.createArrayBuilder().add(shipping));
    }
    return body.build().toString();
  }

  static String refund(NewRefund in) {
    return in.lineItems().isEmpty()
        ? "{}"
        : Json.createObjectBuilder().add("line_items", lines(in.lineItems())).build().toString();
  }

  /** Line items given with an amount left to default must add up to what it came to. */
  static void checkLines(List<NewPayment.LineItem> lines, long amount) {
    if (!lines.isEmpty() && PaymentInput.sum(lines) != amount) {
      throw new InvalidInput(
          "line_items",
          "the total_amount of the lines ("
              + PaymentInput.sum(lines)
              + ") must equal amount ("
              + amount
              + ")");
    }
  }

  static JsonArrayBuilder lines(List<NewPayment.LineItem> lines) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (NewPayment.LineItem l : lines) {
      array.add(
          Json.createObjectBuilder()
              .add("name", l.name())
              .add("quantity", l.quantity())
              .add("unit_price", l.unitPrice())
              .add("total_amount", l.totalAmount()));
    }
    return array;
  }

  static void add(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  static JsonObject parse(String text) {
    if (text == null || text.isBlank()) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  static JsonArray array(JsonObject body, String name) {
    return Optional.ofNullable(body.get(name))
        .filter(JsonArray.class::isInstance)
        .map(JsonArray.class::cast)
        .orElse(null);
  }
}
