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
   * Use cases run no SQL of their own: statements and result sets belong to the persistence stores.
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

  /**
   * The ticket context in the ledger's shape: its services work on domain records through the ports
   * beside them ({@code TicketUnits} and the stores of a {@code TicketUnit}), so they reach neither
   * the contract, gRPC, JDBC nor the persistence package.
   */
  @ArchTest
  static final ArchRule ticketServicesWorkThroughPorts =
      ArchRuleDefinition.noClasses()
          .that()
          .resideInAPackage("io.meshdesk.ticket.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.meshdesk.api..",
              "io.grpc..",
              "java.sql..",
              "javax.sql..",
              "io.meshdesk.ticket.persistence..")
          .because("ticket services take and return domain records; stores sit behind ports");
}
