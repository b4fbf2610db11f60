package com.stepup.gateway.console.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.krazo.lifecycle.RequestLifecycle;

/**
 * Krazo's request lifecycle, begun only where a controller can answer. Krazo begins it from a
 * pre-matching filter on every request of the application: it resolves the request's locale through
 * a chain of request-scoped beans, which was 14 % of the server's time for a partner API read (ADR
 * 0015). The partner API and Klarna's webhooks have no MVC controller, so there it is skipped;
 * every other path (the console, the shopper's pages, the display) keeps it. Krazo's bean cannot be
 * specialized from the application (its own beans would not see the replacement), so this extension
 * binds an interceptor to its {@code beforeAll}.
 */
public class ConsoleOnlyMvc implements Extension {

  void bind(@Observes ProcessAnnotatedType<RequestLifecycle> type) {
    type.configureAnnotatedType()
        .filterMethods(m -> m.getJavaMember().getName().equals("beforeAll"))
        .forEach(m -> m.add(new OnlyWhereControllersAre.Literal()));
  }

  /** The paths no controller answers: the partner API and the webhooks. */
  static boolean noController(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("api/") || p.startsWith("webhooks/");
  }

  /** Binds {@link Skip}. */
  @InterceptorBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE})
  public @interface OnlyWhereControllersAre {
    /** The binding as a value. */
    final class Literal extends AnnotationLiteral<OnlyWhereControllersAre>
        implements OnlyWhereControllersAre {}
  }

  /** Returns at once from {@code beforeAll} on a path no controller answers. */
  @OnlyWhereControllersAre
  @Interceptor
  @Priority(Interceptor.Priority.LIBRARY_BEFORE)
  public static class Skip {
    @AroundInvoke
    public Object around(InvocationContext call) throws Exception {
      if (call.getParameters().length == 1
          && call.getParameters()[0] instanceof ContainerRequestContext request
          && noController(request.getUriInfo().getPath())) {
        return null;
      }
      return call.proceed();
    }
  }
}
