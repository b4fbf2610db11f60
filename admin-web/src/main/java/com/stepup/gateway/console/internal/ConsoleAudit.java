package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** The console's audit trail: every change a person makes, with who, when and on what. */
@ApplicationScoped
class ConsoleAudit {

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject ConsoleCaller caller;
  @Inject Clock clock;

  /** Records a change the current user has just made. No secret ever goes into {@code detail}. */
  @Transactional
  void record(String action, String target, String detail) {
    AuditEntry e = new AuditEntry();
    e.at = OffsetDateTime.now(clock);
    e.username = caller.username();
    e.role = caller.role().name();
    e.merchantId = caller.storesMerchant();
    e.action = action;
    e.target = target.length() > 200 ? target.substring(0, 200) : target;
    e.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    em.persist(e);
  }

  /** The role recorded when no one is logged in (a lockout); shown as {@code role.NONE}. */
  static final String NO_ROLE = "NONE";

  /** Records what happened to {@code username}'s account when no one is logged in (a lockout). */
  @Transactional
  void recordFor(String username, String action, String target, String detail) {
    recordAs(username, NO_ROLE, null, action, target, detail);
  }

  /**
   * Records what a user did before their login completed (an enrolment on the way in, a recovery
   * code given instead of a one-time code): the user as the actor, though no one is logged in yet.
   */
  @Transactional
  void recordAs(
      String username,
      String role,
      String merchantId,
      String action,
      String target,
      String detail) {
    AuditEntry e = new AuditEntry();
    e.at = OffsetDateTime.now(clock);
    e.username = username == null || username.length() > 100 ? "(unknown)" : username;
    e.role = role;
    e.merchantId = merchantId;
    e.action = action;
    e.target = target == null ? "" : target.length() > 200 ? target.substring(0, 200) : target;
    e.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    em.persist(e);
  }

  /**
   * The entries a filter finds, newest first: by user (exactly), by action (the code or its start:
   * {@code payment.} finds every payment action), by merchant (the user's, or the target itself).
   */
  @Transactional
  ListPage<AuditEntry> list(String user, String action, String merchant, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (user != null) {
      where.append(" AND e.username = :u");
      params.put("u", user);
    }
    if (action != null) {
      where.append(" AND (e.action = :a OR e.action LIKE :aStart ESCAPE '!')");
      params.put("a", action);
      params.put("aStart", action.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    if (merchant != null) {
      where.append(" AND (e.merchantId = :m OR e.target = :m)");
      params.put("m", merchant);
    }
    var count = em.createQuery("select count(e) from AuditEntry e" + where, Long.class);
    var items =
        em.createQuery(
            "select e from AuditEntry e" + where + " order by e.id desc", AuditEntry.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          items.setParameter(k, v);
        });
    return new ListPage<>(
        items.setFirstResult(ListPage.offset(page, size)).setMaxResults(size).getResultList(),
        page,
        size,
        count.getSingleResult());
  }

  @Transactional
  ListPage<AuditEntry> list(int page, int size) {
    long total = em.createQuery("select count(e) from AuditEntry e", Long.class).getSingleResult();
    var items =
        em.createQuery("select e from AuditEntry e order by e.id desc", AuditEntry.class)
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultList();
    return new ListPage<>(items, page, size, total);
  }
}
