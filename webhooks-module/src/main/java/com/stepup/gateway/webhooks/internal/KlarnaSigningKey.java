package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A signing key the gateway created at Klarna, with the webhook that uses it. Its secret is kept
 * sealed; {@link SigningKeys} seals and opens it.
 */
@Entity
@Table(name = "klarna_signing_key")
class KlarnaSigningKey {

  @Id private String id;

  @Column(nullable = false)
  private String secret;

  @Column(name = "webhook_id")
  private String webhookId;

  @Column(name = "webhook_url", nullable = false)
  private String webhookUrl;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** When Klarna deleted it for us, once a newer key replaced it; null while Klarna holds it. */
  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected KlarnaSigningKey() {}

  static KlarnaSigningKey kept(String id, String sealedSecret, String webhookUrl, Instant now) {
    KlarnaSigningKey k = new KlarnaSigningKey();
    k.id = id;
    k.secret = sealedSecret;
    k.webhookUrl = webhookUrl;
    k.createdAt = now;
    return k;
  }

  String id() {
    return id;
  }

  String sealedSecret() {
    return secret;
  }

  String webhookId() {
    return webhookId;
  }

  void webhookCreated(String webhookId) {
    this.webhookId = webhookId;
  }

  void deletedAtKlarna(Instant now) {
    deletedAt = now;
  }

  void reseal(UnaryOperator<String> reseal) {
    secret = reseal.apply(secret);
  }

  @Override
  public String toString() {
    return "KlarnaSigningKey[" + id + "]";
  }
}
