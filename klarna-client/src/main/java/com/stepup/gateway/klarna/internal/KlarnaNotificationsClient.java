package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaNotifications;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Klarna's Notifications API, as the Acquiring Partner: signing keys and webhooks. */
@ApplicationScoped
class KlarnaNotificationsClient implements KlarnaNotifications {

  @Inject KlarnaHttp http;

  /** The webhook {@code id} at Klarna; empty when Klarna no longer has it (404). */
  @Override
  public Optional<Webhook> webhook(String id) {
    try {
      return Optional.of(webhook(id, http.call("read webhook", api -> api.webhook(id))));
    } catch (KlarnaException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<Webhook> webhooks() {
    JsonObject list = http.call("list webhooks", api -> api.webhooks());
    return list.get("webhooks") instanceof JsonArray items
        ? items.getValuesAs(JsonObject.class).stream()
            .map(w -> webhook(w.getString("webhook_id", null), w))
            .toList()
        : List.of();
  }

  private static Webhook webhook(String id, JsonObject w) {
    return new Webhook(
        id,
        w.getString("url", null),
        w.getString("status", null),
        w.getString("signing_key_id", null),
        w.get("event_types") instanceof JsonArray types
            ? types.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
            : List.of());
  }

  @Override
  public SigningKey createSigningKey(String idempotencyKey) {
    JsonObject key =
        http.callWithRetries(
            "create signing key",
            api -> api.createSigningKey(idempotencyKey, JsonObject.EMPTY_JSON_OBJECT));
    return new SigningKey(key.getString("signing_key_id"), key.getString("signing_key"));
  }

  @Override
  public void deleteSigningKey(String id) {
    try {
      http.callWithRetries(
          "delete signing key",
          api -> {
            api.deleteSigningKey(id);
            return null;
          });
    } catch (KlarnaException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  /** A key per step of one registration, so each of its calls is repeated safely. */
  static String stepKey(String idempotencyKey, String step) {
    return UUID.nameUUIDFromBytes((idempotencyKey + ":" + step).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * Subscribes {@code url} to {@code eventTypes} (wildcards allowed), signed with the key. Klarna
   * refuses a second webhook for the same configuration (409): that one is found by its URL and
   * {@linkplain #update updated} instead. Answers the webhook id.
   */
  @Override
  public Subscription subscribe(
      String url, List<String> eventTypes, String signingKeyId, String idempotencyKey) {
    JsonObject webhook =
        Json.createObjectBuilder()
            .add("url", url)
            .add("event_types", Json.createArrayBuilder(eventTypes))
            .add("event_version", "v2")
            .add("signing_key_id", signingKeyId)
            .add("status", "ENABLED")
            .build();
    try {
      String created =
          http.callWithRetries(
                  "create webhook",
                  api -> api.createWebhook(stepKey(idempotencyKey, "create webhook"), webhook))
              .getString("webhook_id");
      return new Subscription(created, null);
    } catch (KlarnaException e) {
      if (e.status() != 409) {
        throw e;
      }
      Webhook existing =
          webhooks().stream().filter(w -> url.equals(w.url())).findFirst().orElseThrow(() -> e);
      return update(existing, eventTypes, signingKeyId, idempotencyKey);
    }
  }

  @Override
  public Subscription update(
      Webhook existing, List<String> eventTypes, String signingKeyId, String idempotencyKey) {
    String id = existing.id();
    JsonObject changes =
        Json.createObjectBuilder()
            .add("signing_key_id", signingKeyId)
            .add("event_types", Json.createArrayBuilder(eventTypes))
            .add("status", "ENABLED")
            .build();
    JsonObject updated =
        http.callWithRetries(
            "update webhook",
            api -> api.updateWebhook(id, stepKey(idempotencyKey, "update webhook"), changes));
    // the move must have happened, or every event from now on would fail the signature check
    Webhook now = webhook(id, updated);
    if (!signingKeyId.equals(now.signingKeyId())
        || !now.enabled()
        || (updated.containsKey("event_types") && !now.eventTypes().containsAll(eventTypes))) {
      throw new KlarnaException(
          0,
          null,
          "WEBHOOK_NOT_UPDATED",
          "Klarna kept webhook "
              + id
              + " on signing key "
              + (now.signingKeyId() == null ? "(none)" : now.signingKeyId())
              + " ("
              + now.status()
              + ", "
              + now.eventTypes()
              + ") instead of the new one",
          null,
          List.of());
    }
    String replaced = existing.signingKeyId();
    return new Subscription(id, signingKeyId.equals(replaced) ? null : replaced);
  }
}
