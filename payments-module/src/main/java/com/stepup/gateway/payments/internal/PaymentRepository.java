package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentSettled;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payments and their timelines. Each method is one short transaction that locks the payment row, so
 * the webhook, the return redirect and the janitor change a payment one at a time; Klarna is called
 * between these transactions, never inside one. Answers are detached copies.
 */
@ApplicationScoped
@Transactional
class PaymentRepository {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(PaymentRepository.class.getName());

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Inject Clock clock;
  @Inject PaymentSettings settings;
  @Inject Event<PaymentSettled> settled;
  @Inject Event<PaymentChanged> changed;

  Payment insert(Payment p, String summary, String detail) {
    p.createdAt = now();
    p.updatedAt = p.createdAt;
    p.status = PaymentStatus.PENDING.name();
    p.nextCheckAt = p.createdAt.plus(settings.authorizeRetry());
    em.persist(p);
    em.flush();
    event(p, Kind.PARTNER, summary, detail);
    return p;
  }

  Optional<Payment> byIdempotencyKey(String merchantId, String key) {
    return em.createQuery(
            "SELECT p FROM Payment p WHERE p.merchantId = :m AND p.idempotencyKey = :k",
            Payment.class)
        .setParameter("m", merchantId)
        .setParameter("k", key)
        .getResultStream()
        .findFirst();
  }

  Optional<Payment> find(String id) {
    return Optional.ofNullable(id == null ? null : em.find(Payment.class, id));
  }

  /** The payments with these ids, as they are now (an id not found is left out). */
  Map<String, PaymentView> views(java.util.Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    Map<String, PaymentView> views = new HashMap<>();
    for (int from = 0; from < all.size(); from += 500) {
      em.createQuery("SELECT p FROM Payment p WHERE p.id IN :ids", Payment.class)
          .setParameter("ids", all.subList(from, Math.min(all.size(), from + 500)))
          .getResultList()
          .forEach(p -> views.put(p.id, p.view()));
    }
    return views;
  }

  Optional<Payment> byRequestId(String paymentRequestId) {
    return em.createQuery("SELECT p FROM Payment p WHERE p.prId = :id", Payment.class)
        .setParameter("id", paymentRequestId)
        .getResultStream()
        .findFirst();
  }

  /** Counts a (re)sent initial authorize. */
  Payment startAuthorize(String id) {
    Payment p = lock(id);
    p.authorizeAttempts++;
    p.nextCheckAt = now().plus(settings.authorizeRetry());
    return p;
  }

  /** Klarna's answer to the initial authorize. */
  Payment recordAuthorize(String id, AuthorizeResult result, String callDetail) {
    Payment p = lock(id);
    if (!p.authorizing()) {
      return p; // another worker recorded the (same, idempotent) answer first
    }
    p.klarnaResult = result.result();
    event(p, Kind.KLARNA_CALL, "Klarna authorize: " + result.result(), callDetail);
    switch (result.result()) {
      case AuthorizeResult.APPROVED -> {
        p.transactionId = result.transactionId();
        move(p, PaymentStatus.AUTHORIZED, null, "Approved without a step-up");
      }
      case AuthorizeResult.DECLINED ->
          move(
              p,
              PaymentStatus.DECLINED,
              result.resultReason(),
              "Declined by Klarna" + reason(result.resultReason()));
      default -> {
        KlarnaPaymentRequest pr = result.paymentRequest();
        p.prId = pr.id();
        p.qrImageUrl = pr.qrImageUrl();
        p.qrTargetUrl = pr.qrTargetUrl();
        p.paymentRequestUrl = pr.paymentRequestUrl();
        p.prExpiresAt = at(pr.expiresAt());
        applyRequestState(p, pr, "authorize answer");
      }
    }
    return touched(p);
  }

  /** The initial authorize failed: for good (4xx), or for now (no answer, 5xx, 429). */
  Payment recordAuthorizeFailed(String id, KlarnaException e, String callDetail) {
    Payment p = lock(id);
    if (!p.authorizing()) {
      return p;
    }
    event(p, Kind.KLARNA_CALL, "Klarna authorize failed: " + e.describe(), callDetail);
    if (!e.retryable()) {
      p.klarnaResult = "ERROR";
      move(p, PaymentStatus.FAILED, "Klarna refused the authorize: " + e.describe(), null);
    } else if (p.createdAt.plus(settings.authorizeGiveUp()).isBefore(now())) {
      p.klarnaResult = "ERROR";
      move(p, PaymentStatus.FAILED, "Klarna never answered the authorize: " + e.describe(), null);
    } else {
      p.nextCheckAt = now().plus(settings.authorizeRetry());
    }
    return touched(p);
  }

