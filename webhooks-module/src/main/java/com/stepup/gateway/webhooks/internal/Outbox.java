package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.disputes.DisputeNotice;
import com.stepup.gateway.payments.PaymentNotice;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the partner's notification in the very transaction of the change it tells of (a final
 * status, a capture, a refund, a release, an expired authorization), so neither exists without the
 * other, and hands it to the deliverer once that commits.
 */
@ApplicationScoped
class Outbox {

  @PersistenceContext(unitName = "webhooks")
  EntityManager em;

  @Inject Merchants merchants;
  @Inject Clock clock;
  @Inject Deliverer deliverer;

  @Transactional(Transactional.TxType.MANDATORY)
  void write(@Observes PaymentNotice settled) {
    MerchantView merchant = merchants.find(settled.merchantId()).orElse(null);
    if (merchant == null || merchant.notificationUrl() == null) {
      return; // this merchant polls or streams instead
    }
    if (!EventTypes.wanted(eventTypes(merchant.id()), settled.eventType())) {
      return; // the partner chose other event types for its endpoint
    }
    String body =
        Json.createObjectBuilder()
            .add("type", settled.eventType())
            .add("timestamp", settled.at().atOffset(ZoneOffset.UTC).toString())
            .add("data", settled.data())
            .build()
            .toString();
    em.persist(
        Notification.pending(
            settled.merchantId(), settled.paymentId(), settled.eventType(), body, clock.instant()));
  }

  /** The event types the merchant chose for its endpoint; empty: every one. */
  List<String> eventTypes(String merchantId) {
    List<?> rows =
        em.createNativeQuery("SELECT event_types FROM webhook_endpoint WHERE merchant_id = ?1")
            .setParameter(1, merchantId)
            .getResultList();
    return rows.isEmpty() ? List.of() : EventTypes.parse((String) rows.get(0));
  }

  @Transactional
  void chooseEventTypes(String merchantId, List<String> chosen) {
    em.createNativeQuery("DELETE FROM webhook_endpoint WHERE merchant_id = ?1")
        .setParameter(1, merchantId)
        .executeUpdate();
    if (!chosen.isEmpty()) {
      em.createNativeQuery(
              "INSERT INTO webhook_endpoint (merchant_id, event_types, updated_at) VALUES (?1, ?2,"
                  + " ?3)")
          .setParameter(1, merchantId)
          .setParameter(2, EventTypes.join(chosen))
          .setParameter(3, OffsetDateTime.now(clock))
          .executeUpdate();
    }
  }

  /**
   * A signed {@code ping} to the merchant's endpoint (its test), written and then delivered at
   * once; answers its id. It belongs to no payment.
   */
  @Transactional
  String ping(MerchantView merchant) {
    Instant now = clock.instant();
    String body =
        Json.createObjectBuilder()
            .add("type", EventTypes.PING)
            .add("timestamp", now.atOffset(ZoneOffset.UTC).toString())
            .add("data", Json.createObjectBuilder().add("merchant_id", merchant.id()))
            .build()
            .toString();
    Notification n = Notification.pending(merchant.id(), "", EventTypes.PING, body, now);
    em.persist(n);
    return n.id();
  }

  /** A dispute's change, written like a payment's: in its transaction, for the same partner. */
  @Transactional(Transactional.TxType.MANDATORY)
  void write(@Observes DisputeNotice notice) {
    write(
        new PaymentNotice(
            notice.paymentId(),
            notice.merchantId(),
            notice.eventType(),
            notice.data(),
            notice.at()));
  }

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DisputeNotice notice) {
    deliverer.soon(notice.paymentId());
  }

  /** After the commit: deliver now rather than at the next sweep. */
  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentNotice settled) {
    deliverer.soon(settled.paymentId());
  }
}
