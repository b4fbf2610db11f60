package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.webhooks.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox of partner notifications and their attempts; one short transaction per method. */
@ApplicationScoped
@Transactional
class NotificationRepository {

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject Clock clock;
  @Inject WebhookSettings settings;

  /** A notification taken for one delivery attempt. */
  record Claimed(String id, String merchantId, String body, int attempt) {}

  /**
   * Takes a due notification for one attempt: its next attempt moves past the attempt's time-out,
   * so no other worker takes it meanwhile, and a crash only delays it.
   */
  Optional<Claimed> claim(String id) {
    Notification n = em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE);
    return n == null
        ? Optional.empty()
        : n.claim(clock.instant(), settings.deliveryTimeout().plus(Duration.ofSeconds(30)));
  }

  /** Records the attempt and decides: delivered, tried again later, or failed for good. */
  NotificationView recordAttempt(
      String id,
      int attempt,
      String url,
      Integer httpStatus,
      long latencyMs,
      String excerpt,
      String error) {
    Notification n = em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE);
    // numbered over the notification's whole life: a redelivery goes on from the last number
    int number =
        em.createQuery(
                    "SELECT COUNT(a) FROM NotificationAttempt a WHERE a.notificationId = :id",
                    Long.class)
                .setParameter("id", id)
                .getSingleResult()
                .intValue()
            + 1;
    NotificationAttempt a =
        NotificationAttempt.of(
            id, number, clock.instant(), url, httpStatus, latencyMs, excerpt, error);
    em.persist(a);
    n.recordAttempt(a, attempt, settings.retrySchedule());
    return n.view();
  }

  /** Notifications not yet delivered and still to be tried. */
  long backlog() {
    return em.createQuery(
            "SELECT COUNT(n) FROM Notification n WHERE n.status = :pending", Long.class)
        .setParameter("pending", NotificationView.Status.PENDING)
        .getSingleResult();
  }

  /** A notification that is due, and whose it is. */
  record Due(String id, String merchantId) {}

  /** Due now, oldest first. */
  List<Due> due(int limit) {
    return em
        .createQuery(
            "SELECT n.id, n.merchantId FROM Notification n WHERE n.status = :pending AND"
                + " n.nextAttemptAt <= :now ORDER BY n.nextAttemptAt",
            Object[].class)
        .setParameter("pending", NotificationView.Status.PENDING)
        .setParameter("now", clock.instant())
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(row -> new Due((String) row[0], (String) row[1]))
        .toList();
  }

  List<Due> dueFor(String paymentId) {
    return em
        .createQuery(
            "SELECT n.id, n.merchantId FROM Notification n WHERE n.paymentId = :p AND n.status ="
                + " :pending AND n.nextAttemptAt <= :now",
            Object[].class)
        .setParameter("p", paymentId)
        .setParameter("pending", NotificationView.Status.PENDING)
        .setParameter("now", clock.instant())
        .getResultList()
        .stream()
        .map(row -> new Due((String) row[0], (String) row[1]))
        .toList();
  }

  /** Delivered, pending or failed: sent again now, as a new series of attempts. */
  NotificationView redeliver(String merchantId, String id) {
    Notification n = own(merchantId, id, true);
    n.redeliver(clock.instant());
    return n.view();
  }

  NotificationView get(String merchantId, String id) {
    return own(merchantId, id, false).view();
  }

  String body(String merchantId, String id) {
    return own(merchantId, id, false).body();
  }

  List<NotificationView.Attempt> attempts(String merchantId, String id) {
    own(merchantId, id, false);
    return em.createQuery(
            "SELECT a FROM NotificationAttempt a WHERE a.notificationId = :id ORDER BY a.id",
            NotificationAttempt.class)
        .setParameter("id", id)
        .getResultStream()
        .map(NotificationAttempt::view)
        .toList();
  }

  /** Failing ones first (failed, then pending with attempts), then newest first. */
  ListPage<NotificationView> list(
      String merchantId, NotificationView.Status status, String paymentId, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (merchantId != null) {
      where.append(" AND n.merchantId = :m");
      params.put("m", merchantId);
    }
    if (status != null) {
      where.append(" AND n.status = :s");
      params.put("s", status);
    }
    if (paymentId != null) {
      where.append(" AND n.paymentId = :p");
      params.put("p", paymentId);
    }
    var count = em.createQuery("SELECT COUNT(n) FROM Notification n" + where, Long.class);
    var select =
        em.createQuery(
            "SELECT n FROM Notification n"
                + where
                + " ORDER BY CASE WHEN n.status = :failed THEN 0 WHEN n.status = :pending AND"
                + " n.attempts > 0 THEN 1 ELSE 2 END, n.createdAt DESC",
            Notification.class);
    select.setParameter("failed", NotificationView.Status.FAILED);
    select.setParameter("pending", NotificationView.Status.PENDING);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          select.setParameter(k, v);
        });
    List<NotificationView> items =
        select
            .setFirstResult(ListPage.offset(page, size))
            .setMaxResults(size)
            .getResultStream()
            .map(Notification::view)
            .toList();
    return new ListPage<>(items, page, size, count.getSingleResult());
  }

  private Notification own(String merchantId, String id, boolean lock) {
    Notification n =
        lock
            ? em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE)
            : em.find(Notification.class, id);
    if (n == null || (merchantId != null && !merchantId.equals(n.merchantId()))) {
      throw new NotFound("Notification");
    }
    return n;
  }
}
