package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.SecretBox;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.ApiKeyView;
import com.stepup.gateway.stores.ApiScope;
import com.stepup.gateway.stores.CreatedMerchant;
import com.stepup.gateway.stores.IssuedApiKey;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.NewMerchant;
import com.stepup.gateway.stores.PartnerKey;
import com.stepup.gateway.stores.RotatedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Merchants and their API keys, one transaction per method. */
@ApplicationScoped
@Transactional
class MerchantRepository {

  /** last_used_at is a hint for people; it is written at most this often per key. */
  static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  @PersistenceContext(unitName = "stores")
  EntityManager em;

  @Inject Clock clock;
  @Inject SecretBox secrets;
  @Inject Event<MerchantChanged> changed;

  public CreatedMerchant create(NewMerchant input) {
    boolean taken =
        !em.createQuery("select m.id from Merchant m where m.partnerAccountId = :pa", String.class)
            .setParameter("pa", input.partnerAccountId())
            .getResultList()
            .isEmpty();
    if (taken) {
      throw new Conflict(
          "klarna_partner_account_id", "A merchant with this Klarna partner account exists.");
    }
    String webhookSecret = Ids.webhookSecret();
    Merchant m =
        Merchant.create(
            input.name(),
            input.partnerAccountId(),
            input.notificationUrl(),
            id -> secrets.seal(webhookSecret, secretContext(id)),
            clock.instant());
    em.persist(m);
    em.flush(); // the key's foreign key needs the merchant row first; JPA has no relation to
    // order by
    IssuedApiKey key = issueKey(m.id(), "First key", ApiScope.ALL);
    return new CreatedMerchant(m.view(), key, webhookSecret);
  }

  public Optional<MerchantView> findByPartnerAccount(String partnerAccountId) {
    return em.createQuery("select m from Merchant m where m.partnerAccountId = :pa", Merchant.class)
        .setParameter("pa", partnerAccountId)
        .getResultStream()
        .findFirst()
        .map(Merchant::view);
  }

  public Optional<MerchantView> find(String id) {
    return Optional.ofNullable(id == null ? null : em.find(Merchant.class, id)).map(Merchant::view);
  }

  /** Merchants whose name or partner account contains {@code query}, by name. */
  public ListPage<MerchantView> list(String query, int page, int size) {
    String like = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
    String where =
        " where lower(m.name) like :q or lower(m.partnerAccountId) like :q or m.id = :exact";
    long total =
        em.createQuery("select count(m) from Merchant m" + where, Long.class)
            .setParameter("q", like)
            .setParameter("exact", query == null ? "" : query.strip())
            .getSingleResult();
    List<MerchantView> items =
        em.createQuery(
                "select m from Merchant m" + where + " order by m.name, m.id", Merchant.class)
            .setParameter("q", like)
            .setParameter("exact", query == null ? "" : query.strip())
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultStream()
            .map(Merchant::view)
            .toList();
    return new ListPage<>(items, page, size, total);
  }

  public MerchantView update(
      String id, String name, String notificationUrl, MerchantView.Status status) {
    Merchant m = get(id);
    m.change(name, notificationUrl, status, clock.instant());
    changed.fire(new MerchantChanged(id));
    return m.view();
  }

  /** Sets the merchant's requests a minute per API key; null returns to the gateway's default. */
  public void changeRateLimit(String id, Integer perMinute) {
    get(id).changeRateLimit(perMinute, clock.instant());
    changed.fire(new MerchantChanged(id));
  }

  /** The merchant's requests a minute per API key; empty: the gateway's default. */
  public Optional<Integer> rateLimit(String id) {
    return Optional.ofNullable(get(id).rateLimitPerMinute());
  }

  public MerchantView changeTimeZone(String id, String zone) {
    Merchant m = get(id);
    m.changeTimeZone(zone, clock.instant());
    changed.fire(new MerchantChanged(id));
    return m.view();
  }

