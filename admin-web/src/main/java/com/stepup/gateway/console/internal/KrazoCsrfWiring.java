package com.stepup.gateway.console.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.krazo.security.CsrfValidateFilter;

/**
 * Krazo's CSRF filter always knows the request's resource method, whichever way it was wired (issue
 * 30: now and then a boot left every console POST answering 500, {@code resourceInfo} null in
 * {@code CsrfValidateFilter.filter}).
 *
 * <p>The root cause is in Jersey's CDI integration (jersey-cdi1x), not in the WAR's code. The
 * filter is a CDI bean ({@code @Dependent}) with a JAX-RS {@code @Context ResourceInfo} field; CDI
 * creates it and Jersey's wrapper of its injection target fills the {@code @Context} field through
 * a Jersey injection manager. Which one: the request's (a thread-local) inside a request, and
 * outside one, as when the server application creates its filters at start, the one registered
 * <em>last</em> with the CDI extension. Every Jersey <em>client</em> registers its own there too
 * ({@code ClientComponentConfigurator} initializes every {@code ComponentProvider}, the CDI one
 * included), and a client's manager has no {@code ResourceInfo}. So when a client's runtime starts
 * (a background job's first Klarna call, the Klarna TLS check, the sandbox) between the server
 * application registering its manager and creating its filters, the filter is injected through the
 * client's manager, its {@code resourceInfo} stays null, and every POST fails for the life of the
 * process: an order that depends on thread timing at boot, hence one boot in a few.
 *
 * <p>Nothing in the WAR can order Jersey's start against the jobs' first client, and Krazo's bean
 * cannot be replaced, so the filter's injection is completed here: after Jersey's (this observer
 * runs after Jersey's, whose wrapper it wraps), a {@code resourceInfo} left null gets {@link
 * #MATCHED}, which answers from what {@link MatchedResource} (a filter just before Krazo's) read
 * from the request being filtered on this thread.
 */
public class KrazoCsrfWiring implements Extension {

  private static final Logger LOG = Logger.getLogger(KrazoCsrfWiring.class.getName());

  void wrap(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500)
          ProcessInjectionTarget<CsrfValidateFilter> event) {
    event.setInjectionTarget(new Completing<>(event.getInjectionTarget()));
  }

  /** Krazo's filter's injection target, with {@link #complete} after the wrapped one injected. */
  static final class Completing<T> implements InjectionTarget<T> {
    private final InjectionTarget<T> delegate;

    Completing(InjectionTarget<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public void inject(T instance, CreationalContext<T> context) {
      delegate.inject(instance, context);
      complete(instance);
    }

    @Override
    public void postConstruct(T instance) {
      delegate.postConstruct(instance);
    }

    @Override
    public void preDestroy(T instance) {
      delegate.preDestroy(instance);
    }

    @Override
    public T produce(CreationalContext<T> context) {
      return delegate.produce(context);
    }

    @Override
    public void dispose(T instance) {
      delegate.dispose(instance);
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
      return delegate.getInjectionPoints();
    }
  }

  /**
   * Gives the filter {@link #MATCHED} when its {@code resourceInfo} was left null; true when it
   * did.
   */
  static boolean complete(Object filter) {
    try {
      Field field = CsrfValidateFilter.class.getDeclaredField("resourceInfo");
      field.setAccessible(true);
      if (field.get(filter) != null) {
        return false;
      }
      field.set(filter, MATCHED);
      LOG.info(
          "Krazo's CSRF filter was injected through a Jersey client's injection manager (no"
              + " ResourceInfo); it reads the request's resource method from this WAR instead");
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a Krazo without the field: nothing to complete; ConsoleReadiness still watches the filter
      LOG.warning("Krazo's CSRF filter could not be checked: " + e);
      return false;
    }
  }

  /** The resource class and method of the request being filtered on this thread. */
  private static final ThreadLocal<Method> CURRENT = new ThreadLocal<>();

  /** The request's resource method, as {@link MatchedResource} read it. */
  static final ResourceInfo MATCHED =
      new ResourceInfo() {
        @Override
        public Method getResourceMethod() {
          return CURRENT.get();
        }

        @Override
        public Class<?> getResourceClass() {
          Method m = CURRENT.get();
          return m == null ? null : m.getDeclaringClass();
        }
      };

  /** What {@link #MATCHED} answers on this thread (null: none). */
  static void matched(Method method) {
    if (method == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(method);
    }
  }

  /**
   * Reads the matched resource method of each request, just before Krazo's CSRF filter ({@code
   * HEADER_DECORATOR}) runs, for {@link #MATCHED}; forgets it when the answer goes. It takes the
   * method from the request context itself (Jersey's extended {@code UriInfo}), needing no
   * {@code @Context} field of its own.
   */
  @Provider
  @Priority(Priorities.HEADER_DECORATOR - 10)
  public static class MatchedResource implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
      matched(handlingMethod(request.getUriInfo()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      CURRENT.remove();
    }

    /** Jersey's {@code ExtendedUriInfo.getMatchedResourceMethod().getInvocable()...}; or null. */
    static Method handlingMethod(Object uriInfo) {
      try {
        Object resourceMethod =
            uriInfo.getClass().getMethod("getMatchedResourceMethod").invoke(uriInfo);
        if (resourceMethod == null) {
          return null;
        }
        Object invocable =
            resourceMethod.getClass().getMethod("getInvocable").invoke(resourceMethod);
        return (Method) invocable.getClass().getMethod("getHandlingMethod").invoke(invocable);
      } catch (ReflectiveOperationException | RuntimeException notJersey) {
        return null;
      }
    }
  }
}
