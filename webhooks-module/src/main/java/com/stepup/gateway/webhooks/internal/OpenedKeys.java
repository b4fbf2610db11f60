package com.stepup.gateway.webhooks.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The signing keys the gateway created, as opened from their sealed rows: opening one (a cipher and
 * a database read) for every webhook cost more than checking its signature. A key's secret never
 * changes (re-sealing keeps it), and its webhook is named once; so a key is kept once its webhook
 * is named, and read again until then (another instance may name it). Unknown keys are never kept,
 * so what anyone sends cannot fill it. Nothing here is ever logged.
 */
final class OpenedKeys {

  /** A key's secret, opened, and the webhook it was made for (null until Klarna made it). */
  static final class Opened {
    private final String secret;
    private final String webhookId;

    Opened(String secret, String webhookId) {
      this.secret = secret;
      this.webhookId = webhookId;
    }

    String secret() {
      return secret;
    }

    Optional<String> webhookId() {
      return Optional.ofNullable(webhookId);
    }

    /** Never the secret. */
    @Override
    public String toString() {
      return "OpenedKey[webhook " + webhookId + "]";
    }
  }

  private final ConcurrentMap<String, Opened> kept = new ConcurrentHashMap<>();

  /**
   * The key as kept, else as {@code open} reads it (kept from then on once its webhook is named).
   */
  Optional<Opened> get(String keyId, Function<String, Optional<Opened>> open) {
    Opened known = kept.get(keyId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Opened> read = open.apply(keyId);
    read.filter(o -> o.webhookId != null).ifPresent(o -> kept.put(keyId, o));
    return read;
  }

  /** The key changed here: read it again next time. */
  void forget(String keyId) {
    kept.remove(keyId);
  }
}
