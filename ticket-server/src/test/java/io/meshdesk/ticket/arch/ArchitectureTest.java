package io.meshdesk.ticket.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.meshdesk.testing.ArchitectureRules;

/** The ticket and identity contexts keep the shared layering (see {@link ArchitectureRules}). */
@AnalyzeClasses(
    packages = {"io.meshdesk.ticket", "io.meshdesk.identity"},
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava();

  @ArchTest static final ArchRule grpcHoldsNoSql = ArchitectureRules.grpcHoldsNoSql();

  @ArchTest static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles();

  /**
   * Use cases run no SQL of their own: statements and result sets belong to the persistence stores
   * (services still hold the connection of the transaction they run in).
   */
  @ArchTest
  static final ArchRule servicesRunNoSql =
      ArchRuleDefinition.noClasses()
          .that()
          .resideInAPackage("io.meshdesk..service..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(
              java.sql.Statement.class,
              java.sql.PreparedStatement.class,
              java.sql.CallableStatement.class,
              java.sql.ResultSet.class)
          .because("SQL belongs in persistence stores");
}
