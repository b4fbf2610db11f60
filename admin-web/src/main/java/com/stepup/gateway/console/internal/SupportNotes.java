package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Support's notes to merchant admins: written, listed open on their dashboard, marked done. */
@ApplicationScoped
class SupportNotes {

  static final int MAX_TEXT = 1000;

  @PersistenceContext(unitName = "console")
  EntityManager em;

  @Inject Clock clock;

  @Transactional
  SupportNote write(String author, String merchantId, String paymentId, String text) {
    SupportNote n = new SupportNote();
    n.at = OffsetDateTime.now(clock);
    n.author = author;
    n.merchantId = merchantId;
    n.paymentId = paymentId;
    n.text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    em.persist(n);
    return n;
  }

  /** The merchant's notes not yet done, newest first. */
  @Transactional
  List<SupportNote> open(String merchantId, int limit) {
    return em.createQuery(
            "SELECT n FROM SupportNote n WHERE n.merchantId = :m AND n.doneAt IS NULL"
                + " ORDER BY n.id DESC",
            SupportNote.class)
        .setParameter("m", merchantId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Marks the merchant's note done; false when there is no such open note of theirs. */
  @Transactional
  boolean done(String merchantId, long id, String by) {
    SupportNote n = em.find(SupportNote.class, id);
    if (n == null || !n.merchantId.equals(merchantId) || n.doneAt != null) {
      return false;
    }
    n.markDone(OffsetDateTime.now(clock), by);
    return true;
  }
}
