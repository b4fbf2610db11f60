package com.stepup.gateway.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
      List.of("platform", "klarna", "stores", "payments", "webhooks", "console", "app");

  static JavaClasses classes;

  @BeforeAll
  static void importTheGateway() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
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
  void businessModulesDoNotRenderPages() {
    noClasses()
        .that()
        .resideInAnyPackage(BASE + ".stores..", BASE + ".payments..", BASE + ".webhooks..")
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
}
