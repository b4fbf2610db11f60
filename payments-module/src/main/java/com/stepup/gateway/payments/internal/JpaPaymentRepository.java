package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentNotice;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Stores payments: finds them, inserts them, and applies a change to one under its row lock, in one
 * short transaction, then writes the timeline entries the change recorded and fires its events (a
 * {@link PaymentChanged} per change; a {@link PaymentNotice} per event the partner is told of,
 * whose observers write the partner notification in the same transaction). The webhook, the return
 * redirect and the janitor thus change a payment one at a time; Klarna is called between these
 * transactions, never inside one. Answers are detached copies. Decisions are the payment's own; the
 * read side is {@link PaymentQueries}.
 */
@ApplicationScoped
@Transactional
class JpaPaymentRepository implements PaymentRepository {

  private static final Logger LOG = Logger.getLogger(JpaPaymentRepository.class.getName());

  @PersistenceContext(unitName = "payments")
  EntityManager em;

  @Inject PaymentSettings settings;
  @Inject Event<PaymentNotice> notices;
  @Inject Event<PaymentChanged> changed;

  @Override
  public Payment insert(Payment p) {
    return insert(p, () -> {});
  }

  @Override
  public Payment insert(Payment p, Runnable first) {
    first.run();
    em.persist(p);
    em.flush();
    LOG.info(
        () ->
            "Payment "
                + p.id()
                + " created: "
                + (p.method() == Payment.Method.QR_CODE ? "in store" : "online")
                + ", "
                + Amounts.format(p.money().amount(), p.money().currency()));
    stored(p);
    return p;
  }

  @Override
  public Optional<Payment> find(String id) {
    return Optional.ofNullable(id == null ? null : em.find(Payment.class, id));
  }

  /**
   * Locks the payment, lets {@code change} decide (it calls the payment's own methods), and stores
   * what it recorded, all in one transaction. Answers what {@code change} answered.
   */
  @Override
  public <R> R change(String id, Function<Payment, R> change) {
    return change(id, change, p -> {});
  }

  @Override
  public <R> R change(String id, Function<Payment, R> change, Consumer<Payment> alongside) {
    Payment p = lock(id).orElseThrow(() -> new IllegalStateException("no payment " + id));
    R result = change.apply(p);
    stored(p);
    alongside.accept(p);
    return result;
  }

  /** The same for a payment that may be gone: empty when there is none. */
  @Override
  public <R> Optional<R> changeIfThere(String id, Function<Payment, R> change) {
    Optional<Payment> p = lock(id);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    R result = change.apply(p.get());
    stored(p.get());
    return Optional.ofNullable(result);
  }

  /**
   * The same for the payment that holds Klarna's Payment Request {@code requestId}, found and
   * locked in one statement (a webhook names the request, not the payment).
   */
  @Override
  public <R> Optional<R> changeByRequestIfThere(String requestId, Function<Payment, R> change) {
    Optional<Payment> p =
        requestId == null
            ? Optional.empty()
            : em.createQuery("SELECT p FROM Payment p WHERE p.request.id = :id", Payment.class)
                .setParameter("id", requestId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    if (p.isEmpty()) {
      return Optional.empty();
    }
    R result = change.apply(p.get());
    stored(p.get());
    return Optional.ofNullable(result);
  }

  /**
   * Locks the operation's payment, lets {@code change} decide on both, and stores what it recorded.
   */
  @Override
  public <R> R changeOperation(String operationId, BiFunction<Payment, MoneyOperation, R> change) {
    MoneyOperation found = em.find(MoneyOperation.class, operationId);
    if (found == null) {
      throw new IllegalStateException("no operation " + operationId);
    }
    Payment p = lock(found.paymentId()).orElseThrow();
    em.refresh(found); // as it stands under the payment's lock
    R result = change.apply(p, found);
    stored(p);
    return result;
  }

  @Override
  public Optional<MoneyOperation> operation(String id) {
    return Optional.ofNullable(id == null ? null : em.find(MoneyOperation.class, id));
  }

  /** The payment's operations, oldest first. */
  @Override
  public List<MoneyOperation> operations(String paymentId) {
    return em.createQuery(
            "SELECT o FROM MoneyOperation o WHERE o.paymentId = :p ORDER BY o.createdAt, o.id",
            MoneyOperation.class)
        .setParameter("p", paymentId)
        .getResultList();
  }

  /** Operations whose answer is overdue (their sender died, or Klarna did not answer). */
  @Override
  public List<String> operationsDue(Instant now, int max) {
    return em.createQuery(
            "SELECT o.id FROM MoneyOperation o WHERE o.status = :s AND o.nextTryAt <= :now"
                + " ORDER BY o.nextTryAt",
            String.class)
        .setParameter("s", MoneyOperation.Status.PENDING)
        .setParameter("now", now)
        .setMaxResults(max)
        .getResultList();
  }

  private Optional<Payment> lock(String id) {
    return Optional.ofNullable(
        id == null ? null : em.find(Payment.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** {@code count} new timeline ids, ascending, in one statement (none for none). */
  private long[] nextEventIds(int count) {
    if (count == 0) {
      return new long[0];
    }
    List<?> ids =
        em.createNativeQuery(PaymentEvent.NEXT_IDS).setParameter(1, count).getResultList();
    return ids.stream().mapToLong(id -> ((Number) id).longValue()).sorted().toArray();
  }

  /**
   * Writes the entries the payment recorded (one batched insert at the commit) and fires the events
   * of the change: one {@link PaymentChanged} for the change, however many entries it wrote.
   */
  private void stored(Payment p) {
    List<Changes.Entry> entries = p.changes().drainRecorded();
    long[] ids = nextEventIds(entries.size());
    for (int i = 0; i < ids.length; i++) {
      em.persist(new PaymentEvent(ids[i], p.id(), entries.get(i)));
    }
    if (!entries.isEmpty()) {
      changed.fire(new PaymentChanged(p.id()));
    }
    for (MoneyOperation op : p.changes().drainBegun()) {
      em.persist(op);
    }
    List<Changes.Notice> told = p.changes().drainNotices();
    if (!told.isEmpty()) {
      // observers write in this transaction: the change and its notification commit together
      var payment = PaymentJson.payment(p.view(), settings.baseUrl());
      for (Changes.Notice n : told) {
        var data = Json.createObjectBuilder(payment);
        if (n.operation() != null) {
          data.add(
              n.operation().kind().name().toLowerCase(Locale.ROOT),
              PaymentJson.movement(n.operation().view()));
        }
        notices.fire(
            new PaymentNotice(p.id(), p.merchantId(), n.type(), data.build(), p.updatedAt()));
        LOG.info(
            () ->
                "Payment "
                    + p.id()
                    + " "
                    + n.type().substring("payment.".length()).replace('_', ' ')
                    + (n.operation() == null
                        ? ""
                        : ": " + Amounts.format(n.operation().amount(), p.money().currency()))
                    + (payment.containsKey("failure_reason") && n.operation() == null
                        ? " (" + payment.getString("failure_reason") + ")"
                        : ""));
      }
    }
  }
}
