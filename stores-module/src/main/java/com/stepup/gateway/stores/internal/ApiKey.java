package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.ApiKeyView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A merchant's API key; only its SHA-256 and a short prefix are kept. */
@Entity
@Table(name = "api_key")
class ApiKey {

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(nullable = false)
  String label;

  @Column(nullable = false)
  String prefix;

  @Column(name = "key_hash", nullable = false)
  String keyHash;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "last_used_at")
  OffsetDateTime lastUsedAt;

  @Column(name = "revoked_at")
  OffsetDateTime revokedAt;

  /** Space-separated {@link com.stepup.gateway.stores.ApiScope} names. */
  @Column(nullable = false)
  String scopes;

  protected ApiKey() {}

  ApiKeyView view() {
    return new ApiKeyView(
        id,
        merchantId,
        label,
        prefix,
        createdAt.toInstant(),
        lastUsedAt == null ? null : lastUsedAt.toInstant(),
        revokedAt == null ? null : revokedAt.toInstant(),
        com.stepup.gateway.stores.ApiScope.parse(scopes));
  }
}
