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
import java.time.OffsetDateTime;
import java.util.List;
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
    OffsetDateTime now = now();
    if (n == null
        || !"PENDING".equals(n.status)
        || n.nextAttemptAt == null
        || n.nextAttemptAt.isAfter(now)) {
      return Optional.empty();
    }
    n.attempts++;
    n.nextAttemptAt = now.plus(settings.deliveryTimeout()).plus(Duration.ofSeconds(30));
    return Optional.of(new Claimed(n.id, n.merchantId, n.body, n.attempts));
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
    NotificationAttempt a = new NotificationAttempt();
    a.notificationId = id;
    // numbered over the notification's whole life: a redelivery goes on from the last number
    a.attempt =
        em.createQuery(
                    "SELECT COUNT(a) FROM NotificationAttempt a WHERE a.notificationId = :id",
                    Long.class)
                .setParameter("id", id)
                .getSingleResult()
                .intValue()
            + 1;
    a.attemptedAt = now();
    a.url = cut(url, 2000);
    a.httpStatus = httpStatus;
    a.latencyMs = latencyMs;
    a.responseExcerpt = cut(excerpt, 500);
    a.error = cut(error, 500);
    em.persist(a);
    n.lastHttpStatus = httpStatus;
    n.lastError = a.error;
    if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
      n.status = "DELIVERED";
      n.deliveredAt = a.attemptedAt;
      n.nextAttemptAt = null;
    } else {
      List<Duration> schedule = settings.retrySchedule();
      if (attempt > schedule.size()) {
        n.status = "FAILED";
        n.nextAttemptAt = null;
      } else {
        n.nextAttemptAt = a.attemptedAt.plus(schedule.get(attempt - 1));
      }
    }
    return n.view();
  }

  /** Notifications not yet delivered and still to be tried. */
  long backlog() {
    return em.createQuery(
            "SELECT COUNT(n) FROM Notification n WHERE n.status = 'PENDING'", Long.class)
        .getSingleResult();
  }

  /** A notification that is due, and whose it is. */
  record Due(String id, String merchantId) {}

  /** Due now, oldest first. */
  List<Due> due(int limit) {
    return em
        .createQuery(
            "SELECT n.id, n.merchantId FROM Notification n WHERE n.status = 'PENDING' AND"
                + " n.nextAttemptAt <= :now ORDER BY n.nextAttemptAt",
            Object[].class)
        .setParameter("now", now())
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
                + " 'PENDING' AND n.nextAttemptAt <= :now",
            Object[].class)
        .setParameter("p", paymentId)
        .setParameter("now", now())
        .getResultList()
        .stream()
        .map(row -> new Due((String) row[0], (String) row[1]))
        .toList();
  }

  /** Delivered, pending or failed: sent again now, as a new series of attempts. */
  NotificationView redeliver(String merchantId, String id) {
    Notification n = own(merchantId, id, true);
    n.status = "PENDING";
    n.nextAttemptAt = now();
    n.attempts = 0;
    return n.view();
  }

  NotificationView get(String merchantId, String id) {
    return own(merchantId, id, false).view();
  }

  String body(String merchantId, String id) {
    return own(merchantId, id, false).body;
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
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    if (merchantId != null) {
      where.append(" AND n.merchantId = :m");
      params.put("m", merchantId);
    }
    if (status != null) {
      where.append(" AND n.status = :s");
      params.put("s", status.name());
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
                + " ORDER BY CASE WHEN n.status = 'FAILED' THEN 0 WHEN n.status = 'PENDING' AND"
                + " n.attempts > 0 THEN 1 ELSE 2 END, n.createdAt DESC",
            Notification.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          select.setParameter(k, v);
        });
    List<NotificationView> items =
        select
            .setFirstResult(com.stepup.gateway.platform.ListPage.offset(page, size))
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
    if (n == null || (merchantId != null && !merchantId.equals(n.merchantId))) {
      throw new NotFound("Notification");
    }
    return n;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
