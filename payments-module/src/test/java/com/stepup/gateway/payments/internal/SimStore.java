package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Storage with the database's semantics, in memory: only committed copies are kept; a change works
 * on a copy of the committed row (as under its row lock) and commits it, with what it recorded, at
 * once or not at all. A crash ({@link SimHistory.Crash}) thrown before a commit loses that change
 * and nothing else; whatever a worker held in memory is gone with it.
 */
final class SimStore implements PaymentRepository {

  final Map<String, Payment> payments = new LinkedHashMap<>();
  final Map<String, MoneyOperation> operations = new LinkedHashMap<>();

  /** The partner Idempotency-Key whose request began each operation (absent: the gateway's own). */
  final Map<String, String> operationKeys = new HashMap<>();

  /**
   * The partner Idempotency-Key whose request asked for each payment's cancel (tracked by the
   * simulation, not read from the gateway's own binding).
   */
  final Map<String, String> cancelKeys = new HashMap<>();

  /** Called before every commit: the crash fuse. */
  Runnable beforeCommit = () -> {};

  /** The partner Idempotency-Key of the request being handled, or null. */
  Supplier<String> partnerKey = () -> null;

  int commits;

  /** Inside a change or an insert: writes joined to it commit with it or not at all. */
  boolean inTransaction;

  private final List<Runnable> joined = new ArrayList<>();

  /**
   * A write of another table on the same database (the partner's Idempotency-Key): inside a
   * transaction it commits with it; outside one it is a commit of its own.
   */
  void join(Runnable write) {
    if (inTransaction) {
      joined.add(write);
    } else {
      beforeCommit.run();
      commits++;
      write.run();
    }
  }

  @Override
  public Payment insert(Payment p) {
    return insert(p, () -> {});
  }

  @Override
  public Payment insert(Payment p, Runnable first) {
    inTransaction = true;
    try {
      first.run();
      commit(p, null);
    } finally {
      inTransaction = false;
      joined.clear();
    }
    return p;
  }

  @Override
  public Optional<Payment> find(String id) {
    return Optional.ofNullable(id == null ? null : payments.get(id)).map(SimStore::copy);
  }

  @Override
  public <R> R change(String id, Function<Payment, R> change) {
    return change(id, change, p -> {});
  }

  @Override
  public <R> R change(String id, Function<Payment, R> change, Consumer<Payment> alongside) {
    Payment p = find(id).orElseThrow(() -> new IllegalStateException("no payment " + id));
    inTransaction = true;
    try {
      R result = change.apply(p);
      alongside.accept(p);
      commit(p, null);
      return result;
    } finally {
      inTransaction = false;
      joined.clear();
    }
  }

  @Override
  public <R> Optional<R> changeIfThere(String id, Function<Payment, R> change) {
    if (id == null || !payments.containsKey(id)) {
      return Optional.empty();
    }
    return Optional.ofNullable(change(id, change));
  }

  @Override
  public <R> Optional<R> changeByRequestIfThere(String requestId, Function<Payment, R> change) {
    return payments.values().stream()
        .filter(p -> requestId != null && requestId.equals(p.paymentRequestId()))
        .map(Payment::id)
        .findFirst()
        .map(id -> change(id, change));
  }

  @Override
  public <R> R changeOperation(String operationId, BiFunction<Payment, MoneyOperation, R> change) {
    MoneyOperation op =
        operation(operationId)
            .orElseThrow(() -> new IllegalStateException("no operation " + operationId));
    Payment p = find(op.paymentId()).orElseThrow();
    inTransaction = true;
    try {
      R result = change.apply(p, op);
      commit(p, op);
      return result;
    } finally {
      inTransaction = false;
      joined.clear();
    }
  }

  @Override
  public Optional<MoneyOperation> operation(String id) {
    return Optional.ofNullable(id == null ? null : operations.get(id)).map(SimStore::copy);
  }

  @Override
  public List<MoneyOperation> operations(String paymentId) {
    return operations.values().stream()
        .filter(o -> o.paymentId().equals(paymentId))
        .map(SimStore::copy)
        .toList();
  }

  @Override
  public List<String> operationsDue(Instant now, int max) {
    return operations.values().stream()
        .filter(o -> o.pending() && !now.isBefore(instant(o, "nextTryAt", Instant.MAX)))
        .sorted(Comparator.comparing(o -> instant(o, "nextTryAt", Instant.MAX)))
        .limit(max)
        .map(MoneyOperation::id)
        .toList();
  }

  /** The transaction commits: the row, the operations it began, or nothing (a crash first). */
  private void commit(Payment p, MoneyOperation changedOp) {
    beforeCommit.run();
    commits++;
    joined.forEach(Runnable::run);
    joined.clear();
    p.changes().drainRecorded();
    p.changes().drainNotices();
    String key = partnerKey.get();
    for (MoneyOperation begun : p.changes().drainBegun()) {
      operations.put(begun.id(), copy(begun));
      if (key != null) {
        operationKeys.put(begun.id(), key);
      }
    }
    if (changedOp != null) {
      operations.put(changedOp.id(), copy(changedOp));
    }
    Payment before = payments.get(p.id());
    if (key != null
        && before != null
        && get(before, "cancelRequestedAt") == null
        && get(p, "cancelRequestedAt") != null) {
      cancelKeys.put(p.id(), key);
    }
    payments.put(p.id(), copy(p));
  }

