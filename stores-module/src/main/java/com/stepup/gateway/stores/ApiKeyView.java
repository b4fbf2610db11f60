package com.stepup.gateway.stores;

import java.time.Instant;
import java.util.Set;

/** An API key without its secret part: what people see to recognise and revoke it. */
public record ApiKeyView(
    String id,
    String merchantId,
    String label,
    String prefix,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    Set<ApiScope> scopes) {

  public boolean active() {
    return revokedAt == null;
  }
}
