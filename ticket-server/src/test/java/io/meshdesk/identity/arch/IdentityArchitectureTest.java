package io.meshdesk.identity.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The identity context in the ledger's shape: its services work on domain records through the ports
 * beside them, so they reach neither the contract, gRPC, JDBC nor the persistence package, and its
 * packages form no cycle. Only this module holds {@code io.meshdesk.identity}, so classes are read
 * from the build directory or, when Failsafe runs the test, from the module's jar.
 */
@AnalyzeClasses(
    packages = "io.meshdesk.identity",
    importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

  @ArchTest
  static final ArchRule servicesWorkThroughPorts =
      noClasses()
          .that()
          .resideInAPackage("io.meshdesk.identity.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.meshdesk.api..",
              "io.grpc..",
              "java.sql..",
              "javax.sql..",
              "io.meshdesk.identity.persistence..")
          .because("identity services take and return domain records; stores sit behind ports");

  @ArchTest
  static final ArchRule noCyclesBetweenIdentityPackages =
      slices().matching("io.meshdesk.identity.(**)").should().beFreeOfCycles();
}
