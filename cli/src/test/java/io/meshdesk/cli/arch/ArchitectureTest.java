package io.meshdesk.cli.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.meshdesk.testing.ArchitectureRules;

/**
 * meshctl keeps the shared layering (see {@link ArchitectureRules}), its packages form no cycle
 * (the root package only registers commands; {@code dev} starts the system that benches reuse), and
 * its demo data stays a concern of {@code meshctl dev} alone.
 */
@AnalyzeClasses(
    packages = "io.meshdesk.cli",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava();

  @ArchTest static final ArchRule grpcHoldsNoSql = ArchitectureRules.grpcHoldsNoSql();

  @ArchTest static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles();

  @ArchTest
  static final ArchRule demoDataOnlyForMeshctlDev =
      classes()
          .that()
          .resideInAPackage("io.meshdesk.cli.demo..")
          .should()
          .onlyHaveDependentClassesThat(
              resideInAPackage("io.meshdesk.cli.demo..")
                  .or(nameMatching("io\\.meshdesk\\.cli\\.dev\\.DevCommand(\\$.*)?")))
          .because("demo users, cards, tickets and articles are seeded by meshctl dev only");
}
