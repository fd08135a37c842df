package io.meshdesk.ai.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.meshdesk.testing.ArchitectureRules;

/** The AI worker keeps the shared layering (see {@link ArchitectureRules}). */
@AnalyzeClasses(
    packages = "io.meshdesk.ai",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava();

  @ArchTest static final ArchRule grpcHoldsNoSql = ArchitectureRules.grpcHoldsNoSql();

  @ArchTest static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles();
}
