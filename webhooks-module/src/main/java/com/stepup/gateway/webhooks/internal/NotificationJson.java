package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import com.stepup.gateway.webhooks.NotificationView;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON of notifications, their attempts, and Klarna webhook health. */
final class NotificationJson {

  private NotificationJson() {}

  static JsonObject notification(NotificationView n) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", n.id())
            .add("merchant_id", n.merchantId())
            .add("payment_id", n.paymentId())
            .add("type", n.eventType())
            .add("status", n.status().name().toLowerCase(Locale.ROOT))
            .add("attempts", n.attempts());
    time(json, "next_attempt_at", n.nextAttemptAt());
    if (n.lastHttpStatus() != null) {
      json.add("last_http_status", n.lastHttpStatus());
    }
    if (n.lastError() != null) {
      json.add("last_error", n.lastError());
    }
    time(json, "created_at", n.createdAt());
    time(json, "delivered_at", n.deliveredAt());
    return json.build();
  }

  /**
   * {@link #notification(NotificationView)} written by a generator: the same bytes ({@code
   * NotificationJsonTest}).
   */
  static void write(JsonGenerator json, NotificationView n) {
    json.writeStartObject()
        .write("id", n.id())
        .write("merchant_id", n.merchantId())
        .write("payment_id", n.paymentId())
        .write("type", n.eventType())
        .write("status", n.status().name().toLowerCase(Locale.ROOT))
        .write("attempts", n.attempts());
    time(json, "next_attempt_at", n.nextAttemptAt());
    if (n.lastHttpStatus() != null) {
      json.write("last_http_status", n.lastHttpStatus());
    }
    if (n.lastError() != null) {
      json.write("last_error", n.lastError());
    }
    time(json, "created_at", n.createdAt());
    time(json, "delivered_at", n.deliveredAt());
    json.writeEnd();
  }

  static JsonObject withAttempts(NotificationView n, List<NotificationView.Attempt> attempts) {
    var list = Json.createArrayBuilder();
    for (NotificationView.Attempt a : attempts) {
      JsonObjectBuilder item =
          Json.createObjectBuilder()
              .add("attempt", a.attempt())
              .add("at", a.at().toString())
              .add("url", a.url())
              .add("latency_ms", a.latencyMs());
      if (a.httpStatus() != null) {
        item.add("http_status", a.httpStatus());
      }
      if (a.responseExcerpt() != null) {
        item.add("response_excerpt", a.responseExcerpt());
      }
      if (a.error() != null) {
        item.add("error", a.error());
      }
      list.add(item);
    }
    return Json.createObjectBuilder(notification(n)).add("attempt_log", list).build();
  }

  /** A list answer: the scope's notifications (every merchant's when null), filtered. */
  static StreamedJson list(
      PartnerNotifications notifications,
      String merchantId,
      String status,
      String paymentId,
      Integer page,
      Integer size) {
    int[] p = ListPage.request(page, size);
    return notifications
        .list(
            merchantId,
            status(status),
            paymentId == null || paymentId.isBlank() ? null : paymentId,
            p[0],
            p[1])
        .streamed(NotificationJson::write);
  }

  /** One notification with its attempts; another merchant's is not found. */
  static String detail(PartnerNotifications notifications, String merchantId, String id) {
    return withAttempts(notifications.get(merchantId, id), notifications.attempts(merchantId, id))
        .toString();
  }

  static JsonObject health(KlarnaWebhookHealth h) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("received", h.received())
            .add("duplicates", h.duplicates())
            .add("rejected", h.rejected())
            .add("rejected_signatures", h.rejectedSignatures())
            .add("waiting", h.waiting())
            .add("failed", h.failed())
            .add("received_last_hour", h.receivedLastHour())
            .add("rejected_signatures_last_hour", h.rejectedSignaturesLastHour());
    if (h.alarm() != null) {
      json.add("alarm", h.alarm());
    }
    if (h.registeredWebhookId() == null) {
      json.addNull("registered_webhook_id");
    } else {
      json.add("registered_webhook_id", h.registeredWebhookId());
    }
    return json.build();
  }

  static NotificationView.Status status(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return NotificationView.Status.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("status", "must be pending, delivered or failed");
    }
  }

  private static void time(JsonObjectBuilder json, String name, Instant at) {
    if (at != null) {
      json.add(name, at.toString());
    }
  }

  private static void time(JsonGenerator json, String name, Instant at) {
    if (at != null) {
      json.write(name, at.toString());
    }
  }
}
