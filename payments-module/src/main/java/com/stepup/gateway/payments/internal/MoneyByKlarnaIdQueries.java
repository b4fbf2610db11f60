package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.platform.UtcTimestamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The settlements module's read port over the payments' captures and refunds. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class MoneyByKlarnaIdQueries implements MoneyByKlarnaId {

  private static final int CHUNK = 500;

  private static final String SELECT =
      "select o.id, o.kind, o.paymentId, p.merchantId, o.amount, p.currency, o.klarnaId,"
          + " o.captureId, o.createdAt from MoneyOperation o, Payment p where p.id = o.paymentId"
          + " and o.status = com.stepup.gateway.payments.internal.MoneyOperation.Status.SUCCEEDED";

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Override
  public Map<String, KnownMove> byKlarnaIds(Collection<String> klarnaIds) {
    return by("o.klarnaId", klarnaIds, true);
  }

  @Override
  public Map<String, KnownMove> byIds(Collection<String> ids) {
    return by("o.id", ids, false);
  }

  private Map<String, KnownMove> by(String column, Collection<String> keys, boolean byKlarna) {
    Map<String, KnownMove> found = new HashMap<>();
    List<String> all = keys.stream().filter(k -> k != null && !k.isEmpty()).distinct().toList();
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      em
          .createQuery(SELECT + " and " + column + " in :keys", Object[].class)
          .setParameter("keys", chunk)
          .getResultList()
          .stream()
          .map(MoneyByKlarnaIdQueries::move)
          .filter(m -> !"release".equals(m.kind()))
          .forEach(m -> found.put(byKlarna ? m.klarnaId() : m.id(), m));
    }
    return found;
  }

  @Override
  public List<KnownMove> capturesBetween(Instant after, Instant upTo, int limit) {
    return new ArrayList<>(
        em
            .createQuery(
                SELECT
                    + " and o.kind = com.stepup.gateway.payments.internal.MoneyOperation.Kind.CAPTURE"
                    + " and o.createdAt > :after and o.createdAt <= :upTo"
                    + " order by o.createdAt, o.id",
                Object[].class)
            .setParameter("after", after)
            .setParameter("upTo", upTo)
            .setMaxResults(limit)
            .getResultList()
            .stream()
            .map(MoneyByKlarnaIdQueries::move)
            .toList());
  }

  @Override
  public Map<String, Long> capturedBetween(String merchantId, Instant from, Instant to) {
    var query =
        em.createQuery(
            "select p.currency, sum(o.amount) from MoneyOperation o, Payment p"
                + " where p.id = o.paymentId"
                + " and o.status = com.stepup.gateway.payments.internal.MoneyOperation.Status.SUCCEEDED"
                + " and o.kind = com.stepup.gateway.payments.internal.MoneyOperation.Kind.CAPTURE"
                + " and o.createdAt >= :from and o.createdAt < :to"
                + (merchantId == null ? "" : " and p.merchantId = :m")
                + " group by p.currency",
            Object[].class);
    query.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    Map<String, Long> sums = new TreeMap<>();
    query.getResultList().forEach(r -> sums.put((String) r[0], ((Number) r[1]).longValue()));
    return sums;
  }

  @Override
  public List<KnownMove> movesBetween(
      String merchantId, Instant from, Instant to, Instant afterAt, String afterId, int limit) {
    var query =
        em.createQuery(
            SELECT
                + " and o.kind <> com.stepup.gateway.payments.internal.MoneyOperation.Kind.RELEASE"
                + " and o.createdAt >= :from and o.createdAt < :to"
                + (merchantId == null ? "" : " and p.merchantId = :m")
                + (afterAt == null
                    ? ""
                    : " and (o.createdAt > :afterAt or (o.createdAt = :afterAt and o.id > :afterId))")
                + " order by o.createdAt, o.id",
            Object[].class);
    query.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    if (afterAt != null) {
      query.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
    }
    return query.setMaxResults(limit).getResultList().stream()
        .map(MoneyByKlarnaIdQueries::move)
        .toList();
  }

  @Override
  public List<KnownMove> ofPayments(Collection<String> paymentIds) {
    List<KnownMove> found = new ArrayList<>();
    List<String> all =
        paymentIds.stream().filter(k -> k != null && !k.isEmpty()).distinct().toList();
    for (int i = 0; i < all.size(); i += CHUNK) {
      em
          .createQuery(
              SELECT + " and o.paymentId in :ids order by o.createdAt, o.id", Object[].class)
          .setParameter("ids", all.subList(i, Math.min(all.size(), i + CHUNK)))
          .getResultList()
          .stream()
          .map(MoneyByKlarnaIdQueries::move)
          .filter(m -> !"release".equals(m.kind()))
          .forEach(found::add);
    }
    return found;
  }

  private static KnownMove move(Object[] row) {
    return new KnownMove(
        (String) row[0],
        ((MoneyOperation.Kind) row[1]).name().toLowerCase(Locale.ROOT),
        (String) row[2],
        (String) row[3],
        ((Number) row[4]).longValue(),
        (String) row[5],
        (String) row[6],
        (String) row[7],
        UtcTimestamp.instant(row[8]));
  }
}