  /**
   * A signal that Klarna's request is in some state (webhook, read, cancel answer, return). It is
   * applied only if the state machine accepts it; either way it goes into the timeline.
   */
  Optional<Payment> applySignal(String paymentId, KlarnaPaymentRequest pr, String source) {
    return applySignal(paymentId, pr, source, false);
  }

  /**
   * The same; for a {@code read} of our own (janitor, return redirect) that finds nothing new, the
   * timeline stays as it is and only the next read is scheduled.
   */
  Optional<Payment> applySignal(
      String paymentId, KlarnaPaymentRequest pr, String source, boolean read) {
    Payment p =
        paymentId != null
            ? lockOptional(paymentId).orElse(null)
            : byRequestId(pr.id()).map(found -> lock(found.id)).orElse(null);
    if (p == null || p.prId == null || !p.prId.equals(pr.id())) {
      return Optional.empty();
    }
    if (!applyRequestState(p, pr, source, read)) {
      return Optional.of(p);
    }
    return Optional.of(touched(p));
  }

  private void applyRequestState(Payment p, KlarnaPaymentRequest pr, String source) {
    applyRequestState(p, pr, source, false);
  }

  /** Applies Klarna's state; false when it changed nothing at all. */
  private boolean applyRequestState(
      Payment p, KlarnaPaymentRequest pr, String source, boolean read) {
    PaymentRequestState signal = PaymentRequestState.parse(pr.state());
    PaymentRequestState current = p.requestState();
    Instant currentAt = p.prUpdatedAt == null ? null : p.prUpdatedAt.toInstant();
    if (!PaymentStateMachine.accepts(p.status(), current, currentAt, signal, pr.updatedAt())) {
      boolean tokenLate =
          signal == PaymentRequestState.COMPLETED
              && current == signal
              && p.token == null
              && p.transactionId == null
              && p.status() == PaymentStatus.PENDING
              && pr.token() != null;
      if (tokenLate) {
        takeToken(p, pr);
      }
      if (read && !tokenLate && signal == current) {
        reschedule(p);
        return false;
      }
      reschedule(p);
      event(
          p,
          Kind.KLARNA_SIGNAL,
          "Klarna request "
              + pr.state()
              + " from "
              + source
              + (signal == current ? ": already known" : ": ignored, the payment has moved on")
              + (tokenLate ? " (token taken)" : ""),
          null);
      return true;
    }
    p.prState = signal.name();
    p.prStateReason = pr.stateReason();
    p.prUpdatedAt = at(pr.updatedAt() != null ? pr.updatedAt() : clock.instant());
    if (pr.expiresAt() != null) {
      p.prExpiresAt = at(pr.expiresAt());
    }
    if (signal == PaymentRequestState.COMPLETED) {
      takeToken(p, pr);
    }
    event(
        p,
        Kind.KLARNA_SIGNAL,
        "Klarna request " + signal + reason(pr.stateReason()) + " from " + source,
        null);
    PaymentStatus status = PaymentStateMachine.statusFor(signal);
    if (status != PaymentStatus.PENDING) {
      p.token = null;
      move(p, status, pr.stateReason(), null);
    }
    reschedule(p);
    return true;
  }

  private void takeToken(Payment p, KlarnaPaymentRequest pr) {
    FinalAuthorizationToken token = pr.token();
    if (token != null) {
      p.token = token.value();
      p.tokenHeader = token.header();
      p.completedAt = at(pr.updatedAt() != null ? pr.updatedAt() : clock.instant());
    }
  }

  /**
   * Takes the right to make the final authorization: only one worker holds it at a time, and a
   * holder that has not finished within the claim time-out (its server died) loses it.
   */
  Optional<Payment> claimFinalization(String id) {
    Payment p = lock(id);
    OffsetDateTime now = now();
    if (!p.finalizable()
        || (p.finalizeClaimedAt != null
            && p.finalizeClaimedAt.isAfter(now.minus(settings.claimTimeout())))) {
      return Optional.empty();
    }
    p.finalizeClaimedAt = now;
    p.finalizeAttempts++;
    p.nextCheckAt = now.plus(settings.claimTimeout());
    event(
        p,
        Kind.STATE_CHANGE,
        "Final authorization started (attempt " + p.finalizeAttempts + ")",
        null);
    return Optional.of(touched(p));
  }

