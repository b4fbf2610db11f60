package com.stepup.gateway.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.krazo.servlet.KrazoContainerInitializer;

/**
 * Jersey's servlet filter for {@link ApiApplication}, shown the web module without its Jakarta MVC
 * controllers. Krazo starts itself in every JAX-RS application of a web module that has controllers
 * (a Jersey {@code ForcedAutoDiscoverable}, {@code KrazoJerseyFeature}, which an application's
 * class list cannot leave out): it asks the servlet context for the controllers Krazo's initializer
 * found. Asked through this filter's context, there are none, so the API's application runs without
 * Krazo's filters (request lifecycle, CSRF, views); the console's application, a servlet of its
 * own, still sees them.
 */
public class ApiContainer implements Filter {

  static final String JERSEY = "org.glassfish.jersey.servlet.ServletContainer";

  private Filter jersey;

  @Override
  public void init(FilterConfig config) throws ServletException {
    try {
      jersey =
          (Filter)
              Class.forName(JERSEY, true, ApiContainer.class.getClassLoader())
                  .getConstructor()
                  .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ServletException("Jersey's servlet container is not there", e);
    }
    jersey.init(withoutControllers(config));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    jersey.doFilter(request, response, chain);
  }

  @Override
  public void destroy() {
    if (jersey != null) {
      jersey.destroy();
    }
  }

  static FilterConfig withoutControllers(FilterConfig config) {
    ServletContext context = withoutControllers(config.getServletContext());
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return config.getFilterName();
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public String getInitParameter(String name) {
        return config.getInitParameter(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return config.getInitParameterNames();
      }
    };
  }

  /**
   * The filter's registration without its URL patterns: Jersey takes a filter's pattern ({@code
   * /api/*}) as the application's base, and the API's base is the context root.
   */
  static FilterRegistration atTheRoot(FilterRegistration registration) {
    if (registration == null) {
      return null;
    }
    return (FilterRegistration)
        Proxy.newProxyInstance(
            ApiContainer.class.getClassLoader(),
            new Class<?>[] {FilterRegistration.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getUrlPatternMappings")) {
                return List.of();
              }
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "FilterRegistration at the root of " + registration;
                };
              }
              try {
                return method.invoke(registration, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * The context as it is, but for the attribute that lists the MVC controllers, and the filter's
   * URL patterns ({@link #atTheRoot}).
   */
  static ServletContext withoutControllers(ServletContext context) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ApiContainer.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getAttribute")
                  && args != null
                  && args.length == 1
                  && KrazoContainerInitializer.CONTROLLER_CLASSES.equals(args[0])) {
                return null;
              }
              if (method.getName().equals("getFilterRegistration")
                  && args != null
                  && args.length == 1) {
                return atTheRoot((FilterRegistration) method.invoke(context, args));
              }
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "ServletContext without MVC controllers of " + context;
                };
              }
              try {
                return method.invoke(context, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