  /** The secrets outgoing webhooks to this merchant are signed with: the current one first. */
  public List<String> webhookSecrets(String merchantId) {
    String context = secretContext(merchantId);
    return get(merchantId).sealedWebhookSecrets(clock.instant()).stream()
        .map(secret -> secrets.open(secret, context))
        .toList();
  }

  /** A new current secret; the old one stays valid for {@code grace}. */
  public RotatedSecret rotateWebhookSecret(String merchantId, Duration grace) {
    Merchant m = get(merchantId);
    String webhookSecret = Ids.webhookSecret();
    Instant oldUntil =
        m.rotateWebhookSecret(
            secrets.seal(webhookSecret, secretContext(m.id())), grace, clock.instant());
    return new RotatedSecret(webhookSecret, oldUntil);
  }

  /**
   * Seals the webhook secrets stored unsealed or under an old key (after {@code
   * gateway.secrets.key} was set or rotated); answers how many merchants changed.
   */
  public int resealWebhookSecrets() {
    String current = secrets.currentPrefix().orElse(null);
    if (current == null) {
      return 0;
    }
    // only the stale rows: at an ordinary start this reads nothing
    List<Merchant> stale =
        em.createQuery(
                "SELECT m FROM Merchant m WHERE m.webhookSecret NOT LIKE :sealed OR"
                    + " (m.previousWebhookSecret IS NOT NULL AND m.previousWebhookSecret NOT LIKE"
                    + " :sealed)",
                Merchant.class)
            .setParameter("sealed", current + "%")
            .getResultList();
    for (Merchant m : stale) {
      String context = secretContext(m.id());
      m.resealWebhookSecrets(
          secret ->
              secrets.stale(secret)
                  ? secrets.seal(secrets.open(secret, context), context)
                  : secret);
    }
    return stale.size();
  }

  /** What a merchant's sealed webhook secret is bound to. */
  private static String secretContext(String merchantId) {
    return "merchant-webhook-secret:" + merchantId;
  }

  public IssuedApiKey issueKey(String merchantId, String label, Set<ApiScope> scopes) {
    get(merchantId);
    String secret = Ids.apiKeySecret();
    ApiKey k = ApiKey.issue(merchantId, label, secret, scopes, clock.instant());
    em.persist(k);
    return new IssuedApiKey(k.view(), secret);
  }

  public ApiKeyView revokeKey(String merchantId, String keyId) {
    ApiKey k = em.find(ApiKey.class, keyId);
    if (k == null || !k.merchantId().equals(merchantId)) {
      throw new NotFound("API key " + keyId);
    }
    k.revoke(clock.instant());
    changed.fire(new MerchantChanged(merchantId));
    return k.view();
  }

  public List<ApiKeyView> keys(String merchantId) {
    return em.createQuery(
            "select k from ApiKey k where k.merchantId = :m order by k.createdAt desc",
            ApiKey.class)
        .setParameter("m", merchantId)
        .getResultStream()
        .map(ApiKey::view)
        .toList();
  }

  /** The merchant a live key belongs to; a revoked or unknown key gives empty. */
  public Optional<MerchantView> authenticate(String secret) {
    return authenticateKey(secret).map(PartnerKey::merchant);
  }

  /** A live key (its id, merchant and scopes); a revoked or unknown key gives empty. */
  public Optional<PartnerKey> authenticateKey(String secret) {
    Optional<ApiKey> key =
        em.createQuery("select k from ApiKey k where k.keyHash = :h", ApiKey.class)
            .setParameter("h", Ids.sha256(secret))
            .getResultStream()
            .findFirst()
            .filter(ApiKey::live);
    key.ifPresent(k -> k.used(clock.instant(), LAST_USED_GRANULARITY));
    return key.map(
        k -> {
          Merchant m = em.find(Merchant.class, k.merchantId());
          return new PartnerKey(k.id(), m.view(), k.scopes(), m.rateLimitPerMinute());
        });
  }

  private Merchant get(String id) {
    Merchant m = id == null ? null : em.find(Merchant.class, id);
    if (m == null) {
      throw new NotFound("Merchant " + id);
    }
    return m;
  }
}
