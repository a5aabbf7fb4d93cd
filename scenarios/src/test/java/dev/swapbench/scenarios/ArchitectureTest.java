package dev.swapbench.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries of design.md, as rules over the main classes of every module on this class path. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.swapbench");

    @Test
    void spiDependsOnNothingOfOurs() {
        classes().that().resideInAPackage("dev.swapbench.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.swapbench.spi..", "java..")
                .check(MAIN);
    }

    @Test
    void policiesDependOnlyOnTheSpi() {
        classes().that().resideInAPackage("dev.swapbench.policies..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.swapbench.spi..", "dev.swapbench.policies..",
                        "java..")
                .check(MAIN);
    }

    @Test
    void nothingNamesAPolicyClass() {
        noClasses().that().resideOutsideOfPackage("dev.swapbench.policies..")
                .should().dependOnClassesThat().resideInAPackage("dev.swapbench.policies..")
                .because("the engine finds policies only through ServiceLoader")
                .check(MAIN);
    }

    @Test
    void theEngineFindsPoliciesThroughServiceLoader() {
        classes().that().haveSimpleName("PolicyCatalog")
                .should().callMethod(java.util.ServiceLoader.class, "load", Class.class, ClassLoader.class)
                .check(MAIN);
    }

    @Test
    void theEngineDoesNotDependOnItsUsers() {
        noClasses().that().resideInAPackage("dev.swapbench.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.swapbench.scenarios..",
                        "dev.swapbench.reports..", "dev.swapbench.cli..", "dev.swapbench.junit..",
                        "dev.swapbench.maven..")
                .check(MAIN);
    }

    @Test
    void reportsRenderResultsAndNeverExplore() {
        noClasses().that().resideInAPackage("dev.swapbench.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.swapbench.engine.model..",
                        "dev.swapbench.engine.thread..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "dev.swapbench.engine.explore.Explorer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "dev.swapbench.engine.run.PairChecker")
                .allowEmptyShould(true)
                .check(MAIN);
    }
}
