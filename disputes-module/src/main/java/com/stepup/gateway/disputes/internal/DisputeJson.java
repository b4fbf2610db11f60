package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.AttachmentView;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;

/** The partner API's JSON for disputes and attachments (the contract in PRODUCT.md). */
final class DisputeJson {

  private DisputeJson() {}

  static JsonObject dispute(DisputeView d) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", d.id()).add("payment_id", d.paymentId());
    text(json, "capture_id", d.captureId());
    json.add("klarna_dispute_id", d.klarnaDisputeId())
        .add("reason", d.reason())
        .add("state", d.state().name())
        .add("amount", d.amount())
        .add("currency", d.currency());
    text(json, "evidence_due_at", iso(d.evidenceDueAt()));
    text(json, "appeal_due_at", iso(d.appealDueAt()));
    text(json, "outcome", d.outcome());
    return json.add("created_at", iso(d.createdAt())).add("updated_at", iso(d.updatedAt())).build();
  }

  /**
   * {@link #dispute(DisputeView)} written by a generator: the same bytes ({@code DisputeJsonTest}).
   */
  static void write(JsonGenerator json, DisputeView d) {
    json.writeStartObject().write("id", d.id()).write("payment_id", d.paymentId());
    text(json, "capture_id", d.captureId());
    json.write("klarna_dispute_id", d.klarnaDisputeId())
        .write("reason", d.reason())
        .write("state", d.state().name())
        .write("amount", d.amount())
        .write("currency", d.currency());
    text(json, "evidence_due_at", iso(d.evidenceDueAt()));
    text(json, "appeal_due_at", iso(d.appealDueAt()));
    text(json, "outcome", d.outcome());
    json.write("created_at", iso(d.createdAt())).write("updated_at", iso(d.updatedAt())).writeEnd();
  }

  static JsonObject attachment(AttachmentView a) {
    return Json.createObjectBuilder()
        .add("id", a.id())
        .add("filename", a.filename())
        .add("content_type", a.contentType())
        .add("size", a.size())
        .build();
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  private static void text(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.write(name, value);
    }
  }

  static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
