package com.stepup.gateway.platform.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * A {@code Location} on the gateway itself is answered relative ({@code /api/v1/payments/pay_…}),
 * never on whatever {@code Host} the request claimed: JAX-RS makes relative locations absolute
 * against the request, so a forged {@code Host} would otherwise send a partner or a person
 * elsewhere. Relative, it also works whichever name the gateway was reached by. Locations elsewhere
 * (Klarna's journey, a partner's return URL) are left as they are.
 */
@Provider
public class PublicLocations implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    if (location == null) {
      return;
    }
    String rewritten = relativeIfOwn(location.toString(), request.getUriInfo().getBaseUri());
    if (!rewritten.equals(location.toString())) {
      response.getHeaders().putSingle(HttpHeaders.LOCATION, rewritten);
    }
  }

  /** {@code location} as a path when it points at the request's own host; else as it is. */
  static String relativeIfOwn(String location, URI requestBase) {
    URI target;
    try {
      target = URI.create(location);
    } catch (IllegalArgumentException e) {
      return location;
    }
    if (!target.isAbsolute()
        || requestBase == null
        || target.getRawAuthority() == null
        || !target.getRawAuthority().equalsIgnoreCase(requestBase.getRawAuthority())) {
      return location;
    }
    return (target.getRawPath() == null || target.getRawPath().isEmpty()
            ? "/"
            : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
        + (target.getRawFragment() == null ? "" : "#" + target.getRawFragment());
  }
}
