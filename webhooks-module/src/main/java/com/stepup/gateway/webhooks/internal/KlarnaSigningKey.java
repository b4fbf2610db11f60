package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A signing key the gateway created at Klarna, with the webhook that uses it. */
@Entity
@Table(name = "klarna_signing_key")
class KlarnaSigningKey {

  @Id String id;

  @Column(nullable = false)
  String secret;

  @Column(name = "webhook_id")
  String webhookId;

  @Column(name = "webhook_url", nullable = false)
  String webhookUrl;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  /** When Klarna deleted it for us, once a newer key replaced it; null while Klarna holds it. */
  @Column(name = "deleted_at")
  OffsetDateTime deletedAt;

  @Override
  public String toString() {
    return "KlarnaSigningKey[" + id + "]";
  }
}
