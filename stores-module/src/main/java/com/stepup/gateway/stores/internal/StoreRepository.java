package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.UtcTimestamp;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalInput;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
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

/** Stores and terminals, one short transaction per method; Klarna is called between them. */
@ApplicationScoped
@Transactional
class StoreRepository {

  @PersistenceContext(unitName = "stores")
  EntityManager em;

  @Inject Clock clock;

  /** A new store, PENDING its first Klarna onboarding attempt. */
  public StoreView insertPending(
      String merchantId, StoreType type, String reference, StoreView.Details details) {
    if (findByReference(merchantId, reference).isPresent()) {
      throw new Conflict(
          "store_reference", "A store with store_reference " + reference + " exists.");
    }
    Store s = Store.pending(merchantId, type, reference, details, clock.instant());
    em.persist(s);
    return s.view();
  }

  /** Counts another onboarding attempt about to be made for the merchant's store. */
  public StoreView startOnboarding(String merchantId, String storeId) {
    Store s = own(merchantId, storeId);
    s.startOnboarding();
    return s.view();
  }

  public StoreView recordOnboarded(String storeId, String klarnaStoreId) {
    Store s = em.find(Store.class, storeId);
    s.onboarded(klarnaStoreId, clock.instant());
    return s.view();
  }

  /** Records a failed attempt; an onboarded store stays so unless {@code force}. */
  public StoreView recordFailed(String storeId, String error) {
    return recordFailed(storeId, error, false);
  }

  public StoreView recordFailed(String storeId, String error, boolean force) {
    Store s = em.find(Store.class, storeId);
    s.failed(error, force, clock.instant());
    return s.view();
  }

  /** Removes a store Klarna refused at creation, so no half-made store stays behind. */
  public void delete(String storeId) {
    Store s = em.find(Store.class, storeId);
    if (s != null) {
      em.remove(s);
    }
  }

  public StoreView update(String merchantId, String storeId, StoreView.Details details) {
    Store s = own(merchantId, storeId);
    s.change(details, clock.instant());
    return s.view();
  }

  public StoreView get(String merchantId, String storeId) {
    return own(merchantId, storeId).view();
  }

  public Optional<StoreView> find(String merchantId, String storeId) {
    Store s = storeId == null ? null : em.find(Store.class, storeId);
    return s == null || !s.merchantId().equals(merchantId)
        ? Optional.empty()
        : Optional.of(s.view());
  }

  public Optional<StoreView> findByReference(String merchantId, String reference) {
    return em.createQuery(
            "select s from Store s where s.merchantId = :m and s.storeReference = :r", Store.class)
        .setParameter("m", merchantId)
        .setParameter("r", reference)
        .getResultStream()
        .findFirst()
        .map(Store::view);
  }

