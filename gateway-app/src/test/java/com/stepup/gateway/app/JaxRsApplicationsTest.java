package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.mvc.engine.ViewEngine;
import jakarta.mvc.security.Csrf;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;
import org.eclipse.krazo.bootstrap.CoreFeature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both JAX-RS applications list their classes (issue 31), so a new resource or provider must be
 * listed by hand: these checks make one that is missing, or in the wrong application, or in both,
 * fail the build instead of answering 404 (or running the console's machinery for the API).
 */
class JaxRsApplicationsTest {

  static List<Class<?>> resources;
  static List<Class<?>> providers;
  static final Set<Class<?>> API = new ApiApplication().getClasses();
  static final Set<Class<?>> CONSOLE = new GatewayApplication().getClasses();

  @BeforeAll
  static void importTheGateway() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ModuleBoundariesTest.BASE);
    resources =
        classes.stream()
            .filter(c -> !c.isInterface()) // Klarna's REST client interface is no resource
            .filter(c -> c.isAnnotatedWith(Path.class))
            .filter(c -> !c.getPackageName().startsWith(ModuleBoundariesTest.BASE + ".bench"))
            .map(JavaClass::reflect)
            .<Class<?>>map(c -> c)
            .toList();
    providers =
        classes.stream()
            .filter(c -> c.isAnnotatedWith(Provider.class))
            .filter(c -> !c.getPackageName().startsWith(ModuleBoundariesTest.BASE + ".bench"))
            .map(JavaClass::reflect)
            .<Class<?>>map(c -> c)
            .toList();
  }

  static boolean apiPath(Class<?> resource) {
    String path = resource.getAnnotation(Path.class).value().replaceFirst("^/", "");
    return path.startsWith("api/") || path.startsWith("webhooks/");
  }

  @Test
  void everyResourceUnderApiOrWebhooksIsTheApisAloneAndEveryOtherTheConsoles() {
    assertThat(resources).hasSizeGreaterThan(40);
    for (Class<?> r : resources) {
      if (apiPath(r)) {
        assertThat(API).as("%s answers under /api or /webhooks", r.getName()).contains(r);
        assertThat(CONSOLE).as("%s is the API's", r.getName()).doesNotContain(r);
      } else {
        assertThat(CONSOLE).as("%s answers outside /api and /webhooks", r.getName()).contains(r);
        assertThat(API).as("%s is the console's", r.getName()).doesNotContain(r);
      }
    }
  }

  @Test
  void everyProviderIsRegisteredAndTheApisOnesStayOutOfTheConsole() {
    for (Class<?> p : providers) {
      assertThat(API.contains(p) || CONSOLE.contains(p))
          .as("%s is in an application", p.getName())
          .isTrue();
    }
    // what answers every request of both: the problem's request id, the last-resort mapper
    assertThat(API)
        .contains(UnexpectedErrors.class, ProblemRequestIds.class)
        .doesNotContain(CoreFeature.class);
    assertThat(CONSOLE)
        .contains(UnexpectedErrors.class, ProblemRequestIds.class, CoreFeature.class);
    for (String apiOnly :
        List.of(
            "com.stepup.gateway.stores.PartnerAuthentication",
            "com.stepup.gateway.platform.internal.IdempotencyFilter",
            "com.stepup.gateway.platform.internal.JsonOnlyFilter",
            "com.stepup.gateway.console.internal.AdminApiAudit")) {
      assertThat(API.stream().map(Class::getName)).as(apiOnly).contains(apiOnly);
      assertThat(CONSOLE.stream().map(Class::getName)).as(apiOnly).doesNotContain(apiOnly);
    }
  }

  @Test
  void theApplicationsRegisterOnlyResourcesProvidersAndKrazosFeature() {
    for (Class<?> c : API) {
      assertThat(resources.contains(c) || providers.contains(c)).as(c.getName()).isTrue();
    }
    for (Class<?> c : CONSOLE) {
      assertThat(resources.contains(c) || providers.contains(c) || c == CoreFeature.class)
          .as(c.getName())
          .isTrue();
    }
  }

  @Test
  void bothKeepTheWadlOffAndLocationsRelative() {
    for (var properties :
        List.of(new ApiApplication().getProperties(), new GatewayApplication().getProperties())) {
      assertThat(properties)
          .containsEntry("jersey.config.server.wadl.disableWadl", true)
          .containsEntry(
              "jersey.config.server.headers.location.relative.resolution.disabled", true);
    }
    assertThat(new GatewayApplication().getProperties())
        .containsEntry(Csrf.CSRF_PROTECTION, Csrf.CsrfOptions.IMPLICIT)
        .containsEntry(ViewEngine.VIEW_FOLDER, "templates/");
  }
}
