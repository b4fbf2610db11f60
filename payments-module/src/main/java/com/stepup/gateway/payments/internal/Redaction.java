package com.stepup.gateway.payments.internal;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;

/**
 * Removes tokens, secrets and the shopper's personal data from JSON before it goes into a timeline
 * or a log. A token or secret is a string replaced by a placeholder; personal data (the purchase
 * data's {@code customer} and {@code shipping}, Klarna's {@code klarna_customer}) is replaced
 * whole, whatever its shape, so no field of it is missed.
 */
final class Redaction {

  static final String REDACTED = "[redacted]";

  private static final Set<String> SECRET =
      Set.of(
          "klarna_network_session_token",
          "interoperability_token",
          "payment_token",
          "klarna_network_data",
          "interoperability_data",
          "token",
          "api_key",
          "authorization",
          "signing_key");

  /** Objects (or lists of them) that hold personal data, replaced whole. */
  private static final Set<String> PERSONAL =
      Set.of("customer", "shipping", "klarna_customer", "recipient", "customer_profile");

  private Redaction() {}

  static JsonValue redact(JsonValue value) {
    if (value instanceof JsonObject object) {
      JsonObjectBuilder b = Json.createObjectBuilder();
      object.forEach(
          (name, v) -> {
            String key = name.toLowerCase(Locale.ROOT);
            boolean hidden =
                (SECRET.contains(key) && v instanceof JsonString)
                    || (PERSONAL.contains(key) && v.getValueType() != JsonValue.ValueType.NULL);
            b.add(name, hidden ? Json.createValue(REDACTED) : redact(v));
          });
      return b.build();
    }
    if (value instanceof JsonArray array) {
      JsonArrayBuilder b = Json.createArrayBuilder();
      array.forEach(v -> b.add(redact(v)));
      return b.build();
    }
    return value;
  }

  /** The raw text as redacted JSON, or a placeholder when it is not JSON. */
  static String redact(String raw) {
    if (raw == null) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(raw))) {
      return redact(reader.readValue()).toString();
    } catch (RuntimeException notJson) {
      return "(not JSON, " + raw.length() + " characters)";
    }
  }
}
