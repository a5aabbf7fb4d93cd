package dev.swapbench.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks the project's policies (and, unless switched off, the built-in ones) against the built-in scenario corpus
 * and the project's scenarios, has the engine write report.html, report.md, report.json and junit.xml into the
 * output directory, and fails the build when a pair's verdict differs from the scenario's expectation (or, with a
 * baseline, regressed).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class CheckMojo extends AbstractSwapbenchMojo {
    @Override
    boolean failsBuild() {
        return failOnViolation;
    }
}
