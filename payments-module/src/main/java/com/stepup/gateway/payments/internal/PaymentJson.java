package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.StreamedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The partner API's payment object, as the contract in PRODUCT.md spells it. */
final class PaymentJson {

  private PaymentJson() {}

  static JsonObject payment(PaymentView p, String baseUrl) {
    return payment(p, baseUrl, null);
  }

  /** The payment with its {@code settlement} (issue 27), when the settlements module gave one. */
  static JsonObject payment(PaymentView p, String baseUrl, PaymentSettlementView settled) {
    PaymentView.Klarna k = p.klarna();
    JsonObjectBuilder klarna = Json.createObjectBuilder();
    text(klarna, "payment_request_id", k.paymentRequestId());
    text(klarna, "state", k.state() == null ? null : k.state().name());
    if (k.stateReason() != null) {
      klarna.add("state_reason", k.stateReason());
    }
    if (k.qrImageUrl() != null || k.qrTargetUrl() != null) {
      JsonObjectBuilder qr = Json.createObjectBuilder();
      text(qr, "image_url", k.qrImageUrl());
      text(qr, "target_url", k.qrTargetUrl());
      klarna.add("qr_code", qr);
    }
    if (k.paymentRequestUrl() != null) {
      klarna.add("payment_request_url", k.paymentRequestUrl());
    }
    text(klarna, "expires_at", iso(k.expiresAt()));
    if (k.tokenExpiresAt() != null) {
      klarna.add("final_authorization_deadline", iso(k.tokenExpiresAt()));
    }
    text(klarna, "payment_transaction_id", k.paymentTransactionId());
    text(klarna, "transaction_state", k.transactionState());
    text(klarna, "authorization_expires_at", iso(k.authorizationExpiresAt()));
    PaymentView.Amounts a = p.amounts();
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", p.id())
            .add("status", p.status().wire())
            .add("money_status", p.moneyStatus().wire())
            .add("amount", p.amount())
            .add("currency", p.currency())
            .add("reference", p.reference())
            .add("method", p.method().name())
            .add("store_id", p.storeId())
            .add("store_reference", p.storeReference());
    text(json, "terminal_reference", p.terminalReference());
    json.add("capture_mode", p.captureMode().wire());
    json.add(
        "amounts",
        Json.createObjectBuilder()
            .add("authorized", a.authorized())
            .add("captured", a.captured())
            .add("refunded", a.refunded())
            .add("capturable", a.capturable())
            .add("refundable", a.refundable())
            .add("disputed", a.disputed())
            .add("lost", a.lost()));
    json.add("klarna", klarna);
    json.add("redirect_url", baseUrl + "/pay/" + p.id());
    if (p.failureReason() != null) {
      json.add("failure_reason", p.failureReason());
    }
    if (settled != null) {
      json.add("settlement", settlement(settled));
    }
    return json.add("created_at", iso(p.createdAt())).add("updated_at", iso(p.updatedAt())).build();
  }

  /**
   * {@link #payment(PaymentView, String, PaymentSettlementView)} written by a generator, without a
   * tree: the same fields, in the same order, to the byte ({@code PaymentJsonTest}).
   */
  static StreamedJson streamed(PaymentView p, String baseUrl, PaymentSettlementView settled) {
    return new StreamedJson(json -> write(json, p, baseUrl, settled));
  }

  static void write(
      JsonGenerator json, PaymentView p, String baseUrl, PaymentSettlementView settled) {
    PaymentView.Klarna k = p.klarna();
    PaymentView.Amounts a = p.amounts();
    json.writeStartObject()
        .write("id", p.id())
        .write("status", p.status().wire())
        .write("money_status", p.moneyStatus().wire())
        .write("amount", p.amount())
        .write("currency", p.currency())
        .write("reference", p.reference())
        .write("method", p.method().name())
        .write("store_id", p.storeId())
        .write("store_reference", p.storeReference());
    text(json, "terminal_reference", p.terminalReference());
    json.write("capture_mode", p.captureMode().wire())
        .writeStartObject("amounts")
        .write("authorized", a.authorized())
        .write("captured", a.captured())
        .write("refunded", a.refunded())
        .write("capturable", a.capturable())
        .write("refundable", a.refundable())
        .write("disputed", a.disputed())
        .write("lost", a.lost())
        .writeEnd();
    json.writeStartObject("klarna");
    text(json, "payment_request_id", k.paymentRequestId());
    text(json, "state", k.state() == null ? null : k.state().name());
    if (k.stateReason() != null) {
      json.write("state_reason", k.stateReason());
    }
    if (k.qrImageUrl() != null || k.qrTargetUrl() != null) {
      json.writeStartObject("qr_code");
      text(json, "image_url", k.qrImageUrl());
      text(json, "target_url", k.qrTargetUrl());
      json.writeEnd();
    }
    if (k.paymentRequestUrl() != null) {
      json.write("payment_request_url", k.paymentRequestUrl());
    }
    text(json, "expires_at", iso(k.expiresAt()));
    if (k.tokenExpiresAt() != null) {
      json.write("final_authorization_deadline", iso(k.tokenExpiresAt()));
    }
    text(json, "payment_transaction_id", k.paymentTransactionId());
    text(json, "transaction_state", k.transactionState());
    text(json, "authorization_expires_at", iso(k.authorizationExpiresAt()));
    json.writeEnd();
    json.write("redirect_url", baseUrl + "/pay/" + p.id());
    if (p.failureReason() != null) {
      json.write("failure_reason", p.failureReason());
    }
    if (settled != null) {
      json.writeStartObject("settlement")
          .write("status", settled.status())
          .write("settled_amount", settled.settledAmount())
          .write("fees", settled.fees());
      json.writeStartArray("captures");
      settled.captures().forEach(m -> writeSettled(json, m, "capture_id", true));
      json.writeEnd().writeStartArray("refunds");
      settled.refunds().forEach(m -> writeSettled(json, m, "refund_id", false));
      json.writeEnd().writeEnd();
    }
    json.write("created_at", iso(p.createdAt())).write("updated_at", iso(p.updatedAt())).writeEnd();
  }

