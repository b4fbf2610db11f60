package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.ClusterSignals;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.PartnerKey;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the payments module asks of this one: who is calling, and which store and terminal a payment
 * names. Answers are views, never entities; another merchant's store is simply absent.
 */
@ApplicationScoped
class StoreIndex implements StoreDirectory {

  @Inject MerchantRepository merchants;
  @Inject StoreRepository stores;
  @Inject ClusterSignals signals;

  /**
   * How long a key's answer is reused. A revoked key, a suspended merchant and any other change of
   * a merchant clear its answers at once here ({@link MerchantChanged}) and on the other instances
   * ({@link com.stepup.gateway.platform.ClusterSignals}); this bounds a lost signal.
   */
  static final Duration KEY_ANSWER_FOR = Duration.ofSeconds(10);

  private static final String TOPIC = "merchant-changed";

  private record KeyAnswer(PartnerKey key, long until) {}

  /** By the SHA-256 of the key (never the key itself). */
  private final Map<String, KeyAnswer> keys = new ConcurrentHashMap<>();

  @PostConstruct
  void listen() {
    signals.subscribe(TOPIC, this::forget);
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MerchantChanged change) {
    forget(change.merchantId());
    signals.publish(TOPIC, change.merchantId());
  }

  /** When each merchant's answers were last forgotten: an answer read before is not kept. */
  private final Map<String, Long> forgotten = new ConcurrentHashMap<>();

  private void forget(String merchantId) {
    forgotten.put(merchantId, System.nanoTime());
    keys.values().removeIf(a -> a.key().merchant().id().equals(merchantId));
  }

  /**
   * The merchant a live API key belongs to (whatever its status); empty for unknown or revoked. A
   * known key's answer is reused for {@link #KEY_ANSWER_FOR}: a partner call then costs no database
   * transaction for its key (ADR 0015).
   */
  @Override
  public Optional<MerchantView> merchantByApiKey(String apiKey) {
    return partnerKey(apiKey).map(PartnerKey::merchant);
  }

  @Override
  public Optional<PartnerKey> partnerKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    String hash = Ids.sha256(apiKey);
    long now = System.nanoTime();
    KeyAnswer known = keys.get(hash);
    if (known != null && known.until() - now > 0) {
      return Optional.of(known.key());
    }
    Optional<PartnerKey> key = merchants.authenticateKey(apiKey);
    Long forgottenAt = key.map(k -> forgotten.get(k.merchant().id())).orElse(null);
    if (key.isPresent() && (forgottenAt == null || now - forgottenAt > 0)) {
      if (keys.size() > 10_000) {
        keys.clear(); // more live keys than that: keep the memory bounded
      }
      keys.put(hash, new KeyAnswer(key.get(), now + KEY_ANSWER_FOR.toNanos()));
    } else {
      keys.remove(hash);
    }
    return key;
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
            .orElseThrow(() -> new NotFound("Display"));
    // a display polls every second: the database hears of it at most every SEEN_EVERY per node
    Instant now = Instant.now();
    Instant last = seen.get(terminal.id());
    if (last == null || last.plus(SEEN_EVERY).isBefore(now)) {
      seen.put(terminal.id(), now);
      stores.displaySeen(terminal.id(), SEEN_EVERY);
    }
    return terminal;
  }

  private static final Duration SEEN_EVERY = Duration.ofSeconds(30);
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
}
