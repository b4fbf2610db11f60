package com.stepup.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's shape, held by the build: no two of its classes need each other (directly or round
 * a loop), and Klarna's side (payment requests, transactions, disputes, settlements, webhooks)
 * knows nothing of the HTTP resources that serve it.
 */
class SandboxArchitectureTest {

  static final String SANDBOX = "com.stepup.sandbox";

  /**
   * Klarna's side that may still speak JAX-RS: the errors are the problem answers themselves,
   * idempotency replays whole HTTP answers, and the wire rules read request headers.
   */
  static final List<Class<?>> SPEAKS_HTTP =
      List.of(KlarnaError.class, SettlementsError.class, Idempotency.class, WireRules.class);

  static JavaClasses classes;

  @BeforeAll
  static void importTheSandbox() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SANDBOX);
  }

  /** The class a nested, anonymous or local class is part of. */
  static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  /** The HTTP side: JAX-RS resources, filters, mappers and the application (and what they nest). */
  static final DescribedPredicate<JavaClass> HTTP =
      DescribedPredicate.describe(
          "an HTTP resource, filter, mapper or the application",
          c -> {
            JavaClass top = topLevel(c);
            return top.isAnnotatedWith("jakarta.ws.rs.Path")
                || top.isAnnotatedWith("jakarta.ws.rs.ext.Provider")
                || top.isAnnotatedWith("jakarta.ws.rs.ApplicationPath");
          });

  @Test
  void noTwoClassesNeedEachOther() {
    SlicesRuleDefinition.slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().equals(SANDBOX)
                    ? SliceIdentifier.of(topLevel(c).getSimpleName())
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "the sandbox's top-level classes";
              }
            })
        .should()
        .beFreeOfCycles()
        .because("a class that needs another that needs it back is one class in two files")
        .check(classes);
  }

  @Test
  void klarnasSideKnowsNoResource() {
    noClasses()
        .that(DescribedPredicate.not(HTTP))
        .should()
        .dependOnClassesThat(HTTP)
        .because("resources parse, check the key and delegate; the state never calls them")
        .check(classes);
  }

  @Test
  void klarnasSideSpeaksNoHttp() {
    noClasses()
        .that(DescribedPredicate.not(HTTP))
        .and(
            DescribedPredicate.describe(
                "are not " + SPEAKS_HTTP,
                c ->
                    SPEAKS_HTTP.stream().noneMatch(k -> k.getName().equals(topLevel(c).getName()))))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.ws.rs..")
        .because("what Klarna does is plain Java a unit test can call without a server")
        .check(classes);
  }
}
