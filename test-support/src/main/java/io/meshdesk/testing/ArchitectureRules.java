package io.meshdesk.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every module keeps, as ArchUnit rules: domain packages are plain Java (no contract
 * types, gRPC, JDBC or persistence), {@code grpc} packages hold no SQL, and no two packages depend
 * on each other in a cycle. Each module's {@code ArchitectureTest} applies them to its own
 * production classes; a module without domain or gRPC packages passes those rules trivially.
 */
public final class ArchitectureRules {

  private ArchitectureRules() {}

  /** Domain classes import neither the generated contract, gRPC, JDBC nor a persistence package. */
  public static ArchRule domainIsPlainJava() {
    return noClasses()
        .that()
        .resideInAPackage("io.meshdesk..domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshdesk.api..",
            "io.grpc..",
            "java.sql..",
            "javax.sql..",
            "io.meshdesk..persistence..")
        .because("domain rules are plain Java, tested without a server or a database")
        .allowEmptyShould(true);
  }

  /** gRPC classes map and delegate; they run no SQL. */
  public static ArchRule grpcHoldsNoSql() {
    return noClasses()
        .that()
        .resideInAPackage("io.meshdesk..grpc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..")
        .because("gRPC classes map proto to domain and back; SQL belongs in persistence")
        .allowEmptyShould(true);
  }

  /** No package depends on another that depends back on it, directly or through others. */
  public static ArchRule noPackageCycles() {
    return slices().matching("io.meshdesk.(**)").should().beFreeOfCycles();
  }
}
