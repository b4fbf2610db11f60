package com.stepup.gateway.klarna;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * A dispute as Klarna's v4 API describes it (KLARNA-API.md §11.3), read from get-details, a list
 * item or a {@code payment.dispute.*} webhook's payload. Only what the gateway keeps; fields a
 * payload does not carry (every event but {@code .initiated} lacks amount and reason) are null.
 *
 * @param captureId Klarna's capture id ({@code payment_capture_id}, legacy {@code capture_krn})
 * @param representmentState {@code EVIDENCE_REQUESTED}, {@code EVIDENCE_RECEIVED}, ...
 * @param evidenceDueAt {@code representment.expires_at}: the deadline for evidence
 * @param appealDueAt {@code arbitration_expires_at}: the deadline for an appeal
 */
public record KlarnaDispute(
    String id,
    String transactionId,
    String captureId,
    String reason,
    String state,
    Long amount,
    String currency,
    String representmentState,
    String requestInformation,
    Instant evidenceDueAt,
    Instant appealDueAt,
    String preliminaryOutcome,
    String outcome,
    String outcomeDetailed,
    Instant createdAt,
    Instant updatedAt) {

  public static final String INITIATED = "INITIATED";
  public static final String REPRESENTMENT = "REPRESENTMENT";
  public static final String PRE_ARBITRATION = "PRE_ARBITRATION";
  public static final String ARBITRATION = "ARBITRATION";
  public static final String CLOSED = "CLOSED";

  public static KlarnaDispute from(JsonObject json) {
    JsonObject context = object(json, "state_context");
    JsonObject representment = object(json, "representment");
    if (representment == null && context != null) {
      representment = object(context, "representment");
    }
    JsonObject details = object(json, "dispute_details");
    JsonObject arbitration = object(json, "arbitration");
    String appealDue = text(json, "arbitration_expires_at");
    if (appealDue == null && context != null) {
      appealDue = text(context, "arbitration_expires_at");
    }
    String outcome = text(json, "dispute_outcome");
    String detailed = text(json, "dispute_outcome_detailed");
    if (outcome == null && context != null) {
      outcome = text(context, "dispute_outcome");
      detailed = text(context, "dispute_outcome_detailed");
    }
    String captureId = text(json, "payment_capture_id");
    if (captureId == null) {
      captureId = text(json, "capture_krn");
    }
    JsonObject request = representment == null ? null : object(representment, "request");
    return new KlarnaDispute(
        json.getString("payment_dispute_id"),
        text(json, "payment_transaction_id"),
        captureId,
        text(json, "dispute_reason"),
        json.getString("state"),
        details == null || !(details.get("dispute_amount") instanceof JsonNumber n)
            ? null
            : n.longValueExact(),
        details == null ? text(json, "currency") : text(details, "currency"),
        representment == null ? null : text(representment, "state"),
        request == null ? null : text(request, "additional_information"),
        KlarnaTransaction.instant(representment == null ? null : text(representment, "expires_at")),
        KlarnaTransaction.instant(appealDue),
        arbitration == null ? null : text(arbitration, "preliminary_outcome"),
        outcome == null ? null : outcome.toUpperCase(Locale.ROOT),
        detailed == null ? null : detailed.toLowerCase(Locale.ROOT),
        KlarnaTransaction.instant(text(json, "created_at")),
        KlarnaTransaction.instant(text(json, "updated_at")));
  }

  private static JsonObject object(JsonObject json, String name) {
    return json.get(name) instanceof JsonObject o ? o : null;
  }

  private static String text(JsonObject json, String name) {
    JsonValue v = json.get(name);
    return v instanceof JsonString s ? s.getString() : null;
  }
}
