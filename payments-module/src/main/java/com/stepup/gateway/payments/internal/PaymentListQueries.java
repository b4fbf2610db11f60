package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.PossibleDuplicates;
import com.stepup.gateway.platform.KeysetPage;
import com.stepup.gateway.platform.ListCursor;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.UtcTimestamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read side of payments over a {@link PaymentFilter} ({@link PaymentFilterWhere}): the lists
 * the console and the API page through, their totals, possible duplicates, and the money movements
 * the exports write. Nothing here changes a payment; {@link PaymentQueries} has the reads of single
 * payments the use cases, the janitor and the live views need.
 */
@ApplicationScoped
@Transactional
class PaymentListQueries {

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  ListPage<PaymentView> list(String merchantId, PaymentFilter f, int page, int size) {
    Map<String, Object> params = new HashMap<>();
    String where = PaymentFilterWhere.where(merchantId, f, params);
    if (where == null) {
      return new ListPage<>(List.of(), page, size, 0);
    }
    String order =
        switch (f.sort() == null ? PaymentFilter.Sort.NEWEST : f.sort()) {
          case NEWEST -> " ORDER BY p.createdAt DESC, p.id DESC";
          case OLDEST -> " ORDER BY p.createdAt ASC, p.id ASC";
          case AMOUNT_HIGH -> " ORDER BY p.amount DESC, p.createdAt DESC";
          case AMOUNT_LOW -> " ORDER BY p.amount ASC, p.createdAt DESC";
        };
    TypedQuery<Payment> items =
        em.createQuery("SELECT p FROM Payment p" + where + order, Payment.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM Payment p" + where, Long.class);
    params.forEach(
        (k, v) -> {
          items.setParameter(k, v);
          count.setParameter(k, v);
        });
    List<PaymentView> views = new ArrayList<>();
    items
        .setFirstResult(ListPage.offset(page, size))
        .setMaxResults(size)
        .getResultList()
        .forEach(p -> views.add(p.view()));
    return new ListPage<>(views, page, size, count.getSingleResult());
  }

  /**
   * See {@link Payments#listAfter}. One more row than the page is read, to know whether a next page
   * exists without counting. The position is compared twice, {@code created_at <= at} and then the
   * tie-break on the id, so the database walks the {@code (merchant_id, created_at, id)} index from
   * the cursor down instead of filtering the newer rows out one by one. Each row's {@code
   * created_at} is read back as the database keeps it (microseconds): the cached payment holds the
   * nanoseconds the clock gave, which would put the cursor beside its own row.
   */
  KeysetPage<PaymentView> listAfter(
      String merchantId, PaymentFilter f, ListCursor after, int size, boolean count) {
    Map<String, Object> params = new HashMap<>();
    String where = PaymentFilterWhere.where(merchantId, f, params);
    if (where == null) {
      return new KeysetPage<>(List.of(), size, null, count ? 0L : null);
    }
    Long total = null;
    if (count) {
      TypedQuery<Long> q = em.createQuery("SELECT COUNT(p) FROM Payment p" + where, Long.class);
      params.forEach(q::setParameter);
      total = q.getSingleResult();
    }
    StringBuilder jpql = new StringBuilder("SELECT p, p.createdAt FROM Payment p").append(where);
    if (after != null) {
      jpql.append(" AND p.createdAt <= :afterAt AND (p.createdAt < :afterAt OR p.id < :afterId)");
      params.put("afterAt", after.createdAt());
      params.put("afterId", after.id());
    }
    jpql.append(" ORDER BY p.createdAt DESC, p.id DESC");
    TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class);
    params.forEach(q::setParameter);
    List<Object[]> rows = q.setMaxResults(size + 1).getResultList();
    return KeysetPage.of(
        rows,
        size,
        row -> ((Payment) row[0]).view(),
        row -> new ListCursor(UtcTimestamp.instant(row[1]), ((Payment) row[0]).id()),
        total);
  }

  /**
   * The payments' possible duplicates: their terminals' authorized sales within the window around
   * them are read (one query), and {@link PossibleDuplicates} decides.
   */
  Map<String, List<String>> possibleDuplicates(
      String merchantId, Collection<PaymentView> payments) {
    List<PaymentView> sales =
        payments.stream()
            .filter(p -> p.status() == PaymentStatus.AUTHORIZED && p.terminalId() != null)
            .toList();
    if (sales.isEmpty()) {
      return Map.of();
    }
    var window = PossibleDuplicates.WINDOW;
    Instant from = sales.stream().map(PaymentView::createdAt).min(Instant::compareTo).orElseThrow();
    Instant to = sales.stream().map(PaymentView::createdAt).max(Instant::compareTo).orElseThrow();
    var q =
        em.createQuery(
            "SELECT p FROM Payment p WHERE p.terminalId IN :terminals AND p.status = :authorized"
                + " AND p.createdAt >= :from AND p.createdAt <= :to"
                + (merchantId == null ? "" : " AND p.merchantId = :m"),
            Payment.class);
    q.setParameter("terminals", sales.stream().map(PaymentView::terminalId).distinct().toList());
    q.setParameter("authorized", PaymentStatus.AUTHORIZED);
    q.setParameter("from", from.minus(window));
    q.setParameter("to", to.plus(window));
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    List<PaymentView> around = q.setMaxResults(2000).getResultStream().map(Payment::view).toList();
    var asked = sales.stream().map(PaymentView::id).collect(Collectors.toSet());
    Map<String, List<String>> out = new HashMap<>();
    PossibleDuplicates.among(around)
        .forEach(
            (id, others) -> {
              if (asked.contains(id)) {
                out.put(id, others);
              }
            });
    return out;
  }

