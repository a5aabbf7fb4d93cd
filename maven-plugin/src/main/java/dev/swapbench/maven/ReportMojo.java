package dev.swapbench.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Like {@code check}, but never fails the build because of a verdict: pairs that are not as expected are logged
 * as warnings and recorded in the reports.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class ReportMojo extends AbstractSwapbenchMojo {
    @Override
    boolean failsBuild() {
        return false;
    }
}
