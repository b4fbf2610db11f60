package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.disputes.DisputeNotice;
import com.stepup.gateway.payments.PaymentNotice;
import com.stepup.gateway.platform.Ids;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
    Notification n = new Notification();
    n.id = Ids.next("msg");
    n.merchantId = settled.merchantId();
    n.paymentId = settled.paymentId();
    n.eventType = settled.eventType();
    n.body =
        Json.createObjectBuilder()
            .add("type", settled.eventType())
            .add("timestamp", settled.at().atOffset(ZoneOffset.UTC).toString())
            .add("data", settled.data())
            .build()
            .toString();
    n.status = "PENDING";
    n.createdAt = OffsetDateTime.now(clock);
    n.nextAttemptAt = n.createdAt;
    em.persist(n);
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
