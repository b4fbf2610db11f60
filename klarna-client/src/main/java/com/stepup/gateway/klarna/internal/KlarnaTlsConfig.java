package com.stepup.gateway.klarna.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code klarna.tls.*} settings (environment {@code KLARNA_TLS_KEY_STORE}, ...), read once:
 * every Klarna client and the readiness check share the one {@link KlarnaTls} made from them.
 */
@ApplicationScoped
class KlarnaTlsConfig {

  @Inject
  @ConfigProperty(name = "klarna.tls.key-store")
  Optional<String> keyStore;

  @Inject
  @ConfigProperty(name = "klarna.tls.key-store-password")
  Optional<String> keyStorePassword;

  @Inject
  @ConfigProperty(name = "klarna.tls.trust-store")
  Optional<String> trustStore;

  @Inject
  @ConfigProperty(name = "klarna.tls.trust-store-password")
  Optional<String> trustStorePassword;

  private KlarnaTls tls;

  @PostConstruct
  void load() {
    tls =
        KlarnaTls.load(
            new KlarnaTls.Settings(keyStore, keyStorePassword, trustStore, trustStorePassword));
  }

  KlarnaTls tls() {
    return tls;
  }
}
