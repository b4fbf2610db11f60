package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.platform.UtcTimestamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard's figures: payments of a period by outcome and store, step-ups, their speed. */
@ApplicationScoped
@Transactional
class PaymentDashboard {

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  /**
   * The dashboard's figures for payments created in {@code [from, to)}: the counts by status, by
   * store and of step-ups are grouped in SQL; only the authorized step-ups' two times are read, for
   * the median.
   */
  PaymentStats stats(String merchantId, Instant from, Instant to) {
    String scope =
        " WHERE p.createdAt >= :from AND p.createdAt < :to"
            + (merchantId == null ? "" : " AND p.merchantId = :m");
    Map<PaymentStatus, Long> byStatus = new EnumMap<>(PaymentStatus.class);
    long total = 0;
    for (Object[] row :
        scoped(
            "SELECT p.status, COUNT(p) FROM Payment p" + scope + " GROUP BY p.status",
            merchantId,
            from,
            to)) {
      long n = ((Number) row[1]).longValue();
      byStatus.put((PaymentStatus) row[0], n);
      total += n;
    }
    Map<String, long[]> byStore = new TreeMap<>();
    for (Object[] row :
        scoped(
            "SELECT p.storeReference, p.status, COUNT(p) FROM Payment p"
                + scope
                + " GROUP BY p.storeReference, p.status",
            merchantId,
            from,
            to)) {
      long[] store = byStore.computeIfAbsent((String) row[0], k -> new long[2]);
      long n = ((Number) row[2]).longValue();
      store[0] += n;
      if (row[1] == PaymentStatus.AUTHORIZED) {
        store[1] += n;
      }
    }
    var stepUpCount =
        em.createQuery(
            "SELECT COUNT(p) FROM Payment p" + scope + " AND p.request.id IS NOT NULL", Long.class);
    stepUpCount.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      stepUpCount.setParameter("m", merchantId);
    }
    long stepUps = stepUpCount.getSingleResult();
    List<Long> toAuthorized = new ArrayList<>();
    for (Object[] row :
        scoped(
            "SELECT p.createdAt, p.updatedAt FROM Payment p"
                + scope
                + " AND p.request.id IS NOT NULL AND p.status = :authorized",
            merchantId,
            from,
            to,
            Map.of("authorized", PaymentStatus.AUTHORIZED))) {
      toAuthorized.add(
          Duration.between(UtcTimestamp.instant(row[0]), UtcTimestamp.instant(row[1])).toSeconds());
    }
    Collections.sort(toAuthorized);
    Long median = toAuthorized.isEmpty() ? null : toAuthorized.get(toAuthorized.size() / 2);
    List<PaymentStats.StoreCount> stores = new ArrayList<>();
    byStore.forEach((ref, n) -> stores.add(new PaymentStats.StoreCount(ref, n[0], n[1])));
    return new PaymentStats(total, byStatus, stepUps, toAuthorized.size(), median, stores);
  }

  /** Open authorizations' uncaptured money by currency, and how many expire before {@code soon}. */
  List<PaymentStats.Uncaptured> uncaptured(String merchantId, Instant soon) {
    var query =
        em.createQuery(
            "SELECT p.currency, SUM(p.amount - p.settlement.captured - p.settlement.released),"
                + " COUNT(p), SUM(CASE WHEN p.settlement.authorizationExpiresAt < :soon THEN 1"
                + " ELSE 0 END) FROM Payment p WHERE p.status = :authorized"
                + " AND p.settlement.transactionState = :open"
                + " AND p.settlement.captured + p.settlement.released < p.amount"
                + (merchantId == null ? "" : " AND p.merchantId = :m")
                + " GROUP BY p.currency ORDER BY p.currency",
            Object[].class);
    query
        .setParameter("soon", soon)
        .setParameter("authorized", PaymentStatus.AUTHORIZED)
        .setParameter("open", KlarnaTransaction.AUTHORIZED);
    if (merchantId != null) {
      query.setParameter("m", merchantId);
    }
    List<PaymentStats.Uncaptured> out = new ArrayList<>();
    for (Object[] row : query.getResultList()) {
      out.add(
          new PaymentStats.Uncaptured(
              (String) row[0],
              ((Number) row[1]).longValue(),
              ((Number) row[2]).longValue(),
              row[3] == null ? 0 : ((Number) row[3]).longValue()));
    }
    return out;
  }

  private List<Object[]> scoped(String jpql, String merchantId, Instant from, Instant to) {
    return scoped(jpql, merchantId, from, to, Map.of());
  }

  /** The rows of {@code jpql} for the period and merchant, with {@code more} parameters. */
  private List<Object[]> scoped(
      String jpql, String merchantId, Instant from, Instant to, Map<String, Object> more) {
    var q = em.createQuery(jpql, Object[].class);
    q.setParameter("from", from).setParameter("to", to);
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    more.forEach(q::setParameter);
    return q.getResultList();
  }
}
