package io.meshdesk.platform.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The platform's packages depend on each other without cycles, and the exceptions, configuration
 * records and ledger vocabulary every server's domain and services use are plain Java. (The shared
 * rules of {@code test-support} cannot be used here: test-support depends on platform.)
 */
@AnalyzeClasses(
    packages = "io.meshdesk.platform",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.meshdesk.platform.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule errorsAndConfigArePlainJava =
      classes()
          .that()
          .resideInAnyPackage(
              "io.meshdesk.platform.errors..",
              "io.meshdesk.platform.config..",
              "io.meshdesk.platform.ledger..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "io.meshdesk.platform.errors..", "io.meshdesk.platform.config..")
          .because("domain code throws these exceptions and reads these records without a server");
}
