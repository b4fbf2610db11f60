package com.stepup.gateway.platform.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS reads a relative {@code Location} ({@code console/stores/sto_1}) against the application's
 * base URI; Jersey would make it absolute with whatever {@code Host} the request claimed, which the
 * application switches off. This keeps the meaning without the host: a location relative to the
 * base becomes a path from the root ({@code /console/stores/sto_1}).
 */
@Provider
public class BaseRelativeLocations implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    if (location != null) {
      String path = onBasePath(location.toString(), request.getUriInfo().getBaseUri().getRawPath());
      response.getHeaders().putSingle(HttpHeaders.LOCATION, path);
    }
  }

  static String onBasePath(String location, String basePath) {
    if (location.startsWith("/") || location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return location; // a path from the root, or an absolute URL (Klarna, a partner)
    }
    String base = basePath == null || basePath.isEmpty() ? "/" : basePath;
    return (base.endsWith("/") ? base : base + "/") + location;
  }
}
