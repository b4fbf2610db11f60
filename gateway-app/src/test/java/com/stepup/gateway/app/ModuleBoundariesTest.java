package com.stepup.gateway.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Json;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import jakarta.ejb.Singleton;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.persistence.Entity;
import jakarta.servlet.Filter;
import jakarta.servlet.annotation.WebListener;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module's base package is its API; {@code internal} is its own business. These rules fail the
 * build when one module reaches into another's internals, or when the business modules take up the
 * console's view technology.
 */
class ModuleBoundariesTest {

  static final String BASE = "com.stepup.gateway";
  static final List<String> MODULES =
      List.of(
          "platform",
          "klarna",
          "stores",
          "payments",
          "disputes",
          "webhooks",
          "settlements",
          "console",
          "app");

  static JavaClasses classes;

  @BeforeAll
  static void importTheGateway() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
  }

  /** A setting without {@code @Inject} is silently its field's default (issue 33: the janitor). */
  @Test
  void everySettingIsInjected() {
    ArchRuleDefinition.fields()
        .that()
        .areAnnotatedWith("org.eclipse.microprofile.config.inject.ConfigProperty")
        .should()
        .beAnnotatedWith("jakarta.inject.Inject")
        .because("MicroProfile Config fills a @ConfigProperty field only when it is injected")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    for (String module : MODULES) {
      noClasses()
          .that()
          .resideOutsideOfPackage(BASE + "." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BASE + "." + module + ".internal..")
          .because("only " + module + "'s API package is for other modules")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void jsonIsMadeThroughTheProviderLookedUpOnce() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Json.class.getName())
        .and()
        .resideOutsideOfPackage(BASE + ".bench..") // the load driver runs outside the server
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.json.Json")
        .because(
            "jakarta.json.Json looks its provider up on every call (ADR 0015): use"
                + " com.stepup.gateway.platform.Json")
        .check(classes);
  }

  @Test
  void businessModulesDoNotRenderPages() {
    noClasses()
        .that()
        .resideInAnyPackage(
            BASE + ".stores..",
            BASE + ".payments..",
            BASE + ".disputes..",
            BASE + ".webhooks..",
            BASE + ".settlements..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.thymeleaf..", "jakarta.mvc..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void theKlarnaSandboxIsNotPartOfTheGateway() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.stepup.sandbox..")
        .because("the gateway must not know it talks to the sandbox")
        .check(classes);
  }

  /**
   * A module's HTTP edge: its resources and controllers, filters, exception mappers and the payment
   * event stream, with the classes nested in them (a resource's {@code @BeanParam} record).
   */
  static final DescribedPredicate<JavaClass> HTTP_EDGE =
      DescribedPredicate.describe(
          "a module's HTTP edge",
          c -> {
            for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
              if (k.isAnnotatedWith(Path.class)
                  || k.isAnnotatedWith(Provider.class)
                  || k.isAnnotatedWith(NameBinding.class)
                  || k.isAssignableTo(ContainerRequestFilter.class)
                  || k.isAssignableTo(ContainerResponseFilter.class)
                  || k.isAssignableTo(ExceptionMapper.class)
                  || k.isAssignableTo(Filter.class)
                  || k.getName().endsWith(".PaymentEventStream")) {
                return true;
              }
            }
            return false;
          });

  /** The modules holding business rules: below their resources they speak no HTTP at all. */
  @Test
  void noBusinessModuleKnowsHttpBelowItsResources() {
    for (String module : List.of("stores", "payments", "disputes", "webhooks", "settlements")) {
      noClasses()
          .that()
          .resideInAPackage(BASE + "." + module + "..")
          .and(DescribedPredicate.not(HTTP_EDGE))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.ws.rs..", "org.eclipse.microprofile.rest.client..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ApiProblem.class.getName())
          .because(
              module + "'s decisions and use cases throw domain errors; one mapper renders them")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  /**
   * Every module answers problem+json only at its edge: what sits below it throws domain errors, so
   * a controller catches one kind of refusal and never reads a status code.
   */
  @Test
  void onlyTheHttpEdgeMakesProblems() {
    noClasses()
        .that()
        .resideOutsideOfPackages(BASE + ".platform..", BASE + ".app..") // both HTTP throughout
        .and(DescribedPredicate.not(HTTP_EDGE))
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(ApiProblem.class.getName())
        .because("below the resources a refusal is a domain error (platform.errors)")
        .check(classes);
  }

  /** A module's main entry is implemented one way in every module: {@code <Thing>Facade}. */
  @Test
  void everyFacadeIsNamedOneWay() {
    for (String facade :
        List.of(
            "payments.Payments",
            "disputes.Disputes",
            "settlements.Settlements",
            "stores.Stores",
            "stores.Merchants",
            "webhooks.PartnerNotifications")) {
      ArchRuleDefinition.classes()
          .that()
          .implement(BASE + "." + facade)
          .and()
          .resideInAPackage(BASE + "..internal..")
          .should()
          .haveSimpleNameEndingWith("Facade")
          .check(classes);
    }
  }

  @Test
  void aModulesInternalsArePackagePrivateUnlessTheContainerNeedsThemPublic() {
    ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(BASE + "..internal..")
        .and()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should()
        .beAnnotatedWith(Path.class)
        .orShould()
        .beAnnotatedWith(Provider.class)
        .orShould()
        .beAnnotatedWith(Singleton.class)
        .orShould()
        .beAnnotatedWith(Entity.class)
        .orShould()
        .haveSimpleNameEndingWith("Params") // JAX-RS @BeanParam classes
        .orShould()
        .haveSimpleNameEndingWith("Filter") // the console's @BeanParam filter
        .orShould()
        .haveSimpleName("ConsoleRole") // read by the templates
        .orShould()
        .implement(Extension.class) // loaded by ServiceLoader
        .orShould()
        .beAnnotatedWith(WebListener.class) // made by the servlet container
        .because("a module's internals are its own business")
        .check(classes);
  }
}
