package com.stepup.gateway.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body read field by field. Every wrong field is collected under its JSON name
 * ({@code address.country}) instead of failing on the first, so one answer lists them all; {@link
 * #check()} throws the 400 problem. Unknown fields are ignored unless the reader asks for them to
 * be refused ({@link #rejectUnknown}).
 */
public final class JsonInput {

  /** Request bodies of the gateway's API are small; anything bigger is refused unread. */
  public static final int MAX_BODY_CHARS = 256 * 1024;

  private final JsonObject json;
  private final String prefix;
  private final List<FieldError> errors;

  /** This object and every nested one read from it, to find the fields nobody asked for. */
  private final List<JsonInput> objects;

  /** The fields a reader asked for (present or not). */
  private final Set<String> asked = new HashSet<>();

  /** Whether {@link #rejectUnknown} already named this object's unknown fields. */
  private boolean listed;

  private JsonInput(
      JsonObject json, String prefix, List<FieldError> errors, List<JsonInput> objects) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
    this.objects = objects;
    objects.add(this);
  }

  private JsonInput nested(JsonObject child, String childPrefix) {
    return new JsonInput(child, childPrefix, errors, objects);
  }

  /** Parses a body that must be one JSON object. */
  public static JsonInput parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiProblem.invalid("body", "a JSON object is required");
    }
    if (raw.length() > MAX_BODY_CHARS) {
      throw new ApiProblem(
          413,
          "https://stepup.dev/problems/too-large",
          "Request body too large",
          "The body is over " + MAX_BODY_CHARS / 1024 + " KiB.",
          List.of());
    }
    String shape = shapeProblem(raw);
    if (shape != null) {
      throw ApiProblem.invalid("body", shape);
    }
    try {
      checkKeysAndEnd(raw);
      try (var reader = Json.createReader(new StringReader(raw))) {
        return new JsonInput(reader.readObject(), "", new ArrayList<>(), new ArrayList<>());
      }
    } catch (JsonParsingException e) {
      throw ApiProblem.invalid(
          "body", "is not valid JSON (line " + e.getLocation().getLineNumber() + ")");
    } catch (ApiProblem e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // whatever else the parser refuses is the caller's input, never a 500
      throw ApiProblem.invalid("body", "is not valid JSON");
    }
  }

  /**
   * One pass over the events: the body is one object, no object has a key twice (which would leave
   * it to the parser which value counts), and nothing follows the object.
   */
  private static void checkKeysAndEnd(String raw) {
    try (var parser = Json.createParser(new StringReader(raw))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw ApiProblem.invalid("body", "must be a JSON object");
      }
      Deque<Set<String>> keys = new ArrayDeque<>();
      keys.push(new HashSet<>());
      Deque<Boolean> objects = new ArrayDeque<>();
      objects.push(true);
      while (!objects.isEmpty()) {
        switch (parser.next()) {
          case START_OBJECT -> {
            objects.push(true);
            keys.push(new HashSet<>());
          }
          case START_ARRAY -> objects.push(false);
          case END_OBJECT -> {
            objects.pop();
            keys.pop();
          }
          case END_ARRAY -> objects.pop();
          case KEY_NAME -> {
            if (!keys.peek().add(parser.getString())) {
              throw ApiProblem.invalid(
                  "body", "has the key \"" + cutKey(parser.getString()) + "\" twice in one object");
            }
          }
          default -> {}
        }
      }
      if (parser.hasNext()) {
        throw ApiProblem.invalid("body", "has something after the JSON object");
      }
    }
  }

  private static String cutKey(String key) {
    return key.length() > 40 ? key.substring(0, 40) + "…" : key;
  }

  /** Objects and lists nested deeper than this are no request of ours. */
  static final int MAX_DEPTH = 32;

  /** No amount or count has this many digits. */
  static final int MAX_NUMBER_CHARS = 40;

  /**
   * What is wrong with the text's shape before any parser sees it: nesting deeper than {@link
   * #MAX_DEPTH} or a number longer than {@link #MAX_NUMBER_CHARS}; null when neither.
   */
  static String shapeProblem(String raw) {
    int depth = 0;
    int number = 0;
    boolean inString = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      boolean digit =
          (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
      number = digit ? number + 1 : 0;
      if (number > MAX_NUMBER_CHARS) {
        return "has a number longer than " + MAX_NUMBER_CHARS + " characters";
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> {
          if (++depth > MAX_DEPTH) {
            return "is nested deeper than " + MAX_DEPTH + " levels";
          }
        }
        case '}', ']' -> depth--;
        default -> {}
      }
    }
    return null;
  }

  public static JsonInput of(JsonObject json) {
    return new JsonInput(json, "", new ArrayList<>(), new ArrayList<>());
  }

  /** The object's field names, as sent (to refuse the unknown ones by name). */
  public Set<String> fieldNames() {
    return json.keySet();
  }

  /** Whether the field is present and not null. */
  public boolean has(String field) {
    asked.add(field);
    return json.containsKey(field) && json.get(field).getValueType() != JsonValue.ValueType.NULL;
  }

  /** A trimmed string of at most {@code maxLength} characters; blank counts as absent. */
  public Optional<String> text(String field, int maxLength) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.get(field) instanceof JsonString s)) {
      reject(field, "must be a string");
      return Optional.empty();
    }
    String value = s.getString().strip();
    if (value.length() > maxLength) {
      reject(field, "must be at most " + maxLength + " characters");
      return Optional.empty();
    }
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** Like {@link #text} but an absent or blank value is an error; answers null then. */
  public String requiredText(String field, int maxLength) {
    boolean present = has(field);
    Optional<String> value = text(field, maxLength);
    if (value.isEmpty() && (!present || errorsFor(field) == 0)) {
      reject(field, "is required");
    }
    return value.orElse(null);
  }

  public Optional<Boolean> bool(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonValue v = json.get(field);
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return Optional.of(v == JsonValue.TRUE);
    }
    reject(field, "must be true or false");
    return Optional.empty();
  }

  /** A whole number (no fraction, within a long). */
  public Optional<Long> integer(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (json.get(field) instanceof JsonNumber n && n.isIntegral()) {
      try {
        return Optional.of(n.longValueExact());
      } catch (ArithmeticException e) {
        reject(field, "is too large");
        return Optional.empty();
      }
    }
    reject(field, "must be a whole number");
    return Optional.empty();
  }

  /** A list of strings, each trimmed, non-blank and at most {@code maxLength} long. */
  public Optional<List<String>> texts(String field, int maxItems, int maxLength) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (json.get(field).getValueType() != JsonValue.ValueType.ARRAY) {
      reject(field, "must be a list of strings");
      return Optional.empty();
    }
    var array = json.getJsonArray(field);
    if (array.size() > maxItems) {
      reject(field, "must have at most " + maxItems + " entries");
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonString s) || s.getString().isBlank()) {
        reject(field + "[" + i + "]", "must be a non-empty string");
      } else if (s.getString().strip().length() > maxLength) {
        reject(field + "[" + i + "]", "must be at most " + maxLength + " characters");
      } else {
        values.add(s.getString().strip());
      }
    }
    return Optional.of(values);
  }

  /** A nested object; its errors are named {@code field.child}. */
  public Optional<JsonInput> object(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (json.get(field).getValueType() != JsonValue.ValueType.OBJECT) {
      reject(field, "must be an object");
      return Optional.empty();
    }
    return Optional.of(nested(json.getJsonObject(field), name(field) + "."));
  }

  /** A list of objects, each read as a nested input named {@code field[i].child}. */
  public Optional<List<JsonInput>> objects(String field, int maxItems) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (json.get(field).getValueType() != JsonValue.ValueType.ARRAY) {
      reject(field, "must be a list of objects");
      return Optional.empty();
    }
    var array = json.getJsonArray(field);
    if (array.size() > maxItems) {
      reject(field, "must have at most " + maxItems + " entries");
      return Optional.empty();
    }
    List<JsonInput> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) instanceof JsonObject item) {
        items.add(nested(item, name(field) + "[" + i + "]."));
      } else {
        reject(field + "[" + i + "]", "must be an object");
      }
    }
    return Optional.of(items);
  }

  /**
   * Refuses every field of this object that is not one of {@code known}, each by its JSON name (a
   * misspelt optional field would otherwise be dropped without a word).
   */
  public void rejectUnknown(Set<String> known) {
    listed = true;
    for (String field : json.keySet()) {
      if (!known.contains(field)) {
        reject(field, "is not a field of this request");
      }
    }
  }

  public void reject(String field, String message) {
    asked.add(field);
    errors.add(new FieldError(name(field), message));
  }

  /** Adds rule errors from further checks, except for fields already found wrong here. */
  public void rejectAll(List<FieldError> more) {
    for (FieldError e : more) {
      if (errors.stream().noneMatch(known -> known.field().equals(e.field()))) {
        errors.add(e);
      }
    }
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws the 400 problem when any field was wrong. */
  public void check() {
    for (JsonInput object : objects) {
      if (!object.listed) {
        for (String field : object.json.keySet()) {
          if (!object.asked.contains(field)) {
            object.reject(field, "is not a field of this request");
          }
        }
        object.listed = true;
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
  }

  private long errorsFor(String field) {
    return errors.stream().filter(e -> e.field().equals(name(field))).count();
  }

  private String name(String field) {
    return prefix + field;
  }
}
