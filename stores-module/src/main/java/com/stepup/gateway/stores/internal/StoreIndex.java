package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * What the payments module asks of this one: who is calling, and which store and terminal a payment
 * names. Answers are views, never entities; another merchant's store is simply absent.
 */
@ApplicationScoped
class StoreIndex implements StoreDirectory {

  @Inject MerchantRepository merchants;
  @Inject StoreRepository stores;

  /** The merchant a live API key belongs to (whatever its status); empty for unknown or revoked. */
  @Override
  public Optional<MerchantView> merchantByApiKey(String apiKey) {
    return apiKey == null || apiKey.isBlank() ? Optional.empty() : merchants.authenticate(apiKey);
  }

  @Override
  public Optional<MerchantView> merchant(String merchantId) {
    return merchants.find(merchantId);
  }

  /** The merchant's store by our id or by its {@code store_reference}. */
  @Override
  public Optional<StoreView> store(String merchantId, String storeIdOrReference) {
    if (storeIdOrReference == null) {
      return Optional.empty();
    }
    return stores
        .find(merchantId, storeIdOrReference)
        .or(() -> stores.findByReference(merchantId, storeIdOrReference));
  }

  @Override
  public Optional<TerminalView> terminal(String merchantId, String terminalReference) {
    return terminalReference == null
        ? Optional.empty()
        : stores.terminalByReference(merchantId, terminalReference);
  }

  /** The terminal a customer-facing display link opens; 404 for an unknown or rotated link. */
  @Override
  public TerminalView displayTerminal(String token) {
    TerminalView terminal =
        (token == null || token.length() < 20 || token.length() > 64
                ? Optional.<TerminalView>empty()
                : stores.terminalByDisplayToken(token))
            .orElseThrow(() -> com.stepup.gateway.platform.ApiProblem.notFound("Display"));
    // a display polls every second: the database hears of it at most every SEEN_EVERY per node
    java.time.Instant now = java.time.Instant.now();
    java.time.Instant last = seen.get(terminal.id());
    if (last == null || last.plus(SEEN_EVERY).isBefore(now)) {
      seen.put(terminal.id(), now);
      stores.displaySeen(terminal.id(), SEEN_EVERY);
    }
    return terminal;
  }

  private static final java.time.Duration SEEN_EVERY = java.time.Duration.ofSeconds(30);
  private final java.util.Map<String, java.time.Instant> seen =
      new java.util.concurrent.ConcurrentHashMap<>();
}
