package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.SecretBox;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start: seals the merchants' webhook secrets that are stored unsealed or under an old key
 * ({@code gateway.secrets.key} newly set or rotated), or warns that there is no key.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SealedWebhookSecrets {

  private static final Logger LOG = Logger.getLogger(SealedWebhookSecrets.class.getName());

  @Inject SecretBox secrets;
  @Inject MerchantRepository repository;

  @PostConstruct
  void reseal() {
    if (!secrets.sealing()) {
      LOG.warning(
          "gateway.secrets.key is not set: partner webhook secrets and Klarna signing keys are"
              + " stored unencrypted. Set it to 32 random bytes in Base64 (openssl rand -base64"
              + " 32).");
      return;
    }
    try {
      int changed = repository.resealWebhookSecrets();
      if (changed > 0) {
        LOG.info(
            () -> "Sealed the webhook secrets of " + changed + " merchants with the current key");
      }
    } catch (IllegalStateException e) {
      LOG.log(Level.SEVERE, "Webhook secrets could not be sealed again: " + e.getMessage());
    }
  }
}
