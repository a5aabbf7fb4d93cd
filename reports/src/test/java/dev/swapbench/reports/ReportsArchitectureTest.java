package dev.swapbench.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * design.md: "reports renders results and never explores". The same rule as the scenarios module's
 * ArchitectureTest, here where the reports classes are on the class path (so that it cannot pass vacuously).
 */
class ReportsArchitectureTest {
    private static final JavaClasses REPORTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.swapbench.reports");

    @Test
    void reportsRenderResultsAndNeverExplore() {
        noClasses().that().resideInAPackage("dev.swapbench.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.swapbench.engine.model..",
                        "dev.swapbench.engine.thread..", "dev.swapbench.scenarios..", "dev.swapbench.cli..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.explore.Explorer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.run.PairChecker")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.run.PolicyCatalog")
                .check(REPORTS);
    }
}
