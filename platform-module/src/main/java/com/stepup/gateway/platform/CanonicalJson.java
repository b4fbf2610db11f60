package com.stepup.gateway.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.TreeSet;

/**
 * A JSON text in one form, so that two bodies that mean the same compare equal: object keys sorted,
 * no whitespace between tokens, strings written with the same escapes. Lists keep their order and
 * numbers their digits. What is not JSON (or too deep or large to be a request of ours) is answered
 * as it is, compared byte for byte. {@code Idempotency-Key} compares requests in this form (issue
 * 28: a replay pretty-printed or with its keys reordered is the same request).
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** The canonical form of {@code raw}; {@code ""} for no body, {@code raw} when not JSON. */
  public static String of(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    if (raw.length() > JsonInput.MAX_BODY_CHARS || JsonInput.shapeProblem(raw) != null) {
      return raw;
    }
    try (var reader = Json.createReader(new StringReader(raw))) {
      JsonValue value = reader.readValue();
      StringBuilder out = new StringBuilder(raw.length());
      write(value, out);
      return out.toString();
    } catch (RuntimeException | StackOverflowError e) {
      return raw;
    }
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> {
        JsonObject object = value.asJsonObject();
        out.append('{');
        boolean first = true;
        for (String key : new TreeSet<>(object.keySet())) {
          if (!first) {
            out.append(',');
          }
          first = false;
          out.append(Json.createValue(key)).append(':');
          write(object.get(key), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(array.get(i), out);
        }
        out.append(']');
      }
      case STRING -> out.append(Json.createValue(((JsonString) value).getString()));
      default -> out.append(value);
    }
  }
}
