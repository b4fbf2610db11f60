package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.klarna.KlarnaDisputes;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/**
 * Klarna's v4 disputes API. Every call is retried on no answer, 429 and 5xx; those that change a
 * dispute carry the caller's {@code Klarna-Idempotency-Key}, so a retry gets Klarna's first answer.
 */
@ApplicationScoped
class KlarnaDisputesClient implements KlarnaDisputes {

  @Inject KlarnaHttp http;

  @Override
  public KlarnaDispute get(String disputeId) {
    return KlarnaDispute.from(http.callWithRetries("dispute read", api -> api.dispute(disputeId)));
  }

  @Override
  public Page list(Instant updatedSince, String after, int size) {
    JsonObject page =
        http.callWithRetries(
            "dispute list",
            api ->
                api.disputes(
                    updatedSince == null ? null : updatedSince.toString(),
                    "created_at",
                    after,
                    size));
    List<KlarnaDispute> disputes =
        page.getJsonArray("disputes").getValuesAs(JsonObject.class).stream()
            .map(KlarnaDispute::from)
            .toList();
    JsonObject pagination = page.getJsonObject("pagination");
    String next =
        pagination != null && pagination.get("last_item") instanceof JsonString s
            ? s.getString()
            : null;
    return new Page(disputes, next);
  }

  @Override
  public String upload(
      String disputeId,
      String filename,
      String contentType,
      byte[] content,
      String idempotencyKey) {
    byte[] body = MultipartBody.file(filename, contentType, content);
    return http.callWithRetries(
            "dispute upload", api -> api.uploadDisputeAttachment(disputeId, idempotencyKey, body))
        .getString("payment_dispute_attachment_id");
  }

  @Override
  public void represent(
      String disputeId,
      List<Attachment> attachments,
      String additionalInformation,
      Long proposedRefundAmount,
      String idempotencyKey) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("attachments", refs(attachments));
    if (additionalInformation != null) {
      body.add("additional_information", additionalInformation);
    }
    if (proposedRefundAmount != null) {
      body.add("partner_proposed_refund_amount", proposedRefundAmount);
    }
    JsonObject json = body.build();
    http.callWithRetries(
        "dispute represent", api -> api.representDispute(disputeId, idempotencyKey, json));
  }

  @Override
  public void appeal(
      String disputeId,
      String additionalInformation,
      List<Attachment> attachments,
      String idempotencyKey) {
    JsonObjectBuilder body =
        Json.createObjectBuilder().add("additional_information", additionalInformation);
    if (!attachments.isEmpty()) {
      body.add("attachments", refs(attachments));
    }
    JsonObject json = body.build();
    http.callWithRetries(
        "dispute appeal", api -> api.appealDispute(disputeId, idempotencyKey, json));
  }

  @Override
  public void acceptLoss(String disputeId, String idempotencyKey) {
    http.callWithRetries(
        "dispute accept loss",
        api -> api.acceptDisputeLoss(disputeId, idempotencyKey, JsonValue.EMPTY_JSON_OBJECT));
  }

  private static JsonArrayBuilder refs(List<Attachment> attachments) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Attachment a : attachments) {
      JsonObjectBuilder ref =
          Json.createObjectBuilder().add("payment_dispute_attachment_id", a.id());
      if (a.description() != null) {
        ref.add("description", a.description());
      }
      list.add(ref);
    }
    return list;
  }
}
