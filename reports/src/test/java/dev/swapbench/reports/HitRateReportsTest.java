package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapbench.engine.explore.HitRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hit rates in the comparative reports: each violated pair shows its figures, or a clear "not computed" with why
 * (never a blank that reads as zero); the JSON validates against the schema and reads back as written.
 */
class HitRateReportsTest {
    @TempDir
    Path dir;

    @Test
    void markdownHasARowPerViolatedPairAndTheRateUnderEachCounterexample() {
        String md = MarkdownReport.render(ReportFixtures.withHitRates());
        assertTrue(md.contains("## Hit rates\n\nHow likely one run is to hit the violation"), md);
        assertTrue(md.contains("| `legacy` | R2 | stale-mapping | 2.1e-3 (1 run in 476), estimated from 10,000 runs "
                + "(21 hits), 95% CI [1.4e-3, 3.2e-3] (estimated, not exact: the graph has more than 1,000,000 states "
                + "(the budget); raise --hit-rate-states, or -Xmx) | PCT depth 3: 4.0e-4 (1 in 2,500), estimated from "
                + "10,000 runs, 95% CI [1.6e-4, 1.0e-3]; PCT bound >= 1/(n k^(d-1)) = 1/(7*123^2) = 9.4e-6 | 32.0s |\n"),
                md);
        assertTrue(md.contains("| `dropin-test` | R2 | stale-mapping, kernel-bug | not computed: the policy failed: "
                + "boom <x> | \u2014 | 0.50s |\n"), md);
        assertTrue(md.contains("Hit rate: uniform random scheduler 2.1e-3 (1 run in 476), estimated from 10,000 runs "
                + "(21 hits), 95% CI [1.4e-3, 3.2e-3]; PCT depth 3: 4.0e-4"), md);
        // clean, incomplete and error pairs get no row
        assertFalse(md.contains("| `mainline-2.6.36` | R2 |"), md);
        assertTrue(md.indexOf("## Hit rates") > md.indexOf("## Search effort")
                && md.indexOf("## Hit rates") < md.indexOf("## Counterexamples"), md);
    }

    @Test
    void withoutHitRatesEveryViolatedPairSaysNotComputedAndHowToGetThem() {
        String md = MarkdownReport.render(ReportFixtures.matrix());
        assertTrue(md.contains("## Hit rates\n\nHit rates: " + HitRates.NOT_ASKED + ".\n\n"), md);
        assertEquals(3, md.split("Hit rate: " + java.util.regex.Pattern.quote(HitRates.NOT_ASKED), -1).length - 1,
                "under each of the three counterexamples: " + md);
        String html = HtmlReport.render(ReportFixtures.matrix());
        assertEquals(2, html.split("<dt>hit rate</dt><dd class=\"hitrate\">not computed \\(opt-in: swapbench compare "
                + "--hit-rate", -1).length - 1, "in the evidence of both violated pairs");
        assertFalse(html.contains("<span class=\"hit\">"), "no figure in any cell");
    }

    @Test
    void aViolatedPairWithoutFiguresInARunThatAskedSaysSo() {
        Matrix m = ReportFixtures.withHitRates();
        Matrix partial = Matrix.of(m.results(), m.meta(), null, List.of(), Map.of(HitRates.key("legacy", "R2"),
                ReportFixtures.LEGACY_R2_RATE));
        String md = MarkdownReport.render(partial);
        assertTrue(md.contains("| `dropin-test` | R2 | stale-mapping, kernel-bug | not computed for this pair | "
                + "\u2014 | \u2014 |\n"), md);
    }

