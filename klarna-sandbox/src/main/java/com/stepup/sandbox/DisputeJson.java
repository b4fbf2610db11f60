package com.stepup.sandbox;

import com.stepup.sandbox.Dispute.Attachment;
import com.stepup.sandbox.Dispute.Evidence;
import com.stepup.sandbox.Dispute.Reference;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A dispute as Klarna shows it (KLARNA-API.md §11.3) and as its events carry it (§11.7): the fields
 * both share, and what each state adds.
 */
final class DisputeJson {

  private DisputeJson() {}

  static JsonArrayBuilder referencesJson(List<Reference> refs) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Reference r : refs) {
      list.add(
          Json.createObjectBuilder()
              .add("payment_dispute_attachment_id", r.attachment().id())
              .add("description", r.description())
              .add("mime_type", r.attachment().mimeType())
              .add("url", downloadUrl(r.attachment())));
    }
    return list;
  }

  private static String downloadUrl(Attachment a) {
    String dispute = a.id().substring(0, a.id().lastIndexOf(":attachment:"));
    return "https://www.klarna.com/payment/disputes/"
        + dispute
        + "/attachments/"
        + a.id()
        + "/download";
  }

  private static JsonObject evidenceJson(Evidence e) {
    var json = Json.createObjectBuilder().add("created_at", PaymentRequest.iso(e.createdAt()));
    json.add("additional_information", e.information() == null ? "" : e.information());
    return json.add("attachments", referencesJson(e.attachments())).build();
  }

  private static JsonObject representmentJson(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("state", d.representmentState)
            .add("expires_at", PaymentRequest.iso(d.evidenceExpiresAt))
            .add(
                "request",
                Json.createObjectBuilder()
                    .add("requested_at", PaymentRequest.iso(d.createdAt))
                    .add("additional_information", d.requestInformation));
    PaymentRequest.addIfSet(json, "previous_state", d.representmentPrevious);
    if (d.partnerEvidence != null) {
      json.add("partner_evidence", evidenceJson(d.partnerEvidence));
    }
    return json.build();
  }

  private static JsonObject arbitrationJson(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("preliminary_outcome", d.preliminaryOutcome.name())
            .add("preliminary_outcome_detailed", d.preliminaryDetailed);
    if (d.arbitrationRequest != null) {
      json.add("arbitration_request", arbitrationRequestJson(d));
    }
    return json.build();
  }

  private static JsonObject arbitrationRequestJson(Dispute d) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Reference r : d.arbitrationRequest.attachments()) {
      list.add(
          Json.createObjectBuilder()
              .add("id", r.attachment().id())
              .add("description", r.description())
              .add("mime_type", r.attachment().mimeType())
              .add("url", downloadUrl(r.attachment())));
    }
    return Json.createObjectBuilder()
        .add("requested_at", PaymentRequest.iso(d.arbitrationRequest.createdAt()))
        .add("additional_information", d.arbitrationRequest.information())
        .add("attachments", list)
        .build();
  }

  /** The fields every event and the object share. */
  static JsonObjectBuilder common(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("payment_dispute_id", d.id)
            .add("order_id", d.orderId())
            .add("payment_transaction_id", d.transaction.id)
            .add("state", d.state.name())
            .add("updated_at", PaymentRequest.iso(d.updatedAt))
            .add("payment_account_id", d.transaction.account)
            .add("payment_capture_id", d.captureId)
            .add("capture_krn", d.captureId)
            .add(
                "configuration",
                Json.createObjectBuilder()
                    .add("base_framework", "FRAMEWORK_2026")
                    .add("options", Json.createObjectBuilder().add("hold_policy", "NONE")));
    PaymentRequest.addIfSet(
        json, "previous_state", d.previousState == null ? null : d.previousState.name());
    PaymentRequest.addIfSet(json, "payment_transaction_reference", d.transaction.reference);
    PaymentRequest.addIfSet(json, "purchase_reference", d.transaction.reference);
    return json;
  }

  private static JsonObject details(Dispute d) {
    return Json.createObjectBuilder()
        .add("dispute_amount", d.amount)
        .add("currency", d.currency)
        .add("created_by", d.createdBy)
        .build();
  }

  /** The event's payload for the dispute's current state (§11.7). */
  static JsonObject event(Dispute d) {
    var json = common(d);
    switch (d.state) {
      case INITIATED ->
          json.add("dispute_reason", d.reason)
              .add("dispute_details", details(d))
              .add("created_at", PaymentRequest.iso(d.createdAt))
              .add("representment", representmentJson(d));
      case REPRESENTMENT -> json.add("partner_evidence", evidenceJson(d.partnerEvidence));
      case PRE_ARBITRATION ->
          json.add("arbitration_expires_at", PaymentRequest.iso(d.arbitrationExpiresAt))
              .add(
                  "arbitration",
                  Json.createObjectBuilder()
                      .add("preliminary_outcome", d.preliminaryOutcome.name())
                      .add("preliminary_outcome_detailed", d.preliminaryDetailed));
      case ARBITRATION -> json.add("arbitration_request", arbitrationRequestJson(d));
      case CLOSED ->
          json.add("dispute_outcome", d.outcome.name())
              .add("dispute_outcome_detailed", d.outcomeDetailed)
              .add("closed_at", PaymentRequest.iso(d.closedAt));
    }
    return json.build();
  }

  /** The dispute as get-details and the list answer it (§11.3). */
  static JsonObject toJson(Dispute d) {
    synchronized (d) {
      var json =
          common(d)
              .add("dispute_reason", d.reason)
              .add("dispute_details", details(d))
              .add("created_at", PaymentRequest.iso(d.createdAt));
      var exceptions = Json.createArrayBuilder();
      d.processExceptions.forEach(exceptions::add);
      json.add("process_exceptions", exceptions);
      if (d.state != DisputeState.INITIATED) {
        json.add("representment", representmentJson(d));
      }
      if (d.preliminaryOutcome != null) {
        json.add("arbitration", arbitrationJson(d));
      }
      var context = Json.createObjectBuilder();
      switch (d.state) {
        case INITIATED -> context.add("representment", representmentJson(d));
        case REPRESENTMENT -> context.add("partner_evidence", evidenceJson(d.partnerEvidence));
        case PRE_ARBITRATION ->
            context.add("arbitration_expires_at", PaymentRequest.iso(d.arbitrationExpiresAt));
        case CLOSED ->
            context
                .add("dispute_outcome", d.outcome.name())
                .add("dispute_outcome_detailed", d.outcomeDetailed)
                .add("closed_at", PaymentRequest.iso(d.closedAt));
        case ARBITRATION -> {}
      }
      if (d.state != DisputeState.ARBITRATION) {
        json.add("state_context", context);
      }
      return json.build();
    }
  }
}
