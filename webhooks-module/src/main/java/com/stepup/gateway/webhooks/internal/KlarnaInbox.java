package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox of Klarna events, one short transaction per method. An event is stored (and committed)
 * before Klarna gets its 200, claimed by the instance that stored it, and acted on afterwards; one
 * left unfinished (a crash, a failure) is claimed again by whoever sweeps.
 */
@ApplicationScoped
@Transactional
class KlarnaInbox {

  private static final int MAX_ATTEMPTS = 10;

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject Clock clock;
  @Inject WebhookSettings settings;

  /** An event taken for work. */
  record Claimed(String eventId, String eventType, String body, int attempt, Instant occurredAt) {}

  /** An event as it arrived, signature checked. */
  record Arrival(
      String eventId,
      String eventType,
      String paymentRequestId,
      String signingKeyId,
      Instant occurredAt,
      String body) {}

  /**
   * Stores new events, each already claimed for work by the caller who stored it (so that no second
   * transaction is needed to take it); an event whose id is known, in the table or earlier in the
   * batch, is counted as a duplicate and answered empty. One transaction for the batch.
   */
  List<Optional<Claimed>> storeAll(List<Arrival> arrivals) {
    Map<String, KlarnaEvent> known = new HashMap<>();
    for (KlarnaEvent e :
        em.createQuery("SELECT e FROM KlarnaEvent e WHERE e.eventId IN :ids", KlarnaEvent.class)
            .setParameter("ids", arrivals.stream().map(Arrival::eventId).distinct().toList())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      known.put(e.eventId(), e);
    }
    List<Optional<Claimed>> answers = new ArrayList<>(arrivals.size());
    Instant now = clock.instant();
    for (Arrival a : arrivals) {
      KlarnaEvent e = known.get(a.eventId());
      if (e != null) {
        e.countDuplicate();
        answers.add(Optional.empty());
        continue;
      }
      e = KlarnaEvent.arrived(a, now);
      em.persist(e);
      known.put(e.eventId(), e);
      answers.add(Optional.of(e.claimed()));
    }
    em.flush();
    return answers;
  }

  /** {@link #storeAll} for one event. */
  Optional<Claimed> store(Arrival arrival) {
    return storeAll(List.of(arrival)).get(0);
  }

  /** Counts a duplicate whose first copy won a race with it. */
  void countDuplicate(String eventId) {
    KlarnaEvent known = em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    if (known != null) {
      known.countDuplicate();
    }
  }

  boolean exists(String eventId) {
    return em.find(KlarnaEvent.class, eventId) != null;
  }

  /** Takes the event unless it is done or someone else is working on it. */
  Optional<Claimed> claim(String eventId) {
    KlarnaEvent e = em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    return e == null ? Optional.empty() : e.claim(clock.instant(), settings.inboxRetryAfter());
  }

  /** An event acted on ({@code DONE}) or deliberately not ({@code IGNORED}), with a note. */
  record Finished(String eventId, KlarnaEvent.Status status, String note) {}

