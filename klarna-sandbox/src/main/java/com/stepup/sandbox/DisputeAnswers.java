package com.stepup.sandbox;

import com.stepup.sandbox.Dispute.Attachment;
import com.stepup.sandbox.Dispute.Reference;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of what a partner or a sandbox control sends about a dispute: texts within Klarna's
 * limits, and the attachments an answer names (KLARNA-API.md §11.2).
 */
final class DisputeAnswers {

  static final int MAX_ATTACHMENTS_PER_ANSWER = 10;

  private DisputeAnswers() {}

  static String text(
      JsonObject body, String field, List<KlarnaError.Invalid> invalid, boolean required) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        invalid.add(new KlarnaError.Invalid(field, "is required"));
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank()) {
      invalid.add(new KlarnaError.Invalid(field, "must be a non-empty string"));
      return null;
    }
    return s.getString();
  }

  static String optionalText(
      JsonObject body, String field, int max, List<KlarnaError.Invalid> invalid) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      invalid.add(new KlarnaError.Invalid(field, "must be a string"));
      return null;
    }
    if (s.getString().length() > max) {
      invalid.add(new KlarnaError.Invalid(field, "must be at most " + max + " characters"));
    }
    return s.getString();
  }

  /** {@code attachments[]}: 1 to 10 of {@code {payment_dispute_attachment_id, description?}}. */
  static List<JsonObject> references(
      JsonObject body, boolean required, List<KlarnaError.Invalid> invalid) {
    JsonValue v = body.get("attachments");
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        invalid.add(new KlarnaError.Invalid("attachments", "at least one attachment is required"));
      }
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      invalid.add(new KlarnaError.Invalid("attachments", "must be an array"));
      return List.of();
    }
    if (array.isEmpty() || array.size() > MAX_ATTACHMENTS_PER_ANSWER) {
      invalid.add(
          new KlarnaError.Invalid(
              "attachments", "must hold 1 to " + MAX_ATTACHMENTS_PER_ANSWER + " attachments"));
    }
    List<JsonObject> refs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "attachments[" + i + "]";
      if (!(array.get(i) instanceof JsonObject ref)
          || !(ref.get("payment_dispute_attachment_id") instanceof JsonString id)
          || id.getString().isEmpty()
          || id.getString().length() > 255) {
        invalid.add(
            new KlarnaError.Invalid(
                at + ".payment_dispute_attachment_id", "is required (1 to 255 characters)"));
        continue;
      }
      if (ref.containsKey("description")
          && (!(ref.get("description") instanceof JsonString desc)
              || desc.getString().length() > 1000)) {
        invalid.add(
            new KlarnaError.Invalid(at + ".description", "must be at most 1000 characters"));
        continue;
      }
      refs.add(ref);
    }
    return refs;
  }

  /** The uploads an answer names: each must be one of this dispute's (404 otherwise). */
  static List<Reference> resolve(Dispute d, List<JsonObject> refs) {
    List<Reference> out = new ArrayList<>();
    for (JsonObject ref : refs) {
      String id = ref.getString("payment_dispute_attachment_id");
      Attachment a = d.uploads.get(id);
      if (a == null) {
        throw KlarnaError.notFound("Attachment " + id + " of this dispute");
      }
      out.add(new Reference(a, ref.getString("description", "")));
    }
    return out;
  }
}
