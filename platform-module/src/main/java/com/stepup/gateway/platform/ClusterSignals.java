package com.stepup.gateway.platform;

import java.util.function.Consumer;

/**
 * Short messages between the gateway instances that share a database: "payment X changed", so an
 * event stream held by one instance hears of a change committed by another at once. On PostgreSQL
 * they travel by {@code LISTEN/NOTIFY}; on a database without it nothing crosses instances and
 * callers keep their own sweep (ADR 0015). A signal is a hint to look again, never the data: one
 * that is lost only means the sweep finds the change later.
 */
public interface ClusterSignals {

  /** Tells the other instances {@code message} on {@code topic} (this instance is not told). */
  void publish(String topic, String message);

  /** Calls {@code listener} with each message another instance publishes on {@code topic}. */
  void subscribe(String topic, Consumer<String> listener);

  /** Whether messages reach other instances here (else a caller keeps sweeping often). */
  boolean crossInstance();
}
