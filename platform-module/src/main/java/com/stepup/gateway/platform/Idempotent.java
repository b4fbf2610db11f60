package com.stepup.gateway.platform;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a partner POST that honours {@code Idempotency-Key}: the same key and body (compared as
 * canonical JSON) replay the first response (same status, same body, {@code Idempotent-Replayed:
 * true}), a different body is 422, a 4xx answer is not kept (the corrected request may use the
 * key), and a key whose first request is still running is 409 {@code idempotency-key-in-use} with
 * {@code Retry-After}. Keys are scoped by {@link #SCOPE}, which the authentication filter sets to
 * the caller (the merchant), and kept at least 24 hours.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Idempotent {

  /** The request property that names whose keys these are. */
  String SCOPE = "com.stepup.gateway.idempotency.scope";

  /** The request header. */
  String HEADER = "Idempotency-Key";

  /** Set on a replayed response. */
  String REPLAYED = "Idempotent-Replayed";

  /**
   * On a method whose {@code 202} is its final answer (the work is queued, such as a redelivery):
   * that answer is kept and replayed like any other, instead of being taken as "not finished".
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface AcceptedIsFinal {}

  /**
   * On a method that writes the key's claim and answer in its own transactions through {@link
   * IdempotencyClaim} (injected, request-scoped): the filter answers replays, 409 and 422 from what
   * is stored, but claims nothing itself for a key it has not seen, and stores afterwards only what
   * the method did not.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface ClaimedByResource {}
}
