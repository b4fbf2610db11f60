package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.krazo.servlet.KrazoContainerInitializer;
import org.junit.jupiter.api.Test;

class ApiContainerTest {

  /** A web module's context holding Krazo's controllers and one other attribute. */
  static ServletContext webModule() {
    Map<String, Object> attributes =
        Map.of(KrazoContainerInitializer.CONTROLLER_CLASSES, Set.of(Object.class), "other", "kept");
    return (ServletContext)
        Proxy.newProxyInstance(
            ApiContainerTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get(args[0]);
                  case "getContextPath" -> "";
                  case "getFilterRegistration" -> apiFilter();
                  default -> null;
                });
  }

  static FilterRegistration apiFilter() {
    return (FilterRegistration)
        Proxy.newProxyInstance(
            ApiContainerTest.class.getClassLoader(),
            new Class<?>[] {FilterRegistration.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getUrlPatternMappings" -> List.of("/api/*", "/webhooks/*");
                  case "getName" -> "api";
                  default -> null;
                });
  }

  @Test
  void jerseySeesNoUrlPatternSoTheApisBaseIsTheContextRoot() {
    var registration = ApiContainer.withoutControllers(webModule()).getFilterRegistration("api");
    assertThat(registration.getUrlPatternMappings()).isEmpty();
    assertThat(registration.getName()).isEqualTo("api");
  }

  @Test
  void theApisContextHidesTheMvcControllersAndNothingElse() {
    ServletContext context = ApiContainer.withoutControllers(webModule());
    assertThat(context.getAttribute(KrazoContainerInitializer.CONTROLLER_CLASSES)).isNull();
    assertThat(context.getAttribute("other")).isEqualTo("kept");
    assertThat(context.getContextPath()).isEmpty();
    assertThat(context).isEqualTo(context).hasSameHashCodeAs(context);
  }
}
