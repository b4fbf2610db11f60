package com.stepup.gateway.app;

import com.stepup.gateway.console.ConsoleHttp;
import com.stepup.gateway.payments.PaymentsHttp;
import com.stepup.gateway.platform.PlatformHttp;
import jakarta.mvc.engine.ViewEngine;
import jakarta.mvc.security.Csrf;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The console, the shopper-facing pages, the till's display and the API's documentation: every path
 * but {@code /api/…} and {@code /webhooks/…}, which {@link ApiApplication} answers first. It lists
 * its classes, as the API's does: scanning would register the API's resources here too.
 */
@ApplicationPath("/")
public class GatewayApplication extends Application {

  /** The properties both applications share. */
  static final Map<String, Object> JERSEY =
      Map.of(
          // the WADL would describe every resource to anyone who asks; the API's contract is its
          // documentation, not a generated map
          "jersey.config.server.wadl.disableWadl",
          true,
          // a Location on the gateway stays relative as written (/api/v1/payments/pay_…): made
          // absolute, it would carry whatever Host the request claimed
          "jersey.config.server.headers.location.relative.resolution.disabled",
          true);

  static final Set<Class<?>> CLASSES =
      ApiApplication.union(
          Set.of(UnexpectedErrors.class, ProblemRequestIds.class, ApiDocs.class),
          Set.of(OpenApiDocument.class),
          PlatformHttp.CONSOLE,
          PaymentsHttp.CONSOLE,
          ConsoleHttp.CONSOLE);

  @Override
  public Set<Class<?>> getClasses() {
    return CLASSES;
  }

  @Override
  public Map<String, Object> getProperties() {
    Map<String, Object> properties = new HashMap<>(JERSEY);
    // Every console POST must carry the session's CSRF token, not only the annotated ones.
    properties.put(Csrf.CSRF_PROTECTION, Csrf.CsrfOptions.IMPLICIT);
    // the console's templates live in its own jar, under this classpath folder
    properties.put(ViewEngine.VIEW_FOLDER, "templates/");
    return properties;
  }
}