    @Test
    void htmlShowsTheRateInTheCellAndInTheEvidence() {
        String html = HtmlReport.render(ReportFixtures.withHitRates());
        assertTrue(html.contains("<span class=\"hit\">~1 run in 476</span>"), "legacy × R2's cell");
        assertTrue(html.contains("<dt>hit rate</dt><dd class=\"hitrate\">uniform random scheduler: 2.1e-3 (1 run in "
                + "476), estimated from 10,000 runs (21 hits), 95% CI [1.4e-3, 3.2e-3] (estimated, not exact: the graph "
                + "has more than 1,000,000 states (the budget); raise --hit-rate-states, or -Xmx)<br>PCT depth 3: "
                + "4.0e-4 (1 in 2,500), estimated from 10,000 runs, 95% CI [1.6e-4, 1.0e-3]; PCT bound &gt;= "
                + "1/(n k^(d-1)) = 1/(7*123^2) = 9.4e-6<br>"), html);
        assertTrue(html.contains("<dt>hit rate</dt><dd class=\"hitrate\">not computed: the policy failed: boom "
                + "&lt;x&gt;</dd>"), html);
        assertTrue(html.contains("hit rate, uniform random scheduler: 2.1e-3 (1 run in 476), estimated"),
                "the cell's tooltip");
        // a clean pair's evidence has no hit-rate fact
        int clean = html.indexOf("id=\"pair-mainline-2.6.36--R2\"");
        assertFalse(html.substring(clean, html.indexOf("</article>", clean)).contains("hit rate"));
    }

    @Test
    void theJsonValidatesAndReadsBackAsWritten() throws IOException {
        Matrix m = ReportFixtures.withHitRates();
        String json = JsonReport.toJson(m);
        assertEquals(List.of(), CompareJsonTest.validate(json));
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(1_000_000, root.path("meta").path("hitRate").path("states").asLong());
        assertEquals("estimated", root.path("results").get(0).path("hitRate").path("any").path("method").asText());
        assertTrue(root.path("results").get(1).path("hitRate").isMissingNode(), "a clean pair has none");

        ReportSet.Written w = ReportSet.write(dir.resolve("out"), m.results(), m.meta(), null, m.hitRates());
        JsonReport.Comparative back = JsonReport.readComparative(w.dir().resolve(ReportSet.JSON));
        assertEquals(m.hitRates(), back.hitRates());
        assertTrue(Files.readString(w.dir().resolve(ReportSet.MARKDOWN)).contains("| `legacy` | R2 | stale-mapping | "
                + "2.1e-3 (1 run in 476)"));
        // written again from what was read, the reports are the same
        Matrix again = Matrix.of(back.results(), back.meta(), null, List.of(), back.hitRates());
        assertEquals(MarkdownReport.render(m), MarkdownReport.render(again));
    }

    @Test
    void anExactRateRoundTripsAndAnOldReportHasNone() throws IOException {
        HitRate.Uniform exact = new HitRate.Uniform(true, 7.3e-3, 7.3e-3, 7.3e-3, 574, 0, 0, 0, null);
        Matrix m = ReportFixtures.withHitRates();
        Matrix one = Matrix.of(m.results(), m.meta(), null, List.of(), Map.of(HitRates.key("legacy", "R2"),
                new HitRate.Result(exact, Map.of(dev.swapbench.engine.check.CheckId.STALE_MAPPING, exact), null, 0.2,
                        null)));
        ReportSet.Written w = ReportSet.write(dir.resolve("exact"), one.results(), one.meta(), null, one.hitRates());
        assertEquals(one.hitRates(), JsonReport.readComparative(w.dir().resolve(ReportSet.JSON)).hitRates());
        assertTrue(MarkdownReport.render(one).contains("| 7.3e-3 (1 run in 137), exact over 574 states | not asked "
                + "(--hit-rate-depth 0) | 0.20s |"));

        Path old = dir.resolve("old.json");
        Files.writeString(old, JsonReport.toJson(ReportFixtures.matrix()));
        assertEquals(Map.of(), JsonReport.readComparative(old).hitRates());
    }

    @Test
    void aHitRateThatIsNotAnObjectIsNamedByItsPath() throws IOException {
        String json = JsonReport.toJson(ReportFixtures.withHitRates()).replaceFirst("\"hitRate\" : \\{\n\\s*\"scheduler\"",
                "\"hitRate\" : 3, \"x\" : {\"scheduler\"");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, json);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> JsonReport.readComparative(bad));
        assertEquals(bad + ": $.results[0].hitRate: expected an object", e.getMessage());
    }
}
