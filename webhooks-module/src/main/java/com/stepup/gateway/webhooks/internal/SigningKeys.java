package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaNotificationsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The keys Klarna signs webhooks with: those in {@code klarna.webhook.signing-keys} (several at
 * once, for rotation) and those the gateway created itself when registering its webhook.
 */
@ApplicationScoped
@Transactional
class SigningKeys {

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject WebhookSettings settings;
  @Inject Clock clock;

  Optional<String> secret(String keyId) {
    String configured = settings.configuredKeys().get(keyId);
    if (configured != null) {
      return Optional.of(configured);
    }
    return Optional.ofNullable(em.find(KlarnaSigningKey.class, keyId)).map(k -> k.secret);
  }

  /** The newest webhook the gateway registered for {@code url}, if any. */
  Optional<String> registeredWebhook(String url) {
    return em.createQuery(
            "SELECT k.webhookId FROM KlarnaSigningKey k WHERE k.webhookUrl = :url AND k.webhookId"
                + " IS NOT NULL ORDER BY k.createdAt DESC",
            String.class)
        .setParameter("url", url)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** Kept before the webhook is created, so an event signed with it is never refused. */
  void keep(KlarnaNotificationsClient.SigningKey key, String url) {
    KlarnaSigningKey k = new KlarnaSigningKey();
    k.id = key.id();
    k.secret = key.secret();
    k.webhookUrl = url;
    k.createdAt = OffsetDateTime.now(clock);
    em.persist(k);
  }

  void webhookCreated(String keyId, String webhookId) {
    em.find(KlarnaSigningKey.class, keyId).webhookId = webhookId;
  }
}
