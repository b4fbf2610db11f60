package com.stepup.gateway.stores;

import java.util.Optional;

/**
 * How other modules find a merchant by API key, its stores and terminals, and a display by its
 * token.
 */
public interface StoreDirectory {

  /** The merchant a live API key belongs to (whatever its status); empty for unknown or revoked. */
  Optional<MerchantView> merchantByApiKey(String apiKey);

  /** A live API key: its id, merchant (whatever its status) and scopes; empty for unknown. */
  default Optional<PartnerKey> partnerKey(String apiKey) {
    return merchantByApiKey(apiKey).map(m -> new PartnerKey("key", m, ApiScope.ALL, null));
  }

  Optional<MerchantView> merchant(String merchantId);

  /** The merchant's store by our id or by its {@code store_reference}. */
  Optional<StoreView> store(String merchantId, String storeIdOrReference);

  Optional<TerminalView> terminal(String merchantId, String terminalReference);

  /** The terminal a customer-facing display link opens; 404 for an unknown or rotated link. */
  TerminalView displayTerminal(String token);
}
