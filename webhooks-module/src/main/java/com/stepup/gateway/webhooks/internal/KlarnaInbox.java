package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The inbox of Klarna events, one short transaction per method. An event is stored (and committed)
 * before Klarna gets its 200, claimed by the instance that stored it, and acted on afterwards; one
 * left unfinished (a crash, a failure) is claimed again by whoever sweeps.
 */
@ApplicationScoped
@Transactional
class KlarnaInbox {

  /** Tokens leave the stored envelope once the event has been acted on. */
  private static final Pattern TOKENS =
      Pattern.compile("\"(klarna_network_session_token|payment_token)\"\\s*:\\s*\"[^\"]*\"");

  private static final int MAX_ATTEMPTS = 10;

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject Clock clock;
  @Inject WebhookSettings settings;

  /** An event taken for work. */
  record Claimed(
      String eventId, String eventType, String body, int attempt, java.time.Instant occurredAt) {}

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
      known.put(e.eventId, e);
    }
    List<Optional<Claimed>> answers = new ArrayList<>(arrivals.size());
    OffsetDateTime now = now();
    for (Arrival a : arrivals) {
      KlarnaEvent e = known.get(a.eventId());
      if (e != null) {
        e.duplicates++;
        answers.add(Optional.empty());
        continue;
      }
      e = new KlarnaEvent();
      e.eventId = a.eventId();
      e.eventType = a.eventType();
      e.paymentRequestId = a.paymentRequestId();
      e.signingKeyId = a.signingKeyId();
      e.occurredAt =
          a.occurredAt() == null ? null : a.occurredAt().atOffset(java.time.ZoneOffset.UTC);
      e.receivedAt = now;
      e.status = KlarnaEvent.Status.WORKING.name();
      e.claimedAt = now;
      e.attempts = 1;
      e.body = a.body();
      em.persist(e);
      known.put(e.eventId, e);
      answers.add(Optional.of(new Claimed(e.eventId, e.eventType, e.body, 1, a.occurredAt())));
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
      known.duplicates++;
    }
  }

  boolean exists(String eventId) {
    return em.find(KlarnaEvent.class, eventId) != null;
  }

  /** Takes the event unless it is done or someone else is working on it. */
  Optional<Claimed> claim(String eventId) {
    KlarnaEvent e = em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    if (e == null) {
      return Optional.empty();
    }
    OffsetDateTime now = now();
    boolean free =
        e.status() == KlarnaEvent.Status.RECEIVED
            || (e.status() == KlarnaEvent.Status.WORKING
                && e.claimedAt.isBefore(now.minus(settings.inboxRetryAfter())));
    if (!free) {
      return Optional.empty();
    }
    e.status = KlarnaEvent.Status.WORKING.name();
    e.claimedAt = now;
    e.attempts++;
    return Optional.of(
        new Claimed(
            e.eventId,
            e.eventType,
            e.body,
            e.attempts,
            e.occurredAt == null ? null : e.occurredAt.toInstant()));
  }

  /** Acted on ({@code DONE}) or deliberately not ({@code IGNORED}); the tokens are blanked. */
  void finish(String eventId, KlarnaEvent.Status status, String note) {
    KlarnaEvent e = em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    e.status = status.name();
    e.processedAt = now();
    e.error = cut(note);
    e.body = TOKENS.matcher(e.body).replaceAll("\"$1\":\"[redacted]\"");
  }

  /** Could not be acted on: tried again later, and given up after ten attempts. */
  void failed(String eventId, String error) {
    KlarnaEvent e = em.find(KlarnaEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    e.error = cut(error);
    e.claimedAt = now();
    e.status =
        (e.attempts >= MAX_ATTEMPTS ? KlarnaEvent.Status.FAILED : KlarnaEvent.Status.RECEIVED)
            .name();
  }

  /** Events nobody finished: never picked up, put back after a failure, or left by a crash. */
  List<String> due(int limit) {
    OffsetDateTime before = now().minus(settings.inboxRetryAfter());
    return em.createQuery(
            "SELECT e.eventId FROM KlarnaEvent e WHERE (e.status = 'RECEIVED' AND"
                + " COALESCE(e.claimedAt, e.receivedAt) < :before) OR (e.status = 'WORKING' AND"
                + " e.claimedAt < :before) ORDER BY e.receivedAt",
            String.class)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Writes the refusals counted since the last flush: one row per kind. */
  void rejectAll(List<RejectionTally.Count> counts) {
    for (RejectionTally.Count c : counts) {
      WebhookRejection r = new WebhookRejection();
      r.receivedAt = c.first().atOffset(java.time.ZoneOffset.UTC);
      r.reason = cut(c.kind().reason());
      String key = c.kind().signingKeyId();
      r.signingKeyId = key == null ? null : key.substring(0, Math.min(200, key.length()));
      r.times = (int) Math.min(Integer.MAX_VALUE, c.times());
      em.persist(r);
    }
  }

  /**
   * Forgets what is only history: refusals older than {@code rejectionsFor}, and events acted on
   * longer ago than {@code eventsFor} (far beyond the 24 hours in which a repeat could still come,
   * so deduplication by event id holds). Answers how many rows went.
   */
  int prune(java.time.Duration rejectionsFor, java.time.Duration eventsFor) {
    int rejections =
        em.createQuery("DELETE FROM WebhookRejection r WHERE r.receivedAt < :t")
            .setParameter("t", now().minus(rejectionsFor))
            .executeUpdate();
    int events =
        em.createQuery(
                "DELETE FROM KlarnaEvent e WHERE e.processedAt IS NOT NULL AND e.processedAt < :t")
            .setParameter("t", now().minus(eventsFor))
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
    long waiting =
        count("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.status IN ('RECEIVED', 'WORKING')");
    long failed = count("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.status = 'FAILED'");
    OffsetDateTime hourAgo = now().minusHours(1);
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
    return count("SELECT COUNT(e) FROM KlarnaEvent e WHERE e.status IN ('RECEIVED', 'WORKING')");
  }

  private long sum(String jpql) {
    return em.createQuery(jpql, Number.class).getSingleResult().longValue();
  }

  private long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String cut(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
