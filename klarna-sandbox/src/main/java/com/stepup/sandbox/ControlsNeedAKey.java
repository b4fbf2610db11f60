package com.stepup.sandbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * The test controls under {@code /sandbox/} take the same API key as everything else under the
 * sandbox's base URL (issue 28: {@code complete} with no key answered 200, so anyone who could
 * reach the sandbox could approve a payment). Only {@code /sandbox/health} stays open, for probes.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class ControlsNeedAKey implements ContainerRequestFilter {

  private final ApiKeys keys;

  @Inject
  ControlsNeedAKey(ApiKeys keys) {
    this.keys = keys;
  }

  /** For CDI's client proxy only. */
  protected ControlsNeedAKey() {
    this(null);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (needsKey(request.getUriInfo().getPath())) {
      try {
        keys.check(request.getHeaderString("Authorization"), null);
      } catch (KlarnaError e) {
        request.abortWith(e.toResponse());
      }
    }
  }

  static boolean needsKey(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return (p.equals("sandbox") || p.startsWith("sandbox/"))
        && !p.equals("sandbox/health")
        && !p.equals("sandbox/health/");
  }
}
