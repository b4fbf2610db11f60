package com.stepup.gateway.klarna;

import java.util.List;
import java.util.Optional;

/** Klarna's Notifications API, as the Acquiring Partner: signing keys and webhooks. */
public interface KlarnaNotifications {

  /** A signing key; Klarna shows {@code secret} only in the answer that creates it. */
  record SigningKey(String id, String secret) {
    @Override
    public String toString() {
      return "SigningKey[" + id + "]";
    }
  }

  /** A webhook as Klarna has it now. */
  record Webhook(
      String id, String url, String status, String signingKeyId, List<String> eventTypes) {
    public boolean enabled() {
      return "ENABLED".equals(status);
    }
  }

  /** The webhook {@code id} at Klarna; empty when Klarna no longer has it (404). */
  Optional<Webhook> webhook(String id);

  /** Every webhook Klarna has for the acquirer. */
  List<Webhook> webhooks();

  /**
   * Creates a signing key; a repeat with the same {@code idempotencyKey} gets the same key (Klarna
   * keeps POST results for 24 hours).
   */
  SigningKey createSigningKey(String idempotencyKey);

  /** Deletes a signing key at Klarna; one Klarna no longer has (404) counts as deleted. */
  void deleteSigningKey(String id);

  /** The webhook, and the signing key it used before (null when it is new), after subscribing. */
  record Subscription(String webhookId, String replacedSigningKeyId) {}

  /**
   * Subscribes {@code url} to {@code eventType} (wildcards allowed), signed with the key. A webhook
   * Klarna already has for the URL (409) is moved to the new key instead, and Klarna's answer is
   * checked to show it. Each POST and PATCH carries a {@code Klarna-Idempotency-Key} derived from
   * {@code idempotencyKey}.
   */
  Subscription subscribe(
      String url, List<String> eventTypes, String signingKeyId, String idempotencyKey);

  /**
   * Updates the webhook Klarna already has (PATCH): these event types, signed with this key,
   * enabled; Klarna's answer is checked to show it. The PATCH carries a {@code
   * Klarna-Idempotency-Key} derived from {@code idempotencyKey}.
   */
  Subscription update(
      Webhook existing, List<String> eventTypes, String signingKeyId, String idempotencyKey);
}