  Payment recordFinal(String id, AuthorizeResult result, String callDetail) {
    Payment p = lock(id);
    event(p, Kind.KLARNA_CALL, "Klarna final authorize: " + result.result(), callDetail);
    p.finalizeClaimedAt = null;
    if (p.status().isFinal()) {
      boolean late =
          AuthorizeResult.APPROVED.equals(result.result())
              && result.transactionId() != null
              && !result.transactionId().equals(p.transactionId)
              && p.lateTransactionId == null;
      if (late) {
        // Klarna holds a transaction this ended payment never will: keep it and release it
        p.token = null;
        p.lateTransactionId = result.transactionId();
        p.releaseState = "RELEASING";
        p.releaseNextAt = now();
        LOG.severe(
            () ->
                "ALARM late approval: Klarna approved payment "
                    + p.id
                    + " after it was "
                    + p.status().wire()
                    + "; releasing its transaction at Klarna");
        event(
            p,
            Kind.STATE_CHANGE,
            "Late approval: Klarna approved after the payment was "
                + p.status().wire()
                + "; its transaction "
                + p.lateTransactionId
                + " is being released at Klarna",
            null);
        touched(p);
      }
      return p;
    }
    p.token = null;
    if (AuthorizeResult.APPROVED.equals(result.result())) {
      p.transactionId = result.transactionId();
      move(p, PaymentStatus.AUTHORIZED, null, "Final authorization approved");
    } else {
      move(
          p,
          PaymentStatus.DECLINED,
          result.resultReason(),
          "Final authorization declined" + reason(result.resultReason()));
    }
    return touched(p);
  }

  Payment recordFinalFailed(String id, KlarnaException e, String callDetail) {
    Payment p = lock(id);
    event(p, Kind.KLARNA_CALL, "Klarna final authorize failed: " + e.describe(), callDetail);
    p.finalizeClaimedAt = null;
    if (p.status().isFinal()) {
      return p;
    }
    Instant tokenExpiry = p.tokenExpiresAt();
    // a 409 means a final authorization with this token is still running elsewhere: not an end
    boolean transientError = e.retryable() || e.status() == 409;
    // Klarna answers a repeat with the same key for 24 h: an attempt whose outcome is unknown (no
    // answer, 5xx) may have made a transaction even after the token's hour, so keep asking with
    // the same key until Klarna says yes or no, or its memory of the key is gone
    Instant keyForgotten =
        p.completedAt == null ? null : p.completedAt.toInstant().plus(Duration.ofHours(24));
    boolean keyGone = keyForgotten != null && !clock.instant().isBefore(keyForgotten);
    if (!transientError || keyGone) {
      p.token = null;
      move(
          p,
          PaymentStatus.FAILED,
          (keyGone && transientError
                  ? "Klarna could not be reached for 24 hours after the shopper approved: "
                  : "Klarna refused the final authorization: ")
              + e.describe(),
          null);
    } else {
      p.nextCheckAt = now().plus(settings.authorizeRetry());
    }
    return touched(p);
  }

