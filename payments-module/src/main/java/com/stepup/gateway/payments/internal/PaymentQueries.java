package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.UtcTimestamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side of payments: lists and filters, the dashboard's figures (counted in SQL), the live
 * views' changes, a terminal's newest payment, timelines, and what the janitor has due. Nothing
 * here changes a payment.
 */
@ApplicationScoped
@Transactional
class PaymentQueries {

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Inject Clock clock;

  Optional<Payment> byIdempotencyKey(String merchantId, String key) {
    return em.createQuery(
            "SELECT p FROM Payment p WHERE p.merchantId = :m AND p.idempotencyKey = :k",
            Payment.class)
        .setParameter("m", merchantId)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  Optional<String> idByRequestId(String paymentRequestId) {
    return em.createQuery("SELECT p.id FROM Payment p WHERE p.request.id = :id", String.class)
        .setParameter("id", paymentRequestId)
        .getResultStream()
        .findFirst();
  }

  /** The payments with these ids, as they are now (an id not found is left out). */
  Map<String, PaymentView> views(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    Map<String, PaymentView> views = new HashMap<>();
    for (int from = 0; from < all.size(); from += 500) {
      em.createQuery("SELECT p FROM Payment p WHERE p.id IN :ids", Payment.class)
          .setParameter("ids", all.subList(from, Math.min(all.size(), from + 500)))
          .getResultList()
          .forEach(p -> views.put(p.id(), p.view()));
    }
    return views;
  }

  /** Pending payments whose next check is due, oldest first. */
  List<String> due(int limit) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.status = :pending AND p.nextCheckAt <= :now"
                + " ORDER BY p.nextCheckAt",
            String.class)
        .setParameter("pending", PaymentStatus.PENDING)
        .setParameter("now", now())
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Ended payments Klarna may still hold money for: a late transaction to void, or a final
   * authorization whose outcome is to be asked again.
   */
  List<String> lateVoidsDue(int limit) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.late.state IN :open AND p.late.nextAt <= :now"
                + " ORDER BY p.late.nextAt",
            String.class)
        .setParameter("open", List.of(LateTransaction.Stage.VOIDING, LateTransaction.Stage.ASKING))
        .setParameter("now", now())
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Authorized payments whose transaction Klarna should have moved on by now (expired, or closed 7
   * days after its expiry) while we have not heard of it: {@code Settlement.overdue}.
   */
  List<String> authorizationsOverdue(int limit) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.settlement.transactionReadAt <= :now"
                + " ORDER BY p.settlement.transactionReadAt",
            String.class)
        .setParameter("now", now())
        .setMaxResults(limit)
        .getResultList();
  }

  /** In-store payments whose QR code is showing: pending, the request not yet approved. */
  long openQrCodes() {
    return em.createQuery(
            "SELECT COUNT(p) FROM Payment p WHERE p.status = :pending AND p.method = :qr"
                + " AND p.request.state IN :open",
            Long.class)
        .setParameter("pending", PaymentStatus.PENDING)
        .setParameter("qr", Payment.Method.QR_CODE)
        .setParameter(
            "open", List.of(PaymentRequestState.SUBMITTED, PaymentRequestState.IN_PROGRESS))
        .getSingleResult();
  }

  /** The same by terminal id: how many QR codes each terminal shows now. */
  Map<String, Long> openQrCodesByTerminal() {
    Map<String, Long> out = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT p.terminalId, COUNT(p) FROM Payment p WHERE p.status = :pending"
                    + " AND p.method = :qr AND p.request.state IN :open GROUP BY p.terminalId",
                Object[].class)
            .setParameter("pending", PaymentStatus.PENDING)
            .setParameter("qr", Payment.Method.QR_CODE)
            .setParameter(
                "open", List.of(PaymentRequestState.SUBMITTED, PaymentRequestState.IN_PROGRESS))
            .getResultList()) {
      if (row[0] != null) {
        out.put((String) row[0], ((Number) row[1]).longValue());
      }
    }
    return out;
  }

  /** Approved, pending payments whose Klarna token runs out within {@code within}. */
  long finalAuthorizationsDueWithin(java.time.Duration within) {
    return em.createQuery(
            "SELECT COUNT(p) FROM Payment p WHERE p.status = :pending"
                + " AND p.request.state = :completed AND p.approval.completedAt <= :cutoff",
            Long.class)
        .setParameter("pending", PaymentStatus.PENDING)
        .setParameter("completed", PaymentRequestState.COMPLETED)
        .setParameter("cutoff", now().minus(Payment.TOKEN_WINDOW.minus(within)))
        .getSingleResult();
  }

  /** The payment holding the transaction, if any. */
  java.util.Optional<String> byTransaction(String transactionId) {
    return em
        .createQuery("SELECT p.id FROM Payment p WHERE p.transactionId = :t", String.class)
        .setParameter("t", transactionId)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }

  /**
   * Pending payments on the terminal other than {@code exceptId} that the shopper has not approved:
   * sales the till has left. A COMPLETED one is the shopper's approved sale; it keeps finalizing.
   */
  List<String> supersedableOnTerminal(String terminalId, String exceptId) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.terminalId = :t AND p.status = :pending AND p.id"
                + " <> :id AND (p.request.state IS NULL OR p.request.state IN :open)",
            String.class)
        .setParameter("t", terminalId)
        .setParameter("pending", PaymentStatus.PENDING)
        .setParameter("id", exceptId)
        .setParameter(
            "open", List.of(PaymentRequestState.SUBMITTED, PaymentRequestState.IN_PROGRESS))
        .getResultList();
  }

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
   * The payments' possible duplicates: their terminals' authorized sales within the window around
   * them are read (one query), and {@link com.stepup.gateway.payments.PossibleDuplicates} decides.
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
    var window = com.stepup.gateway.payments.PossibleDuplicates.WINDOW;
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
    q.setParameter("from", UtcTimestamp.of(from.minus(window)));
    q.setParameter("to", UtcTimestamp.of(to.plus(window)));
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    List<PaymentView> around = q.setMaxResults(2000).getResultStream().map(Payment::view).toList();
    var asked = sales.stream().map(PaymentView::id).collect(java.util.stream.Collectors.toSet());
    Map<String, List<String>> out = new HashMap<>();
    com.stepup.gateway.payments.PossibleDuplicates.among(around)
        .forEach(
            (id, others) -> {
              if (asked.contains(id)) {
                out.put(id, others);
              }
            });
    return out;
  }

  /** See {@link com.stepup.gateway.payments.Payments#movementsBetween}. */
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

  /** See {@link com.stepup.gateway.payments.Payments#disputeMovementsBetween}. */
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
      params.put("movedFrom", UtcTimestamp.of(from));
    }
    if (to != null) {
      jpql.append(" AND ").append(time).append(" < :movedTo");
      params.put("movedTo", UtcTimestamp.of(to));
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
    Map<String, Long> totals = new java.util.LinkedHashMap<>();
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

  List<PaymentView> changedSince(String merchantId, Instant since, int limit) {
    TypedQuery<Payment> q =
        em.createQuery(
            "SELECT p FROM Payment p WHERE p.updatedAt > :since"
                + (merchantId == null ? "" : " AND p.merchantId = :m")
                + " ORDER BY p.updatedAt",
            Payment.class);
    q.setParameter("since", UtcTimestamp.of(since));
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    return q.setMaxResults(limit).getResultStream().map(Payment::view).toList();
  }

  Optional<PaymentView> latestOnTerminal(String terminalId) {
    return em.createQuery(
            "SELECT p FROM Payment p WHERE p.terminalId = :t ORDER BY p.createdAt DESC",
            Payment.class)
        .setParameter("t", terminalId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(Payment::view);
  }

  /** Whether the payment's timeline has a line of {@code event}. */
  boolean recorded(String paymentId, com.stepup.gateway.payments.TimelineEvent event) {
    return em.createQuery(
                "SELECT COUNT(e) FROM PaymentEvent e WHERE e.paymentId = :id AND e.event = :event",
                Long.class)
            .setParameter("id", paymentId)
            .setParameter("event", event.name())
            .getSingleResult()
        > 0;
  }

  List<TimelineEntry> timeline(String paymentId) {
    return em
        .createQuery(
            "SELECT e FROM PaymentEvent e WHERE e.paymentId = :id ORDER BY e.id",
            PaymentEvent.class)
        .setParameter("id", paymentId)
        .getResultList()
        .stream()
        .map(PaymentEvent::view)
        .toList();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
