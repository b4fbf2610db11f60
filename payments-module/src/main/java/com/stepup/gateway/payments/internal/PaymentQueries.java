package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of single payments: by key, request or transaction, the live views' changes, a
 * terminal's newest payment, timelines, the open QR codes, and what the janitor has due. Nothing
 * here changes a payment; the filtered lists, totals and movements are {@link PaymentListQueries}.
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
  long finalAuthorizationsDueWithin(Duration within) {
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
  Optional<String> byTransaction(String transactionId) {
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

  List<PaymentView> changedSince(String merchantId, Instant since, int limit) {
    TypedQuery<Payment> q =
        em.createQuery(
            "SELECT p FROM Payment p WHERE p.updatedAt > :since"
                + (merchantId == null ? "" : " AND p.merchantId = :m")
                + " ORDER BY p.updatedAt",
            Payment.class);
    q.setParameter("since", since);
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

  private Instant now() {
    return clock.instant();
  }
}
