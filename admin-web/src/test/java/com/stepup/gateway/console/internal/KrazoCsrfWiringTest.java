package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import org.eclipse.krazo.security.CsrfValidateFilter;
import org.junit.jupiter.api.Test;

class KrazoCsrfWiringTest {

  /** Jersey's injection through a client's manager: the {@code @Context} field is left as is. */
  static final class ThroughAClientsManager implements InjectionTarget<CsrfValidateFilter> {
    @Override
    public void inject(CsrfValidateFilter instance, CreationalContext<CsrfValidateFilter> ctx) {}

    @Override
    public void postConstruct(CsrfValidateFilter instance) {}

    @Override
    public void preDestroy(CsrfValidateFilter instance) {}

    @Override
    public CsrfValidateFilter produce(CreationalContext<CsrfValidateFilter> ctx) {
      return new CsrfValidateFilter();
    }

    @Override
    public void dispose(CsrfValidateFilter instance) {}

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
      return Set.of();
    }
  }

  public void post() {}

  private static ResourceInfo resourceInfoOf(CsrfValidateFilter filter) throws Exception {
    Field field = CsrfValidateFilter.class.getDeclaredField("resourceInfo");
    field.setAccessible(true);
    return (ResourceInfo) field.get(filter);
  }

  @Test
  void aFilterInjectedThroughAClientsManagerStillKnowsTheRequestsMethod() throws Exception {
    var target = new KrazoCsrfWiring.Completing<>(new ThroughAClientsManager());
    CsrfValidateFilter filter = target.produce(null);
    assertThat(resourceInfoOf(filter)).as("the boot race: left null").isNull();
    target.inject(filter, null);
    ResourceInfo info = resourceInfoOf(filter);
    assertThat(info).isNotNull();
    Method post = KrazoCsrfWiringTest.class.getMethod("post");
    KrazoCsrfWiring.matched(post);
    try {
      assertThat(info.getResourceMethod()).isEqualTo(post);
      assertThat(info.getResourceClass()).isEqualTo(KrazoCsrfWiringTest.class);
    } finally {
      KrazoCsrfWiring.matched(null);
    }
    assertThat(info.getResourceMethod()).as("no request on this thread").isNull();
  }

  @Test
  void aFilterJerseyInjectedRightIsLeftAlone() throws Exception {
    CsrfValidateFilter filter = new CsrfValidateFilter();
    Field field = CsrfValidateFilter.class.getDeclaredField("resourceInfo");
    field.setAccessible(true);
    ResourceInfo jerseys =
        new ResourceInfo() {
          @Override
          public Method getResourceMethod() {
            return null;
          }

          @Override
          public Class<?> getResourceClass() {
            return null;
          }
        };
    field.set(filter, jerseys);
    assertThat(KrazoCsrfWiring.complete(filter)).isFalse();
    assertThat(resourceInfoOf(filter)).isSameAs(jerseys);
  }

  @Test
  void theMatchedMethodIsReadFromJerseysUriInfoAndNothingElse() {
    assertThat(KrazoCsrfWiring.MatchedResource.handlingMethod(new Object())).isNull();
    assertThat(KrazoCsrfWiring.MatchedResource.handlingMethod(new FakeUriInfo())).isNull();
  }

  /** A UriInfo with nothing matched (a 404). */
  public static final class FakeUriInfo {
    public Object getMatchedResourceMethod() {
      return null;
    }
  }
}
