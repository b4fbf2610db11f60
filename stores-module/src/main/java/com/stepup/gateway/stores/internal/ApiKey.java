package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.ApiKeyView;
import com.stepup.gateway.stores.ApiScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A merchant's API key; only its SHA-256 and a short prefix are kept. */
@Entity
@Table(name = "api_key")
class ApiKey {

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Column(nullable = false)
  private String label;

  @Column(nullable = false)
  private String prefix;

  @Column(name = "key_hash", nullable = false)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  /** Space-separated {@link ApiScope} names. */
  @Column(nullable = false)
  private String scopes;

  protected ApiKey() {}

  /** A key for {@code secret}, of which only the hash and the prefix are kept. */
  static ApiKey issue(
      String merchantId, String label, String secret, Set<ApiScope> scopes, Instant now) {
    ApiKey k = new ApiKey();
    k.id = Ids.next("key");
    k.merchantId = merchantId;
    k.label = label == null || label.isBlank() ? "API key" : label;
    k.prefix = secret.substring(0, Ids.KEY_PREFIX_LENGTH);
    k.keyHash = Ids.sha256(secret);
    k.createdAt = now;
    k.scopes = ApiScope.join(scopes);
    return k;
  }

  String id() {
    return id;
  }

  String merchantId() {
    return merchantId;
  }

  Set<ApiScope> scopes() {
    return ApiScope.parse(scopes);
  }

  boolean live() {
    return revokedAt == null;
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  /** Notes a use; written at most every {@code granularity}, as it is a hint for people. */
  void used(Instant now, Duration granularity) {
    if (lastUsedAt == null || lastUsedAt.plus(granularity).isBefore(now)) {
      lastUsedAt = now;
    }
  }

  ApiKeyView view() {
    return new ApiKeyView(
        id, merchantId, label, prefix, createdAt, lastUsedAt, revokedAt, ApiScope.parse(scopes));
  }
}
