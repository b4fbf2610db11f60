package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaNotifications;
import com.stepup.gateway.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keys Klarna signs webhooks with: those in {@code klarna.webhook.signing-keys} (several at
 * once, for rotation) and those the gateway created itself when registering its webhook.
 */
@ApplicationScoped
@Transactional
class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject WebhookSettings settings;
  @Inject Clock clock;
  @Inject SecretBox secrets;

  /** Every webhook names its key: the gateway's own are opened once, not once per webhook. */
  private final OpenedKeys opened = new OpenedKeys();

  /** Reads nothing once the key is kept, so it needs no transaction of its own. */
  @Transactional(TxType.SUPPORTS)
  Optional<String> secret(String keyId) {
    String configured = settings.configuredKeys().get(keyId);
    if (configured != null) {
      return Optional.of(configured);
    }
    return opened.get(keyId, this::open).map(OpenedKeys.Opened::secret);
  }

  /** The webhook the gateway registered with this signing key, if it registered one with it. */
  @Transactional(TxType.SUPPORTS)
  Optional<String> webhookOf(String keyId) {
    if (settings.configuredKeys().containsKey(keyId)) {
      return Optional.empty();
    }
    return opened.get(keyId, this::open).flatMap(OpenedKeys.Opened::webhookId);
  }

  private Optional<OpenedKeys.Opened> open(String keyId) {
    KlarnaSigningKey k = em.find(KlarnaSigningKey.class, keyId);
    if (k == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new OpenedKeys.Opened(secrets.open(k.sealedSecret(), context(k.id())), k.webhookId()));
    } catch (IllegalStateException e) {
      // sealed under a key no longer configured: as good as unknown (refused, registered anew)
      LOG.severe(() -> "Klarna signing key " + keyId + " cannot be used: " + e.getMessage());
      return Optional.empty();
    }
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
  void keep(KlarnaNotifications.SigningKey key, String url) {
    em.persist(
        KlarnaSigningKey.kept(
            key.id(), secrets.seal(key.secret(), context(key.id())), url, clock.instant()));
  }

  /**
   * The keys created for {@code url} that {@code current} has replaced and Klarna may still hold:
   * to be deleted there (Klarna holds few per account).
   */
  List<String> replacedAtKlarna(String url, String current) {
    return em.createQuery(
            "SELECT k.id FROM KlarnaSigningKey k WHERE k.webhookUrl = :url AND k.id <> :current"
                + " AND k.deletedAt IS NULL ORDER BY k.createdAt",
            String.class)
        .setParameter("url", url)
        .setParameter("current", current)
        .getResultList();
  }

  /**
   * Klarna deleted the key. Its secret is kept: an event Klarna signed with it before the webhook
   * moved may still arrive as a retry.
   */
  void deletedAtKlarna(String keyId) {
    KlarnaSigningKey k = em.find(KlarnaSigningKey.class, keyId);
    if (k != null) {
      k.deletedAtKlarna(clock.instant());
    }
  }

  /**
   * Whether the key is one of {@code klarna.webhook.signing-keys} (never the gateway's to delete).
   */
  boolean configured(String keyId) {
    return settings.configuredKeys().containsKey(keyId);
  }

  void webhookCreated(String keyId, String webhookId) {
    em.find(KlarnaSigningKey.class, keyId).webhookCreated(webhookId);
    opened.forget(keyId);
  }

  /** Seals the keys stored unsealed or under an old {@code gateway.secrets.key}; how many. */
  int reseal() {
    String current = secrets.currentPrefix().orElse(null);
    if (current == null) {
      return 0;
    }
    List<KlarnaSigningKey> stale =
        em.createQuery(
                "SELECT k FROM KlarnaSigningKey k WHERE k.secret NOT LIKE :sealed",
                KlarnaSigningKey.class)
            .setParameter("sealed", current + "%")
            .getResultList();
    for (KlarnaSigningKey k : stale) {
      String context = context(k.id());
      k.reseal(secret -> secrets.seal(secrets.open(secret, context), context));
    }
    return stale.size();
  }

  /** What a sealed signing key is bound to. */
  private static String context(String keyId) {
    return "klarna-signing-key:" + keyId;
  }
}