  /** A merchant's stores (all merchants' when {@code merchantId} is null), newest first. */
  public ListPage<StoreView> list(String merchantId, String query, int page, int size) {
    String like = "%" + (query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
    String where =
        " where (lower(s.storeReference) like :q or lower(coalesce(s.name, '')) like :q"
            + " or lower(coalesce(s.city, '')) like :q)"
            + (merchantId == null ? "" : " and s.merchantId = :m");
    var count = em.createQuery("select count(s) from Store s" + where, Long.class);
    var select =
        em.createQuery(
            "select s from Store s" + where + " order by s.createdAt desc, s.id", Store.class);
    count.setParameter("q", like);
    select.setParameter("q", like);
    if (merchantId != null) {
      count.setParameter("m", merchantId);
      select.setParameter("m", merchantId);
    }
    List<StoreView> items =
        select
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultStream()
            .map(Store::view)
            .toList();
    return new ListPage<>(items, page, size, count.getSingleResult());
  }

  public TerminalView createTerminal(String merchantId, String storeId, TerminalInput input) {
    Store s = own(merchantId, storeId);
    if (s.type() != StoreType.PHYSICAL_STORE) {
      throw new InvalidInput(
          "store", "terminals belong to a PHYSICAL_STORE; this store is a " + s.type());
    }
    var taken = terminalByReference(merchantId, input.terminalReference());
    if (taken.isPresent()) {
      // unique per merchant, not per store: say where it is
      Store where = em.find(Store.class, taken.get().storeId());
      throw new Conflict(
          "terminal_reference",
          "Terminal reference "
              + input.terminalReference()
              + " is taken"
              + (where == null
                  ? "."
                  : where.id().equals(storeId)
                      ? " in this store (" + where.storeReference() + ")."
                      : ": it is in store "
                          + where.storeReference()
                          + ", and terminal references are unique across all your stores."));
    }
    Terminal t = Terminal.create(merchantId, storeId, input, clock.instant());
    em.persist(t);
    em.flush();
    return t.view();
  }

  public TerminalView updateTerminal(
      String merchantId, String storeId, String terminalId, TerminalInput input) {
    Terminal t = ownTerminal(merchantId, storeId, terminalId);
    t.change(input, clock.instant());
    return t.view();
  }

  public TerminalView terminal(String merchantId, String storeId, String terminalId) {
    return ownTerminal(merchantId, storeId, terminalId).view();
  }

  public List<TerminalView> terminals(String merchantId, String storeId) {
    own(merchantId, storeId);
    return em.createQuery(
            "select t from Terminal t where t.storeId = :s order by t.terminalReference",
            Terminal.class)
        .setParameter("s", storeId)
        .getResultStream()
        .map(Terminal::view)
        .toList();
  }

  /** Every terminal of the merchant (of all merchants when null), by store, then reference. */
  public List<TerminalView> allTerminals(String merchantId, int limit) {
    var q =
        em.createQuery(
            "select t from Terminal t"
                + (merchantId == null ? "" : " where t.merchantId = :m")
                + " order by t.storeId, t.terminalReference",
            Terminal.class);
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    return q.setMaxResults(limit).getResultStream().map(Terminal::view).toList();
  }

  public Optional<TerminalView> terminalByReference(String merchantId, String reference) {
    return em.createQuery(
            "select t from Terminal t where t.merchantId = :m and t.terminalReference = :r",
            Terminal.class)
        .setParameter("m", merchantId)
        .setParameter("r", reference)
        .getResultStream()
        .findFirst()
        .map(Terminal::view);
  }

  /** A new display link token for the terminal; the old link stops working. Shown once. */
  public String rotateDisplayToken(String merchantId, String storeId, String terminalId) {
    Terminal t = ownTerminal(merchantId, storeId, terminalId);
    String token = Ids.displayToken();
    t.linkDisplay(Ids.sha256(token), clock.instant());
    return token;
  }

  public void disconnectDisplay(String merchantId, String storeId, String terminalId) {
    Terminal t = ownTerminal(merchantId, storeId, terminalId);
    t.disconnectDisplay(clock.instant());
  }

  /** A display asked what to show; written when the last contact is older than {@code every}. */
  public void displaySeen(String terminalId, Duration every) {
    Instant now = clock.instant();
    // native: a bulk update's new value is not one JPA converts, and the column wants a timestamp
    em.createNativeQuery(
            "UPDATE terminal SET display_seen_at = ?1 WHERE id = ?2"
                + " AND (display_seen_at IS NULL OR display_seen_at < ?3)")
        .setParameter(1, UtcTimestamp.of(now))
        .setParameter(2, terminalId)
        .setParameter(3, UtcTimestamp.of(now.minus(every)))
        .executeUpdate();
  }

  public Optional<TerminalView> terminalByDisplayToken(String token) {
    return em.createQuery("select t from Terminal t where t.displayTokenHash = :h", Terminal.class)
        .setParameter("h", Ids.sha256(token))
        .getResultStream()
        .findFirst()
        .map(Terminal::view);
  }

  /** The store when it belongs to the merchant (any merchant's when null); 404 otherwise. */
  private Store own(String merchantId, String storeId) {
    Store s = storeId == null ? null : em.find(Store.class, storeId);
    if (s == null || (merchantId != null && !s.merchantId().equals(merchantId))) {
      throw new NotFound("Store " + storeId);
    }
    return s;
  }

  private Terminal ownTerminal(String merchantId, String storeId, String terminalId) {
    own(merchantId, storeId);
    Terminal t = terminalId == null ? null : em.find(Terminal.class, terminalId);
    if (t == null || !t.storeId().equals(storeId)) {
      throw new NotFound("Terminal " + terminalId);
    }
    return t;
  }
}
