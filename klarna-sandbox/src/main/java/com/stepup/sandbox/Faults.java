package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Faults that tests switch on; each hits the next {@code times} calls of its operation. */
@ApplicationScoped
public class Faults {

  static final Set<String> OPERATIONS =
      Set.of(
          "authorize",
          "final_authorize",
          "read",
          "cancel",
          "stores",
          "capture",
          "refund",
          "void",
          "webhook",
          "settlements",
          "dispute");
  static final Set<String> KINDS =
      Set.of(
          "HTTP_500_AFTER_COMMIT",
          "HTTP_500",
          "TIMEOUT",
          "RATE_LIMIT",
          "DUPLICATE",
          "REORDER",
          "DELAY",
          "BAD_SIGNATURE",
          "FAIL_DELIVERY");

  /** One switched-on fault. */
  public static final class Fault {
    final String operation;
    final String kind;
    int remaining;
    final long delayMs;

    Fault(String operation, String kind, int times, long delayMs) {
      this.operation = operation;
      this.kind = kind;
      this.remaining = times;
      this.delayMs = delayMs;
    }

    public String kind() {
      return kind;
    }

    public long delayMs() {
      return delayMs;
    }
  }

  private final List<Fault> faults = new ArrayList<>();

  public synchronized void add(String operation, String kind, int times, long delayMs) {
    if (!OPERATIONS.contains(operation)) {
      throw KlarnaError.validation("operation", "must be one of " + OPERATIONS);
    }
    if (!KINDS.contains(kind)) {
      throw KlarnaError.validation("fault", "must be one of " + KINDS);
    }
    if (times < 1 || delayMs < 0) {
      throw KlarnaError.validation("times", "times must be at least 1 and delay_ms not negative");
    }
    faults.add(new Fault(operation, kind, times, delayMs));
  }

  /** The fault that hits this call of {@code operation}, if any; it is used up by one. */
  public synchronized Optional<Fault> take(String operation) {
    for (var it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.operation.equals(operation)) {
        if (--f.remaining <= 0) {
          it.remove();
        }
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public synchronized void clear() {
    faults.clear();
  }

  public synchronized JsonArray toJson() {
    var list = Json.createArrayBuilder();
    for (Fault f : faults) {
      list.add(
          Json.createObjectBuilder()
              .add("operation", f.operation)
              .add("fault", f.kind)
              .add("times", f.remaining)
              .add("delay_ms", f.delayMs));
    }
    return list.build();
  }
}
