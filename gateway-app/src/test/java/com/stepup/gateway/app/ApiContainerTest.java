package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
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
                  default -> null;
                });
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