  /** Ended payments whose late transaction is still to be released at Klarna. */
  List<String> releasesDue(int limit) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.releaseState = 'RELEASING' AND p.releaseNextAt <="
                + " :now ORDER BY p.releaseNextAt",
            String.class)
        .setParameter("now", now())
        .setMaxResults(limit)
        .getResultList();
  }

  /** Klarna's answer to the release of a late transaction. */
  Payment recordRelease(String id, String klarnaState, KlarnaException e) {
    Payment p = lock(id);
    if (!"RELEASING".equals(p.releaseState)) {
      return p;
    }
    if (e == null) {
      p.releaseState = "RELEASED";
      p.releaseNextAt = null;
      event(p, Kind.KLARNA_CALL, "Late transaction released at Klarna: " + klarnaState, null);
    } else if (e.retryable()) {
      p.releaseNextAt = now().plus(settings.authorizeRetry());
      event(p, Kind.KLARNA_CALL, "Releasing the late transaction failed: " + e.describe(), null);
    } else {
      p.releaseState = "REFUSED";
      p.releaseNextAt = null;
      LOG.severe(
          () ->
              "ALARM Klarna refused to release the late transaction of payment "
                  + p.id
                  + ": "
                  + e.describe());
      event(
          p,
          Kind.KLARNA_CALL,
          "Klarna refused to release the late transaction: " + e.describe() + " (needs a person)",
          null);
    }
    return touched(p);
  }

  /** The partner or an operator asked to cancel; the Klarna call follows. */
  Payment requestCancel(String id, Kind who, String summary) {
    Payment p = lock(id);
    if (p.status() == PaymentStatus.PENDING && p.cancelRequestedAt == null) {
      p.cancelRequestedAt = now();
      event(p, who, summary, null);
      touched(p);
    }
    return p;
  }

  /** A Klarna call failed for now; the janitor tries again later. */
  Payment recordCallFailed(String id, String what, KlarnaException e) {
    Payment p = lock(id);
    event(p, Kind.KLARNA_CALL, what + " failed: " + e.describe(), null);
    p.nextCheckAt = now().plus(settings.authorizeRetry());
    return touched(p);
  }

  /** A note in the timeline that changes nothing else. */
  void note(String id, Kind kind, String summary, String detail) {
    find(id).ifPresent(p -> event(p, kind, summary, detail));
  }

  /** Ends a payment the janitor finds beyond hope (its request expired and Klarna is silent). */
  Payment expire(String id, String why) {
    Payment p = lock(id);
    if (!p.status().isFinal()) {
      p.token = null;
      move(p, PaymentStatus.EXPIRED, why, null);
      touched(p);
    }
    return p;
  }

  /** Pending payments whose next check is due, oldest first. */
  List<String> due(int limit) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.status = 'PENDING' AND p.nextCheckAt <= :now"
                + " ORDER BY p.nextCheckAt",
            String.class)
        .setParameter("now", now())
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Pending payments on the terminal other than {@code exceptId} that the shopper has not approved:
   * sales the till has left. A COMPLETED one is the shopper's approved sale; it keeps finalizing.
   */
  List<String> supersedableOnTerminal(String terminalId, String exceptId) {
    return em.createQuery(
            "SELECT p.id FROM Payment p WHERE p.terminalId = :t AND p.status = 'PENDING' AND p.id"
                + " <> :id AND (p.prState IS NULL OR p.prState IN ('SUBMITTED', 'IN_PROGRESS'))",
            String.class)
        .setParameter("t", terminalId)
        .setParameter("id", exceptId)
        .getResultList();
  }

  ListPage<PaymentView> list(String merchantId, PaymentFilter f, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (merchantId != null) {
      where.append(" AND p.merchantId = :merchant");
      params.put("merchant", merchantId);
    }
    if (f.reference() != null) {
      where.append(" AND p.reference = :reference");
      params.put("reference", f.reference());
    }
    if (f.status() != null) {
      where.append(" AND p.status = :status");
      params.put("status", f.status().name());
    }
    if (f.storeReference() != null) {
      where.append(" AND p.storeReference = :store");
      params.put("store", f.storeReference());
    }
    if (f.terminalReference() != null) {
      where.append(" AND p.terminalReference = :terminal");
      params.put("terminal", f.terminalReference());
    }
    if (f.createdFrom() != null) {
      where.append(" AND p.createdAt >= :from");
      params.put("from", at(f.createdFrom()));
    }
    if (f.createdTo() != null) {
      where.append(" AND p.createdAt < :to");
      params.put("to", at(f.createdTo()));
    }
    if (f.query() != null) {
      where.append(
          " AND (p.reference = :q OR p.id = :q OR p.prId = :q OR p.transactionId = :q"
              + " OR LOWER(p.reference) LIKE :qPrefix)");
      params.put("q", f.query());
      params.put("qPrefix", f.query().toLowerCase(java.util.Locale.ROOT).replace("%", "") + "%");
    }
    if (f.method() != null) {
      where.append(" AND p.method = :method");
      params.put("method", f.method());
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
        .setFirstResult(com.stepup.gateway.platform.ListPage.offset(page, size))
        .setMaxResults(size)
        .getResultList()
        .forEach(p -> views.add(p.view()));
    return new ListPage<>(views, page, size, count.getSingleResult());
  }

  List<PaymentView> changedSince(String merchantId, Instant since, int limit) {
    TypedQuery<Payment> q =
        em.createQuery(
            "SELECT p FROM Payment p WHERE p.updatedAt > :since"
                + (merchantId == null ? "" : " AND p.merchantId = :m")
                + " ORDER BY p.updatedAt",
            Payment.class);
    q.setParameter("since", at(since));
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

  PaymentStats stats(String merchantId, Instant from, Instant to) {
    var q =
        em.createQuery(
            "SELECT p.status, p.prId, p.storeReference, p.createdAt, p.updatedAt FROM Payment p"
                + " WHERE p.createdAt >= :from AND p.createdAt < :to"
                + (merchantId == null ? "" : " AND p.merchantId = :m"),
            Object[].class);
    q.setParameter("from", at(from)).setParameter("to", at(to));
    if (merchantId != null) {
      q.setParameter("m", merchantId);
    }
    Map<PaymentStatus, Long> byStatus = new java.util.EnumMap<>(PaymentStatus.class);
    Map<String, long[]> byStore = new java.util.TreeMap<>();
    List<Long> toAuthorized = new ArrayList<>();
    long total = 0;
    long stepUps = 0;
    long stepUpsAuthorized = 0;
    for (Object[] row : q.getResultList()) {
      PaymentStatus status = PaymentStatus.valueOf((String) row[0]);
      boolean stepUp = row[1] != null;
      total++;
      byStatus.merge(status, 1L, Long::sum);
      long[] store = byStore.computeIfAbsent((String) row[2], k -> new long[2]);
      store[0]++;
      if (status == PaymentStatus.AUTHORIZED) {
        store[1]++;
      }
      if (stepUp) {
        stepUps++;
        if (status == PaymentStatus.AUTHORIZED) {
          stepUpsAuthorized++;
          toAuthorized.add(
              java.time.Duration.between((OffsetDateTime) row[3], (OffsetDateTime) row[4])
                  .toSeconds());
        }
      }
    }
    java.util.Collections.sort(toAuthorized);
    Long median = toAuthorized.isEmpty() ? null : toAuthorized.get(toAuthorized.size() / 2);
    List<PaymentStats.StoreCount> stores = new ArrayList<>();
    byStore.forEach((ref, n) -> stores.add(new PaymentStats.StoreCount(ref, n[0], n[1])));
    return new PaymentStats(total, byStatus, stepUps, stepUpsAuthorized, median, stores);
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

  private void move(Payment p, PaymentStatus to, String failureReason, String summary) {
    PaymentStatus from = p.status();
    if (!PaymentStateMachine.canMove(from, to)) {
      throw new IllegalStateException("payment " + p.id + " cannot move " + from + " → " + to);
    }
    p.status = to.name();
    p.failureReason = failureReason == null ? null : cut(failureReason, 1000);
    p.nextCheckAt = null;
    event(
        p,
        Kind.STATE_CHANGE,
        "Payment " + to.wire() + (summary != null ? ": " + summary : reason(failureReason)),
        null);
    if (to.isFinal()) {
      touched(p);
      // observers write in this transaction: the outcome and its notification commit together
      settled.fire(
          new PaymentSettled(
              p.id,
              p.merchantId,
              to,
              PaymentJson.payment(p.view(), settings.baseUrl()),
              p.updatedAt.toInstant()));
    }
  }

  /** When the janitor should next look at the payment. */
  private void reschedule(Payment p) {
    OffsetDateTime now = now();
    PaymentRequestState state = p.requestState();
    if (p.status().isFinal()) {
      p.nextCheckAt = null;
    } else if (p.finalizable()) {
      p.nextCheckAt = now;
    } else {
      Instant lastNews =
          p.prUpdatedAt != null ? p.prUpdatedAt.toInstant() : p.createdAt.toInstant();
      p.nextCheckAt =
          at(
              settings
                  .readSchedule()
                  .next(
                      now.toInstant(),
                      lastNews,
                      state != null && p.prExpiresAt != null ? p.prExpiresAt.toInstant() : null));
    }
  }

  private void event(Payment p, Kind kind, String summary, String detail) {
    em.persist(
        new PaymentEvent(p, now(), kind, summary, detail == null ? null : cut(detail, 300000)));
    changed.fire(new PaymentChanged(p.id));
  }

  private Payment lock(String id) {
    return lockOptional(id).orElseThrow(() -> new IllegalStateException("no payment " + id));
  }

  private Optional<Payment> lockOptional(String id) {
    return Optional.ofNullable(em.find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  private Payment touched(Payment p) {
    p.updatedAt = now();
    return p;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String reason(String reason) {
    return reason == null ? "" : " (" + reason + ")";
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
