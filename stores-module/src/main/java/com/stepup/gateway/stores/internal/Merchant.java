package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.MerchantView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A merchant: one Klarna partner account, its status and its outgoing-webhook settings. Its webhook
 * secrets are kept sealed; the repository seals and opens them.
 */
@Entity
@Table(name = "merchant")
class Merchant {

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(name = "klarna_partner_account_id", nullable = false)
  private String partnerAccountId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MerchantView.Status status;

  @Column(name = "notification_url")
  private String notificationUrl;

  @Column(name = "webhook_secret", nullable = false)
  private String webhookSecret;

  @Column(name = "previous_webhook_secret")
  private String previousWebhookSecret;

  @Column(name = "previous_secret_until")
  private Instant previousSecretUntil;

  /** Requests a minute per API key; null: the gateway's default. */
  @Column(name = "rate_limit_per_minute")
  private Integer rateLimitPerMinute;

  @Column(name = "time_zone", nullable = false)
  private String timeZone = "UTC";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Merchant() {}

  /** A new ACTIVE merchant; {@code sealedSecret} seals its first webhook secret for its id. */
  static Merchant create(
      String name,
      String partnerAccountId,
      String notificationUrl,
      UnaryOperator<String> sealedSecret,
      Instant now) {
    Merchant m = new Merchant();
    m.id = Ids.next("mer");
    m.name = name;
    m.partnerAccountId = partnerAccountId;
    m.status = MerchantView.Status.ACTIVE;
    m.notificationUrl = notificationUrl;
    m.webhookSecret = sealedSecret.apply(m.id);
    m.createdAt = now;
    m.updatedAt = now;
    return m;
  }

  String id() {
    return id;
  }

  Integer rateLimitPerMinute() {
    return rateLimitPerMinute;
  }

  /** The sealed secrets outgoing webhooks are signed with at {@code now}: the current one first. */
  List<String> sealedWebhookSecrets(Instant now) {
    return previousWebhookSecret != null && previousSecretUntil.isAfter(now)
        ? List.of(webhookSecret, previousWebhookSecret)
        : List.of(webhookSecret);
  }

  /** The name when given, the URL as given, the status when given. */
  void change(String name, String notificationUrl, MerchantView.Status status, Instant now) {
    if (name != null) {
      this.name = name;
    }
    this.notificationUrl = notificationUrl;
    if (status != null) {
      this.status = status;
    }
    updatedAt = now;
  }

  void changeRateLimit(Integer perMinute, Instant now) {
    rateLimitPerMinute = perMinute;
    updatedAt = now;
  }

  void changeTimeZone(String zone, Instant now) {
    timeZone = zone;
    updatedAt = now;
  }

  /** A new current secret, already sealed; the old one stays valid for {@code grace}. */
  Instant rotateWebhookSecret(String sealedSecret, Duration grace, Instant now) {
    previousWebhookSecret = webhookSecret;
    previousSecretUntil = now.plus(grace);
    webhookSecret = sealedSecret;
    updatedAt = now;
    return previousSecretUntil;
  }

  /** Seals again, through {@code reseal}, each secret for which it gives another value. */
  void resealWebhookSecrets(UnaryOperator<String> reseal) {
    webhookSecret = reseal.apply(webhookSecret);
    if (previousWebhookSecret != null) {
      previousWebhookSecret = reseal.apply(previousWebhookSecret);
    }
  }

  MerchantView view() {
    return new MerchantView(
        id, name, partnerAccountId, status, notificationUrl, createdAt, updatedAt, timeZone);
  }
}
