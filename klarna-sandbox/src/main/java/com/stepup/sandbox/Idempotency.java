package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code Klarna-Idempotency-Key}: the first result under a key is replayed for 24 hours (sandbox
 * time); a second call while the first is still running gets 409.
 */
@ApplicationScoped
public class Idempotency {

  static final Duration RETENTION = Duration.ofHours(24);

  private final SandboxClock clock;

  private record Outcome(int status, String body, Instant at) {}

  private static final Outcome RUNNING = new Outcome(-1, null, Instant.EPOCH);

  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

  private static final long PURGE_EVERY_NANOS = 60_000_000_000L;
  private final AtomicLong lastPurge = new AtomicLong(System.nanoTime() - PURGE_EVERY_NANOS);

  @Inject
  Idempotency(SandboxClock clock) {
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected Idempotency() {
    this(null);
  }

  /**
   * Forgets the outcomes older than {@link #RETENTION}, at most once a minute; called by the
   * sandbox's sweeper five times a second.
   */
  public void purge() {
    long now = System.nanoTime();
    long last = lastPurge.get();
    if (now - last < PURGE_EVERY_NANOS || !lastPurge.compareAndSet(last, now)) {
      return; // an expired outcome is dropped on its next use anyway; this is only memory's sake
    }
    Instant before = clock.instant().minus(RETENTION);
    outcomes.values().removeIf(o -> o != RUNNING && o.at.isBefore(before));
  }

  /** Runs {@code operation} once per key; without a key it simply runs. */
  public Response once(String scope, String key, Supplier<Response> operation) {
    if (key == null || key.isBlank()) {
      return operation.get();
    }
    String k = scope + "|" + key;
    Instant now = clock.instant();
    outcomes.computeIfPresent(
        k, (x, o) -> o != RUNNING && o.at.plus(RETENTION).isBefore(now) ? null : o);
    Outcome previous = outcomes.putIfAbsent(k, RUNNING);
    if (previous == RUNNING) {
      throw KlarnaError.conflict("Idempotent operation with this key is still in progress.");
    }
    if (previous != null) {
      return Response.status(previous.status)
          .type("application/json")
          .entity(previous.body)
          .header("Klarna-Idempotent-Replay", "true")
          .build();
    }
    try {
      Response response = operation.get();
      String body = response.getEntity() == null ? "" : response.getEntity().toString();
      outcomes.put(k, new Outcome(response.getStatus(), body, clock.instant()));
      return response;
    } catch (KlarnaError e) {
      if (e.status() < 500) {
        outcomes.put(k, new Outcome(e.status(), e.body().toString(), clock.instant()));
      } else {
        outcomes.remove(k);
      }
      throw e;
    } catch (RuntimeException e) {
      outcomes.remove(k);
      throw e;
    }
  }
}
