package com.stepup.gateway.platform.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every {@code Location} the gateway answers is on its configured {@code gateway.public-base-url},
 * never on whatever {@code Host} the request claimed (JAX-RS makes relative locations absolute
 * against the request), so a forged {@code Host} cannot send a partner or a person elsewhere.
 */
@Provider
public class PublicLocations implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    if (location == null) {
      return;
    }
    String base =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.public-base-url", String.class)
            .orElse(null);
    URI own = request.getUriInfo().getBaseUri();
    String rewritten = onPublicBase(location.toString(), own, base);
    if (!rewritten.equals(location.toString())) {
      response.getHeaders().putSingle(HttpHeaders.LOCATION, rewritten);
    }
  }

  /**
   * {@code location} moved onto {@code publicBase} when it points at the request's own host;
   * locations elsewhere (Klarna's journey, a partner's return URL) are left as they are.
   */
  static String onPublicBase(String location, URI requestBase, String publicBase) {
    if (publicBase == null || publicBase.isBlank()) {
      return location;
    }
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
    String base =
        publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
    return base
        + (target.getRawPath() == null ? "" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
        + (target.getRawFragment() == null ? "" : "#" + target.getRawFragment());
  }
}
