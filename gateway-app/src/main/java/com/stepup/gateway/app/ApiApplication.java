package com.stepup.gateway.app;

import com.stepup.gateway.console.ConsoleHttp;
import com.stepup.gateway.disputes.DisputesHttp;
import com.stepup.gateway.payments.PaymentsHttp;
import com.stepup.gateway.platform.PlatformHttp;
import com.stepup.gateway.settlements.SettlementsHttp;
import com.stepup.gateway.stores.StoresHttp;
import com.stepup.gateway.webhooks.WebhooksHttp;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The partner API, the admin API ({@code /api/…}) and Klarna's webhooks ({@code /webhooks/…}): a
 * JAX-RS application of their own, so the console's Jakarta MVC (Krazo's request lifecycle, its
 * CSRF filter, its look-ups) never runs for them (issue 31).
 *
 * <p>It lists its classes; nothing is found by scanning, so a console provider cannot slip in
 * ({@code JaxRsApplicationsTest} checks that every resource and provider is in its application).
 * {@code web.xml} runs it as Jersey's servlet <em>filter</em> ({@link ApiContainer}) on {@code
 * /api/*} and {@code /webhooks/*}: as a filter its base is the context root, as the single
 * application's was, so every {@code @Path}, every {@code UriInfo.getPath()} a filter reads and
 * every {@code Location} stays as it was. {@link ApiContainer} also keeps Krazo from starting
 * itself here, which it would do in any application of a web module with controllers.
 */
public class ApiApplication extends Application {

  static final Set<Class<?>> CLASSES =
      union(
          Set.of(UnexpectedErrors.class, ProblemRequestIds.class),
          PlatformHttp.API,
          StoresHttp.API,
          PaymentsHttp.API,
          DisputesHttp.API,
          SettlementsHttp.API,
          WebhooksHttp.API,
          ConsoleHttp.API);

  @Override
  public Set<Class<?>> getClasses() {
    return CLASSES;
  }

  @Override
  public Map<String, Object> getProperties() {
    return GatewayApplication.JERSEY;
  }

  @SafeVarargs
  static Set<Class<?>> union(Set<Class<?>>... sets) {
    Set<Class<?>> all = new HashSet<>();
    for (Set<Class<?>> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }
}