  // -- the read side the use cases and the janitor use ----------------------------------------

  /** {@link PaymentQueries} over the same committed rows. */
  static final class Queries extends PaymentQueries {
    private final SimStore store;
    private final Clock clock;

    Queries(SimStore store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }

    @Override
    Optional<Payment> byIdempotencyKey(String merchantId, String key) {
      return store.payments.values().stream()
          .filter(p -> p.merchantId().equals(merchantId) && key.equals(get(p, "idempotencyKey")))
          .findFirst()
          .map(SimStore::copy);
    }

    @Override
    Optional<String> byTransaction(String transactionId) {
      return store.payments.values().stream()
          .filter(p -> transactionId.equals(p.transactionId()))
          .map(Payment::id)
          .findFirst();
    }

    @Override
    List<String> due(int limit) {
      Instant now = clock.instant();
      return store.payments.values().stream()
          .filter(
              p ->
                  p.status() == PaymentStatus.PENDING
                      && !now.isBefore(instant(p, "nextCheckAt", Instant.MAX)))
          .sorted(Comparator.comparing(p -> instant(p, "nextCheckAt", Instant.MAX)))
          .limit(limit)
          .map(Payment::id)
          .toList();
    }

    @Override
    List<String> lateVoidsDue(int limit) {
      Instant now = clock.instant();
      List<Payment> open = new ArrayList<>();
      for (Payment p : store.payments.values()) {
        Object late = get(p, "late");
        if (late == null) {
          continue;
        }
        Object state = get(late, "state");
        if ((state == LateTransaction.Stage.VOIDING || state == LateTransaction.Stage.ASKING)
            && !now.isBefore(instant(late, "nextAt", Instant.MAX))) {
          open.add(p);
        }
      }
      return open.stream()
          .sorted(Comparator.comparing(p -> instant(get(p, "late"), "nextAt", Instant.MAX)))
          .limit(limit)
          .map(Payment::id)
          .toList();
    }

    @Override
    List<String> authorizationsOverdue(int limit) {
      Instant now = clock.instant();
      return store.payments.values().stream()
          .filter(p -> p.authorizationOverdue(now))
          .limit(limit)
          .map(Payment::id)
          .toList();
    }

    @Override
    List<String> supersedableOnTerminal(String terminalId, String exceptId) {
      return store.payments.values().stream()
          .filter(
              p ->
                  terminalId.equals(get(p, "terminalId"))
                      && p.status() == PaymentStatus.PENDING
                      && !p.id().equals(exceptId)
                      && (p.requestState() == null
                          || p.requestState() == PaymentRequestState.SUBMITTED
                          || p.requestState() == PaymentRequestState.IN_PROGRESS))
          .map(Payment::id)
          .toList();
    }
  }

  // -- reflective access and copies (test code only) -------------------------------------------

  private static final Map<Class<?>, Field[]> FIELDS = new HashMap<>();
  private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new HashMap<>();

  private static Field[] fields(Class<?> type) {
    return FIELDS.computeIfAbsent(
        type,
        t -> {
          List<Field> out = new ArrayList<>();
          for (Field f : t.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
              f.setAccessible(true);
              out.add(f);
            }
          }
          return out.toArray(Field[]::new);
        });
  }

  private static Field field(Class<?> type, String name) {
    for (Field f : fields(type)) {
      if (f.getName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
  }

  /** A private field's value, for the queries and the invariants. */
  static Object get(Object target, String name) {
    try {
      return field(target.getClass(), name).get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant instant(Object target, String name, Instant otherwise) {
    Object value = target == null ? null : get(target, name);
    return value instanceof Instant t ? t : otherwise;
  }

  /** A deep copy of a payment, an operation or one of their embedded parts. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T source) {
    if (source == null) {
      return null;
    }
    try {
      Class<?> type = source.getClass();
      Constructor<?> make =
          CONSTRUCTORS.computeIfAbsent(
              type,
              t -> {
                try {
                  Constructor<?> c = t.getDeclaredConstructor();
                  c.setAccessible(true);
                  return c;
                } catch (NoSuchMethodException e) {
                  throw new IllegalStateException(e);
                }
              });
      Object target = make.newInstance();
      for (Field f : fields(type)) {
        Object value = f.get(source);
        if (value instanceof List<?> list) {
          value = new ArrayList<>(list);
        } else if (value != null
            && value.getClass().getPackage() == SimStore.class.getPackage()
            && !value.getClass().isEnum()
            && !value.getClass().isRecord()) {
          value = copy(value);
        }
        f.set(target, value);
      }
      return (T) target;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + source.getClass(), e);
    }
  }
}
