package dev.swapbench.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapbench.reports.ReportSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairOutcomeTest {
    @Test
    void headlineIsTheFirstLine() {
        assertEquals("a.yaml:3:4: bad", new PairOutcome(null, "x", PairOutcome.Status.FAILED, "a.yaml:3:4: bad\nmore",
                List.of()).headline());
        assertEquals("policy p, scenario s: aborted", new PairOutcome("p", "s", PairOutcome.Status.ABORTED, null,
                List.of()).headline());
    }

    /** The mojo lists the engine's reports by name (no swapbench class may enter the plugin realm): the same names. */
    @Test
    void theMojoListsTheFilesOfTheReportSet() {
        assertEquals(List.of(ReportSet.HTML, ReportSet.MARKDOWN, ReportSet.JSON, ReportSet.JUNIT),
                AbstractSwapbenchMojo.REPORT_FILES);
    }
}
