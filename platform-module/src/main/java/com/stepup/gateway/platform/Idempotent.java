package com.stepup.gateway.platform;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a partner POST that honours {@code Idempotency-Key}: the same key and body replay the first
 * response (same status, same body), a different body is 422, and a key whose first request is
 * still running is 409. Keys are scoped by {@link #SCOPE}, which the authentication filter sets to
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
}
