package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.NotFound;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where payments are kept (the port the use cases see): a change is applied to one payment under
 * its row lock, in one short transaction, and what it produced ({@link Changes}) is stored with it
 * or not at all. {@link JpaPaymentRepository} keeps them in the database; the unit tests and the
 * fault simulation keep them in memory.
 */
interface PaymentRepository {

  Payment insert(Payment p);

  /**
   * Inserts the payment, with {@code first} run in the same transaction before the payment is
   * written (the partner key's claim): what it throws rolls both back.
   */
  default Payment insert(Payment p, Runnable first) {
    first.run();
    return insert(p);
  }

  Optional<Payment> find(String id);

  /**
   * The payment if it is the merchant's ({@code merchantId} null: platform staff, any merchant);
   * another merchant's payment is simply not found.
   */
  default Payment owned(String merchantId, String id) {
    return find(id)
        .filter(p -> merchantId == null || p.merchantId().equals(merchantId))
        .orElseThrow(() -> new NotFound("Payment " + id));
  }

  /**
   * Locks the payment, lets {@code change} decide (it calls the payment's own methods), and stores
   * what it produced, all in one transaction. Answers what {@code change} answered.
   */
  <R> R change(String id, Function<Payment, R> change);

  /**
   * As {@link #change(String, Function)}, then {@code alongside} with the payment as stored (its
   * entries and operations written), in the same transaction: what must commit with the change or
   * not at all (the partner key's answer).
   */
  default <R> R change(String id, Function<Payment, R> change, Consumer<Payment> alongside) {
    return change(
        id,
        p -> {
          R result = change.apply(p);
          alongside.accept(p);
          return result;
        });
  }

  /**
   * Adds a line to the payment's timeline and changes nothing else, in a transaction of its own.
   */
  default void note(String id, Instant now, Kind kind, TimelineEvent event, Object... args) {
    change(
        id,
        p -> {
          p.note(kind, event, now, args);
          return p;
        });
  }

  /** The same for a payment that may be gone: empty when there is none. */
  <R> Optional<R> changeIfThere(String id, Function<Payment, R> change);

  /**
   * The same for the payment that holds Klarna's Payment Request {@code requestId}: empty when no
   * payment holds it.
   */
  <R> Optional<R> changeByRequestIfThere(String requestId, Function<Payment, R> change);

  /**
   * Locks the operation's payment, lets {@code change} decide on both, and stores what it produced.
   */
  <R> R changeOperation(String operationId, BiFunction<Payment, MoneyOperation, R> change);

  Optional<MoneyOperation> operation(String id);

  /** The payment's operations, oldest first. */
  List<MoneyOperation> operations(String paymentId);

  /** Operations whose answer is overdue (their sender died, or Klarna did not answer). */
  List<String> operationsDue(Instant now, int max);
}
