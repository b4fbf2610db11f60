package com.stepup.gateway.app;

import jakarta.mvc.engine.ViewEngine;
import jakarta.mvc.security.Csrf;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** One JAX-RS application for the partner API, the console and the shopper-facing pages. */
@ApplicationPath("/")
public class GatewayApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    // Every console POST must carry the session's CSRF token, not only the annotated ones.
    return Map.of(
        Csrf.CSRF_PROTECTION,
        Csrf.CsrfOptions.IMPLICIT,
        // the console's templates live in its own jar, under this classpath folder
        ViewEngine.VIEW_FOLDER,
        "templates/",
        // the WADL would describe every resource to anyone who asks; the API's contract is its
        // documentation, not a generated map
        "jersey.config.server.wadl.disableWadl",
        true,
        // a Location on the gateway stays relative as written (/api/v1/payments/pay_…): made
        // absolute, it would carry whatever Host the request claimed
        "jersey.config.server.headers.location.relative.resolution.disabled",
        true);
  }
}
