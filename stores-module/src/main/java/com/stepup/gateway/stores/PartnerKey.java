package com.stepup.gateway.stores;

import java.util.Set;

/** A live partner API key: its id (never the secret), its merchant and what it may do. */
public record PartnerKey(String id, MerchantView merchant, Set<ApiScope> scopes) {

  public PartnerKey {
    scopes = Set.copyOf(scopes);
  }

  public boolean allows(ApiScope scope) {
    return scopes.contains(scope);
  }
}
