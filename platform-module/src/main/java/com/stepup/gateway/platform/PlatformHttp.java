package com.stepup.gateway.platform;

import com.stepup.gateway.platform.internal.BaseRelativeLocations;
import com.stepup.gateway.platform.internal.IdempotencyFilter;
import com.stepup.gateway.platform.internal.JsonOnlyFilter;
import java.util.Set;

/**
 * The platform's JAX-RS providers, by the application that registers them (the applications list
 * their classes: none is found by scanning).
 */
public final class PlatformHttp {

  /** The partner API's: JSON bodies only, {@code Idempotency-Key}, root-relative locations. */
  public static final Set<Class<?>> API =
      Set.of(JsonOnlyFilter.class, IdempotencyFilter.class, BaseRelativeLocations.class);

  /** The console's: a controller's relative {@code Location} made root-relative. */
  public static final Set<Class<?>> CONSOLE = Set.of(BaseRelativeLocations.class);

  private PlatformHttp() {}
}
