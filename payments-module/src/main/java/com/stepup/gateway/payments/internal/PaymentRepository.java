package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentSettled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stores payments: finds them, inserts them, and applies a change to one under its row lock, in one
 * short transaction, then writes the timeline entries the change recorded and fires its events (a
 * {@link PaymentChanged} per entry; a {@link PaymentSettled} when the payment got its final status,
 * whose observers write the partner notification in the same transaction). The webhook, the return
 * redirect and the janitor thus change a payment one at a time; Klarna is called between these
 * transactions, never inside one. Answers are detached copies. Decisions are the payment's own; the
 * read side is {@link PaymentQueries}.
 */
@ApplicationScoped
@Transactional
class PaymentRepository {

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Inject PaymentSettings settings;
  @Inject Event<PaymentSettled> settled;
  @Inject Event<PaymentChanged> changed;

  Payment insert(Payment p) {
    em.persist(p);
    em.flush();
    stored(p);
    return p;
  }

  Optional<Payment> find(String id) {
    return Optional.ofNullable(id == null ? null : em.find(Payment.class, id));
  }

  /**
   * Locks the payment, lets {@code change} decide (it calls the payment's own methods), and stores
   * what it recorded, all in one transaction. Answers what {@code change} answered.
   */
  <R> R change(String id, Function<Payment, R> change) {
    Payment p = lock(id).orElseThrow(() -> new IllegalStateException("no payment " + id));
    R result = change.apply(p);
    stored(p);
    return result;
  }

  /** The same for a payment that may be gone: empty when there is none. */
  <R> Optional<R> changeIfThere(String id, Function<Payment, R> change) {
    Optional<Payment> p = lock(id);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    R result = change.apply(p.get());
    stored(p.get());
    return Optional.ofNullable(result);
  }

  private Optional<Payment> lock(String id) {
    return Optional.ofNullable(
        id == null ? null : em.find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Writes the entries the payment recorded and fires the events of the change. */
  private void stored(Payment p) {
    for (Payment.Entry entry : p.drainRecorded()) {
      em.persist(new PaymentEvent(p.id(), entry));
      changed.fire(new PaymentChanged(p.id()));
    }
    if (p.drainSettled()) {
      // observers write in this transaction: the outcome and its notification commit together
      settled.fire(
          new PaymentSettled(
              p.id(),
              p.merchantId(),
              p.status(),
              PaymentJson.payment(p.view(), settings.baseUrl()),
              p.updatedAt()));
    }
  }
}
