package com.stepup.gateway.payments.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many event streams may be open at once: per API key, per payment and in all. Each open stream
 * holds a connection and some heap until its client is found gone, so without caps one partner key
 * could exhaust the server (issue 30). A stream takes a {@link Place}; closing it gives the place
 * back, once, however often it is closed.
 */
final class StreamCaps {

  /** The caps ({@code payments.stream.max-per-key}, {@code -per-payment}, {@code -total}). */
  record Limits(int perKey, int perPayment, int total) {}

  /** An open stream's claim on the caps. */
  final class Place {
    private final String key;
    private final String payment;
    private boolean released;

    private Place(String key, String payment) {
      this.key = key;
      this.payment = payment;
    }

    void release() {
      synchronized (StreamCaps.this) {
        if (released) {
          return;
        }
        released = true;
        total--;
        byKey.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
        byPayment.computeIfPresent(payment, (k, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  private final Limits limits;
  private final Map<String, Integer> byKey = new HashMap<>();
  private final Map<String, Integer> byPayment = new HashMap<>();
  private int total;

  StreamCaps(Limits limits) {
    this.limits = limits;
  }

  /**
   * A place for a new stream of {@code payment} opened with {@code key}, or empty when a cap is
   * reached (then {@link #refusal} says which).
   */
  synchronized Optional<Place> take(String key, String payment) {
    if (refusal(key, payment).isPresent()) {
      return Optional.empty();
    }
    total++;
    byKey.merge(key, 1, Integer::sum);
    byPayment.merge(payment, 1, Integer::sum);
    return Optional.of(new Place(key, payment));
  }

  /** Which cap a new stream would pass, in words for the partner, or empty when none. */
  synchronized Optional<String> refusal(String key, String payment) {
    if (byPayment.getOrDefault(payment, 0) >= limits.perPayment()) {
      return Optional.of(
          "At most " + limits.perPayment() + " event streams may be open for one payment.");
    }
    if (byKey.getOrDefault(key, 0) >= limits.perKey()) {
      return Optional.of(
          "At most " + limits.perKey() + " event streams may be open for one API key.");
    }
    if (total >= limits.total()) {
      return Optional.of("The gateway holds as many event streams as it takes; try again soon.");
    }
    return Optional.empty();
  }

  synchronized int open() {
    return total;
  }
}
