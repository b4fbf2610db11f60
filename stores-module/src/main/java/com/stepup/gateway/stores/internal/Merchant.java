package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.MerchantView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A merchant: one Klarna partner account, its status and its outgoing-webhook settings. */
@Entity
@Table(name = "merchant")
class Merchant {

  @Id String id;

  @Column(nullable = false)
  String name;

  @Column(name = "klarna_partner_account_id", nullable = false)
  String partnerAccountId;

  @Column(nullable = false)
  String status;

  @Column(name = "notification_url")
  String notificationUrl;

  @Column(name = "webhook_secret", nullable = false)
  String webhookSecret;

  @Column(name = "previous_webhook_secret")
  String previousWebhookSecret;

  @Column(name = "previous_secret_until")
  OffsetDateTime previousSecretUntil;

  /** Requests a minute per API key; null: the gateway's default. */
  @Column(name = "rate_limit_per_minute")
  Integer rateLimitPerMinute;

  @Column(name = "time_zone", nullable = false)
  String timeZone = "UTC";

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  @Version long version;

  protected Merchant() {}

  MerchantView view() {
    return new MerchantView(
        id,
        name,
        partnerAccountId,
        MerchantView.Status.valueOf(status),
        notificationUrl,
        createdAt.toInstant(),
        updatedAt.toInstant(),
        timeZone);
  }
}
