package com.stepup.gateway.stores;

import java.util.Set;

/**
 * A live partner API key: its id (never the secret), its merchant, what it may do, and its
 * merchant's requests a minute per key ({@code null}: the gateway's default).
 */
public record PartnerKey(
    String id, MerchantView merchant, Set<ApiScope> scopes, Integer requestsPerMinute) {

  public PartnerKey {
    scopes = Set.copyOf(scopes);
  }

  public boolean allows(ApiScope scope) {
    return scopes.contains(scope);
  }
}
