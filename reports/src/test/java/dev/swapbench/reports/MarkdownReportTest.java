package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    @Test
    void theMatrixIsATableWithOneRowPerScenario() {
        String md = MarkdownReport.render(ReportFixtures.matrix());
        List<String> lines = md.lines().toList();
        int h = lines.indexOf("## Verdicts");
        assertTrue(h > 0, md);
        int table = h + 4;
        assertEquals("| scenario | legacy | mainline-2.6.36 | dropin-test | thrower |", lines.get(table), md);
        assertEquals("|---|---|---|---|---|", lines.get(table + 1));
        assertEquals("| R2 | violated: stale-mapping \u2713 | clean \u2713 | violated: stale-mapping, kernel-bug \u00b7 | "
                + "**error \u2717** |", lines.get(table + 2));
        assertEquals("| R7 | **incomplete \u2717** (expected clean) | **clean \u2717** (expected stale-mapping) | "
                + "clean \u00b7 | \u2014 |", lines.get(table + 3));
        assertTrue(md.contains("| R2 | 20,085 \u00b7 0 \u00b7 0.06s |"), md);
        assertTrue(md.contains("| R7 | 50,000,000 \u00b7 none, incomplete \u00b7 61.5s |"), md);
    }

    @Test
    void anAnonRmapViolationShowsItsKind() {
        String md = MarkdownReport.render(ReportFixtures.kindsAndStops());
        assertTrue(md.contains("violated: anon-rmap:unfindable-permanent"), md);
        assertTrue(md.contains("### legacy \u00d7 R2: anon-rmap (unfindable-permanent)\n"), md);
    }

    @Test
    void eachCounterexampleIsAFencedCpuColumnDiagram() {
        String md = MarkdownReport.render(ReportFixtures.matrix());
        assertTrue(md.contains("### legacy \u00d7 R2: stale-mapping\n\nmm child address 0 maps page0"), md);
        // condensed: the steps the violation depends on, threads named by role; the full trace is in JSON and HTML
        String diagram = CpuColumns.condensed(ReportFixtures.STALE, ReportFixtures.R2.threads(),
                ReportFixtures.R2.roles());
        assertTrue(md.contains("```text\n" + diagram + "```\n"), md);
        assertTrue(diagram.startsWith("A: mm child, write fault   B: mm child, read fault   C: mm parent, write fault"
                + "   R: reclaim   io: swap I/O completion\n"), diagram);
        assertTrue(md.contains("Schedule: `R B A io0 C R:1 B B B`"), md);
        assertTrue(md.contains("### dropin-test \u00d7 R2: kernel-bug"), md);
        assertTrue(md.contains("## Errors\n\n### thrower \u00d7 R2\n\n```text\npolicy thrower failed"), md);
        assertTrue(md.contains("| R7 | a big one \\| with a pipe | derived `test` |"), "pipes escaped\n" + md);
        assertTrue(md.contains("- --policy-path /tmp/plugins/broken.jar: no policy in it"), md);
        assertTrue(md.indexOf("## Changes") < 0, "no baseline, no changes section");
    }

    @Test
    void changesAgainstTheBaselineComeFirst() {
        String md = MarkdownReport.render(ReportFixtures.matrixWithBaseline());
        int changes = md.indexOf("## Changes against the baseline");
        assertTrue(changes > 0 && changes < md.indexOf("## Verdicts"), md);
        assertTrue(md.contains("| **REGRESSION** | `legacy` | R2 | newly violated: stale-mapping | clean | "
                + "violated: stale-mapping |"), md);
        assertTrue(md.contains("| changed | `legacy` | R9 | removed pair: was clean | clean | \u2014 |"), md);
        assertTrue(md.contains("violated: stale-mapping \u2713 **regression**"), md);
    }
}