  private static void writeSettled(
      JsonGenerator json, PaymentSettlementView.Move m, String idName, boolean capture) {
    json.writeStartObject()
        .write(idName, m.id())
        .write("amount", m.amount())
        .write("settled", m.settled());
    if (m.settled()) {
      json.write("payout_id", m.payoutId())
          .write("klarna_payment_reference", m.klarnaPaymentReference())
          .write("payout_date", iso(m.payoutDate()))
          .write("settled_amount", m.settledAmount());
      if (capture) {
        json.write("fee", m.fee()).write("tax", m.tax());
      }
    }
    json.writeEnd();
  }

  private static void text(JsonGenerator json, String name, String value) {
    if (value == null) {
      json.writeNull(name);
    } else {
      json.write(name, value);
    }
  }

  /** What Klarna has paid out of the payment: each capture and refund, settled or not. */
  static JsonObject settlement(PaymentSettlementView s) {
    var captures = Json.createArrayBuilder();
    s.captures().forEach(m -> captures.add(settled(m, "capture_id", true)));
    var refunds = Json.createArrayBuilder();
    s.refunds().forEach(m -> refunds.add(settled(m, "refund_id", false)));
    return Json.createObjectBuilder()
        .add("status", s.status())
        .add("settled_amount", s.settledAmount())
        .add("fees", s.fees())
        .add("captures", captures)
        .add("refunds", refunds)
        .build();
  }

  private static JsonObject settled(PaymentSettlementView.Move m, String idName, boolean capture) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add(idName, m.id())
            .add("amount", m.amount())
            .add("settled", m.settled());
    if (m.settled()) {
      json.add("payout_id", m.payoutId())
          .add("klarna_payment_reference", m.klarnaPaymentReference())
          .add("payout_date", iso(m.payoutDate()))
          .add("settled_amount", m.settledAmount());
      if (capture) {
        json.add("fee", m.fee()).add("tax", m.tax());
      }
    }
    return json.build();
  }

  /** A capture, refund or release, as {@code POST /api/v1/payments/{id}/captures} answers it. */
  static JsonObject movement(MoneyMovement m) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", m.id()).add("payment_id", m.paymentId());
    if ("refund".equals(m.kind())) {
      text(json, "capture_id", m.captureId());
    }
    json.add("amount", m.amount());
    if ("refund".equals(m.kind())) {
      text(json, "reason", m.reason());
    }
    json.add("status", m.status());
    if (!"release".equals(m.kind())) {
      text(json, "klarna_" + m.kind() + "_id", m.klarnaId());
    }
    if ("failed".equals(m.status()) && m.failure() != null) {
      json.add("failure_reason", m.failure());
    }
    if (m.madeAtKlarna()) {
      json.add("made_at_klarna", true);
    }
    return json.add("created_at", iso(m.createdAt())).build();
  }

  /** A list of captures or refunds: {@code {"payment_id", "items": [...]}}. */
  static JsonObject movements(String paymentId, List<MoneyMovement> items) {
    var list = Json.createArrayBuilder();
    items.forEach(m -> list.add(movement(m)));
    return Json.createObjectBuilder().add("payment_id", paymentId).add("items", list).build();
  }

  static JsonObject timeline(String paymentId, List<TimelineEntry> entries) {
    var items = Json.createArrayBuilder();
    for (TimelineEntry e : entries) {
      JsonObjectBuilder item =
          Json.createObjectBuilder()
              .add("at", iso(e.at()))
              .add("kind", e.kind().name().toLowerCase(Locale.ROOT))
              .add("summary", e.summary())
              .add("status", e.status().wire());
      text(item, "klarna_state", e.requestState() == null ? null : e.requestState().name());
      if (e.detail() != null) {
        item.add("detail", e.detail());
      }
      items.add(item);
    }
    return Json.createObjectBuilder().add("payment_id", paymentId).add("items", items).build();
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