  /** See {@link Payments#movementsBetween}. */
  List<MoneyMovement.OfPayment> movementsBetween(
      String merchantId, PaymentFilter f, Instant from, Instant to, int page, int size) {
    return movements(
        merchantId,
        f,
        from,
        to,
        page,
        size,
        "SELECT m, p FROM MoneyOperation m, Payment p",
        " AND m.status = :movedStatus",
        Map.of("movedStatus", MoneyOperation.Status.SUCCEEDED),
        "m.updatedAt",
        m -> ((MoneyOperation) m).view());
  }

  /** See {@link Payments#disputeMovementsBetween}. */
  List<MoneyMovement.OfPayment> disputeMovementsBetween(
      String merchantId, PaymentFilter f, Instant from, Instant to, int page, int size) {
    return movements(
        merchantId,
        f,
        from,
        to,
        page,
        size,
        "SELECT m, p FROM DisputeMove m, Payment p",
        "",
        Map.of(),
        "m.occurredAt",
        m -> ((DisputeMove) m).view());
  }

  /**
   * The movements {@code m} of the filter's payments (whatever their creation date: a movement's
   * own time chooses it, not its sale's) in {@code [from, to)} by {@code time}, oldest first.
   */
  private List<MoneyMovement.OfPayment> movements(
      String merchantId,
      PaymentFilter f,
      Instant from,
      Instant to,
      int page,
      int size,
      String select,
      String condition,
      Map<String, Object> conditionParams,
      String time,
      Function<Object, MoneyMovement> view) {
    Map<String, Object> params = new HashMap<>(conditionParams);
    String where = PaymentFilterWhere.where(merchantId, createdAnyTime(f), params);
    if (where == null) {
      return List.of();
    }
    StringBuilder jpql =
        new StringBuilder(select).append(where).append(" AND m.paymentId = p.id").append(condition);
    if (from != null) {
      jpql.append(" AND ").append(time).append(" >= :movedFrom");
      params.put("movedFrom", from);
    }
    if (to != null) {
      jpql.append(" AND ").append(time).append(" < :movedTo");
      params.put("movedTo", to);
    }
    jpql.append(" ORDER BY ").append(time).append(", m.id");
    var q = em.createQuery(jpql.toString(), Object[].class);
    params.forEach(q::setParameter);
    List<MoneyMovement.OfPayment> out = new ArrayList<>();
    for (Object[] row :
        q.setFirstResult(ListPage.offset(page, size)).setMaxResults(size).getResultList()) {
      out.add(new MoneyMovement.OfPayment(((Payment) row[1]).view(), view.apply(row[0])));
    }
    return out;
  }

  /** The filter without its creation dates. */
  private static PaymentFilter createdAnyTime(PaymentFilter f) {
    return new PaymentFilter(
        f.reference(),
        f.status(),
        f.storeReference(),
        f.terminalReference(),
        null,
        null,
        f.query(),
        f.method(),
        f.sort(),
        f.uncapturedExpiringBefore(),
        f.moneyStatus(),
        f.withinStores());
  }

  /** What the filter's payments add up to, by currency (largest count first). */
  Map<String, Long> totals(String merchantId, PaymentFilter f) {
    return sums(merchantId, f, "p.amount", false);
  }

  /**
   * What the filter's payments charged, by currency (largest count first): captured less refunded,
   * so that declined, canceled, released and uncaptured payments add nothing.
   */
  Map<String, Long> charged(String merchantId, PaymentFilter f) {
    return sums(merchantId, f, "p.settlement.captured - p.settlement.refunded", true);
  }

  private Map<String, Long> sums(
      String merchantId, PaymentFilter f, String what, boolean authorizedOnly) {
    Map<String, Object> params = new HashMap<>();
    String where = PaymentFilterWhere.where(merchantId, f, params);
    Map<String, Long> totals = new LinkedHashMap<>();
    if (where == null) {
      return totals;
    }
    var q =
        em.createQuery(
            "SELECT p.currency, SUM("
                + what
                + ") FROM Payment p"
                + where
                + (authorizedOnly ? " AND p.status = :chargedStatus" : "")
                + " GROUP BY p.currency ORDER BY COUNT(p) DESC, p.currency",
            Object[].class);
    params.forEach(q::setParameter);
    if (authorizedOnly) {
      q.setParameter("chargedStatus", PaymentStatus.AUTHORIZED);
    }
    for (Object[] row : q.getResultList()) {
      totals.put((String) row[0], row[1] == null ? 0 : ((Number) row[1]).longValue());
    }
    return totals;
  }
}
