package dev.swapbench.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of design.md, as rules over the main classes of every module on this class path. The cli
 * module is where they live because it depends on all the others (spi, policies, engine, scenarios, reports), so no
 * rule can pass vacuously for want of the classes it is about.
 */
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
                        "dev.swapbench.maven..", "dev.swapbench.fork..")
                .because("the engine never knows which JVM it runs in")
                .check(MAIN);
    }

    @Test
    void reportsRenderResultsAndNeverExplore() {
        noClasses().that().resideInAPackage("dev.swapbench.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.swapbench.engine.model..",
                        "dev.swapbench.engine.thread..", "dev.swapbench.scenarios..", "dev.swapbench.cli..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.explore.Explorer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.run.PairChecker")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.swapbench.engine.run.PolicyCatalog")
                .because("reports only arrange and render the result records of engine.run, .explore, .scenario "
                        + "and .check")
                .check(MAIN);
    }

    @Test
    void theCliReachesTheEngineOnlyThroughItsApi() {
        noClasses().that().resideInAPackage("dev.swapbench.cli..")
                .should().dependOnClassesThat(resideInAPackage("dev.swapbench.engine..").and(resideOutsideOfPackages(
                        "dev.swapbench.engine.run..", "dev.swapbench.engine.explore..",
                        "dev.swapbench.engine.scenario..", "dev.swapbench.engine.check..")))
                .because("the kernel model and the per-thread routines (engine.model, engine.thread) are the "
                        + "engine's internals")
                .check(MAIN);
    }
}