  /** Acted on ({@code DONE}) or deliberately not ({@code IGNORED}); the tokens are blanked. */
  void finish(String eventId, KlarnaEvent.Status status, String note) {
    em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE)
        .finish(status, note, clock.instant());
  }

  /**
   * {@link #finish} for several events in one transaction (the workers finishing together commit
   * together); answers true for each.
   */
  List<Boolean> finishAll(List<Finished> finished) {
    Map<String, KlarnaEvent> events = new HashMap<>();
    for (KlarnaEvent e :
        em.createQuery("SELECT e FROM KlarnaEvent e WHERE e.eventId IN :ids", KlarnaEvent.class)
            .setParameter("ids", finished.stream().map(Finished::eventId).distinct().toList())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      events.put(e.eventId(), e);
    }
    Instant now = clock.instant();
    List<Boolean> answers = new ArrayList<>(finished.size());
    for (Finished f : finished) {
      events.get(f.eventId()).finish(f.status(), f.note(), now);
      answers.add(Boolean.TRUE);
    }
    return answers;
  }

  /** {@link #finishAll} for one event. */
  Boolean finishOne(Finished finished) {
    finish(finished.eventId(), finished.status(), finished.note());
    return Boolean.TRUE;
  }

  /** Could not be acted on: tried again later, and given up after ten attempts. */
  void failed(String eventId, String error) {
    em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE)
        .failed(error, MAX_ATTEMPTS, clock.instant());
  }

  /** Events nobody finished: never picked up, put back after a failure, or left by a crash. */
  List<String> due(int limit) {
    Instant before = clock.instant().minus(settings.inboxRetryAfter());
    return em.createQuery(
            // each time compared with its field, not through COALESCE, so JPA converts :before
            "SELECT e.eventId FROM KlarnaEvent e WHERE (e.status = :received AND (e.claimedAt <"
                + " :before OR (e.claimedAt IS NULL AND e.receivedAt < :before))) OR (e.status ="
                + " :working AND e.claimedAt < :before) ORDER BY e.receivedAt",
            String.class)
        .setParameter("received", KlarnaEvent.Status.RECEIVED)
        .setParameter("working", KlarnaEvent.Status.WORKING)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Writes the refusals counted since the last flush: one row per kind. */
  void rejectAll(List<RejectionTally.Count> counts) {
    for (RejectionTally.Count c : counts) {
      em.persist(WebhookRejection.of(c));
    }
  }

  /**
   * Forgets what is only history: refusals older than {@code rejectionsFor}, and events acted on
   * longer ago than {@code eventsFor} (far beyond the 24 hours in which a repeat could still come,
   * so deduplication by event id holds). Answers how many rows went.
   */
  int prune(Duration rejectionsFor, Duration eventsFor) {
    int rejections =
        em.createQuery("DELETE FROM WebhookRejection r WHERE r.receivedAt < :t")
            .setParameter("t", clock.instant().minus(rejectionsFor))
            .executeUpdate();
    int events =
        em.createQuery(
                "DELETE FROM KlarnaEvent e WHERE e.processedAt IS NOT NULL AND e.processedAt < :t")
            .setParameter("t", clock.instant().minus(eventsFor))
            .executeUpdate();
    return rejections + events;
  }

  KlarnaWebhookHealth health(String registeredWebhookId) {
    long received = count("SELECT COUNT(e) FROM KlarnaEvent e");
    long duplicates =
        em.createQuery("SELECT COALESCE(SUM(e.duplicates), 0) FROM KlarnaEvent e", Number.class)
            .getSingleResult()
            .longValue();
    long rejected = sum("SELECT COALESCE(SUM(r.times), 0) FROM WebhookRejection r");
    long signatures =
        sum(
            "SELECT COALESCE(SUM(r.times), 0) FROM WebhookRejection r WHERE r.reason LIKE"
                + " 'signature%' OR r.reason LIKE 'unknown signing key%'");
    long waiting = waiting();
    long failed =
        em.createQuery("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.status = :failed", Long.class)
            .setParameter("failed", KlarnaEvent.Status.FAILED)
            .getSingleResult();
    Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
    long receivedLastHour =
        em.createQuery("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.receivedAt >= :t", Long.class)
            .setParameter("t", hourAgo)
            .getSingleResult();
    long signaturesLastHour =
        em.createQuery(
                "SELECT COALESCE(SUM(r.times), 0) FROM WebhookRejection r WHERE r.receivedAt >= :t"
                    + " AND (r.reason LIKE 'signature%' OR r.reason LIKE 'unknown signing key%')",
                Number.class)
            .setParameter("t", hourAgo)
            .getSingleResult()
            .longValue();
    return new KlarnaWebhookHealth(
        received,
        duplicates,
        rejected,
        signatures,
        waiting,
        failed,
        registeredWebhookId,
        receivedLastHour,
        signaturesLastHour);
  }

  /** Events stored and not yet acted on. */
  long waiting() {
    return em.createQuery("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.status IN :open", Long.class)
        .setParameter("open", List.of(KlarnaEvent.Status.RECEIVED, KlarnaEvent.Status.WORKING))
        .getSingleResult();
  }

  private long sum(String jpql) {
    return em.createQuery(jpql, Number.class).getSingleResult().longValue();
  }

  private long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }
}
