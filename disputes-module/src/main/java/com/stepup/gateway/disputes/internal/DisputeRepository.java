package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputeFilter;
import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stores and finds disputes and their attachments. */
@ApplicationScoped
class DisputeRepository {

  @PersistenceContext(unitName = "disputes")
  EntityManager em;

  void add(Dispute d) {
    em.persist(d);
  }

  void add(DisputeAttachment a) {
    em.persist(a);
  }

  void add(DisputeEvent e) {
    em.persist(e);
  }

  /** The dispute's timeline, oldest first. */
  List<DisputeEvent> events(String disputeId) {
    return em.createQuery(
            "SELECT e FROM DisputeEvent e WHERE e.disputeId = :d ORDER BY e.occurredAt, e.id",
            DisputeEvent.class)
        .setParameter("d", disputeId)
        .getResultList();
  }

  /** The merchant's dispute ({@code merchantId} null: anyone's), for reading. */
  Optional<Dispute> find(String merchantId, String id) {
    Dispute d = id == null ? null : em.find(Dispute.class, id);
    return d == null || (merchantId != null && !merchantId.equals(d.merchantId()))
        ? Optional.empty()
        : Optional.of(d);
  }

  /** The same, locked for a change. */
  Optional<Dispute> lock(String merchantId, String id) {
    Dispute d = id == null ? null : em.find(Dispute.class, id, LockModeType.PESSIMISTIC_WRITE);
    return d == null || (merchantId != null && !merchantId.equals(d.merchantId()))
        ? Optional.empty()
        : Optional.of(d);
  }

  Optional<Dispute> byKlarnaId(String klarnaDisputeId, boolean lock) {
    var q =
        em.createQuery("SELECT d FROM Dispute d WHERE d.klarnaDisputeId = :k", Dispute.class)
            .setParameter("k", klarnaDisputeId);
    if (lock) {
      q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return q.getResultList().stream().findFirst();
  }

  ListPage<Dispute> list(String merchantId, DisputeFilter f, int page, int size) {
    List<String> where = new ArrayList<>();
    if (merchantId != null) {
      where.add("d.merchantId = :merchant");
    }
    if (f.state() != null) {
      where.add("d.state = :state");
    }
    if (f.reason() != null) {
      where.add("d.reason = :reason");
    }
    if (f.paymentId() != null) {
      where.add("d.paymentId = :payment");
    }
    if (f.dueBefore() != null) {
      where.add("d.dueAt < :due");
    }
    String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    String order = order(f);
    TypedQuery<Dispute> q =
        em.createQuery("SELECT d FROM Dispute d" + clause + order, Dispute.class);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(d) FROM Dispute d" + clause, Long.class);
    for (TypedQuery<?> query : List.of(q, count)) {
      if (merchantId != null) {
        query.setParameter("merchant", merchantId);
      }
      if (f.state() != null) {
        query.setParameter("state", f.state());
      }
      if (f.reason() != null) {
        query.setParameter("reason", f.reason());
      }
      if (f.paymentId() != null) {
        query.setParameter("payment", f.paymentId());
      }
      if (f.dueBefore() != null) {
        query.setParameter("due", f.dueBefore());
      }
    }
    if (f.byDeadline()) {
      q.setParameter("closed", DisputeState.CLOSED);
    }
    List<Dispute> items =
        q.setFirstResult(ListPage.offset(page, size)).setMaxResults(size).getResultList();
    return new ListPage<>(items, page, size, count.getSingleResult());
  }

  /**
   * By deadline: the open disputes first (a dispute waiting on Klarna has no deadline of the
   * merchant's, yet is still open), each group by its deadline (none last), then the newest;
   * otherwise the newest first.
   */
  static String order(DisputeFilter f) {
    return f.byDeadline()
        ? " ORDER BY CASE WHEN d.state = :closed THEN 1 ELSE 0 END, d.dueAt ASC NULLS LAST,"
            + " d.createdAt DESC, d.id"
        : " ORDER BY d.createdAt DESC, d.id DESC";
  }

  /** Open disputes whose deadline is before {@code before}, not yet noticed as due soon. */
  List<String> dueSoon(Instant before, int limit) {
    return em.createQuery(
            "SELECT d.id FROM Dispute d WHERE d.state = :s AND d.dueAt < :before"
                + " AND d.dueSoonNoticed = FALSE",
            String.class)
        .setParameter("s", DisputeState.INITIATED)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList();
  }

  /** A dispute to ask Klarna about: ours and Klarna's id. */
  record Overdue(String id, String klarnaDisputeId) {}

  /**
   * Disputes whose deadline has passed (Klarna has closed or moved them) and whose back-off is over
   * ({@link Dispute#deadlineCheckDue}), the longest overdue first.
   */
  List<Overdue> overdue(Instant now, int limit) {
    return em
        .createQuery(
            "SELECT d.id, d.klarnaDisputeId FROM Dispute d WHERE d.dueAt < :now"
                + " AND (d.nextCheckAt IS NULL OR d.nextCheckAt <= :now) ORDER BY d.dueAt",
            Object[].class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(row -> new Overdue((String) row[0], (String) row[1]))
        .toList();
  }

  /**
   * How many disputes are open, and the earliest deadline among them (null when none has one). The
   * deadline is the first row ordered by it, not {@code MIN(d.dueAt)}: on PostgreSQL EclipseLink
   * hands an aggregate over a converted time column to the converter as a {@code
   * java.sql.Timestamp}, which it cannot take.
   */
  Object[] summary(String merchantId) {
    String where = merchantId == null ? "" : " AND d.merchantId = :m";
    var count =
        em.createQuery(
            "SELECT COUNT(d) FROM Dispute d WHERE d.state <> :closed" + where, Long.class);
    var due =
        em.createQuery(
                "SELECT d.dueAt FROM Dispute d WHERE d.state <> :closed AND d.dueAt IS NOT NULL"
                    + where
                    + " ORDER BY d.dueAt",
                Instant.class)
            .setMaxResults(1);
    for (TypedQuery<?> q : List.of(count, due)) {
      q.setParameter("closed", DisputeState.CLOSED);
      if (merchantId != null) {
        q.setParameter("m", merchantId);
      }
    }
    return new Object[] {count.getSingleResult(), due.getResultStream().findFirst().orElse(null)};
  }

  List<DisputeAttachment> attachments(String disputeId) {
    return em.createQuery(
            "SELECT a FROM DisputeAttachment a WHERE a.disputeId = :d ORDER BY a.createdAt, a.id",
            DisputeAttachment.class)
        .setParameter("d", disputeId)
        .getResultList();
  }
}
