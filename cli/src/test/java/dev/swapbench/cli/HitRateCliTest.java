package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --hit-rate}: the line under a violated pair, its JSON object, nothing for a clean pair. */
class HitRateCliTest {
    @TempDir
    Path dir;

    /**
     * Hugh's R2 under legacy: past a budget of 5,000 states the uniform rate is estimated (and says why), PCT's is
     * estimated beside its bound; both lie in (0, 1).
     */
    @Test
    void aViolatedPairGetsItsHitRateLineAndJsonFields() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--hit-rate", "--hit-rate-states",
                "5000", "--hit-rate-runs", "4000", "--json", json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  hit rate: uniform random scheduler "), r.out());
        assertTrue(r.out().contains(", estimated from 4,000 runs ("), r.out());
        assertTrue(r.out().contains("; PCT depth 3: "), r.out());
        assertTrue(r.out().contains("; PCT bound >= 1/(n k^(d-1)) = 1/(7*"), r.out());
        assertTrue(r.out().contains("(estimated, not exact: the graph has more than 5,000 states (the budget); raise "
                + "--hit-rate-states, or -Xmx)"), r.out());
        assertTrue(r.out().indexOf("hit rate:") < r.out().indexOf("shortest interleaving"), "the line comes before "
                + "the evidence: " + r.out());
        JsonNode h = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("hitRate");
        assertEquals("uniform", h.path("scheduler").asText(), h.toString());
        JsonNode any = h.path("any");
        assertEquals("estimated", any.path("method").asText());
        assertEquals(4000, any.path("runs").asLong());
        double rate = any.path("rate").asDouble();
        assertTrue(rate > 0 && rate < 1, "rate " + rate);
        assertTrue(any.path("low").asDouble() <= rate && rate <= any.path("high").asDouble(), any.toString());
        assertEquals(rate, h.path("checks").path("stale-mapping").path("rate").asDouble(), 0);
        JsonNode pct = h.path("pct");
        assertEquals(3, pct.path("depth").asInt());
        double pctRate = pct.path("rate").asDouble();
        assertTrue(pctRate > 0 && pctRate < 1, "PCT rate " + pctRate);
        double bound = 1.0 / (pct.path("actors").asInt() * Math.pow(pct.path("longestRun").asInt(), 2));
        assertEquals(bound, pct.path("bound").asDouble(), bound * 1e-12);
    }

    /** The CVE-2024-26759 race under bypass-v4.15 is small enough to solve exactly; depth 0 leaves PCT out. */
    @Test
    void aSmallGraphIsSolvedExactly() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--policy", "bypass-v4.15", "--scenario", "v6-CVE-2024-26759", "--hit-rate",
                "--hit-rate-depth", "0", "--json", json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*  hit rate: uniform random scheduler [0-9.e-]+ \\(1 run in [0-9,]+\\), exact "
                + "over [0-9,]+ states \\([0-9.]+s\\)\n.*"), r.out());
        assertFalse(r.out().contains("PCT"), r.out());
        JsonNode any = new ObjectMapper().readTree(json.toFile()).path("results").get(0).path("hitRate").path("any");
        assertEquals("exact", any.path("method").asText(), any.toString());
        assertTrue(any.path("rate").asDouble() > 0 && any.path("rate").asDouble() < 1, any.toString());
        assertTrue(any.path("states").asLong() > 1000, any.toString());
    }

    /** A clean pair has no violation to hit: one line says so, and its JSON result has no hitRate. */
    @Test
    void aCleanPairSaysWhyItHasNoHitRate() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--policy", "mainline-2.6.36", "--scenario", "R2", "--hit-rate", "--json",
                json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("\n  hit rate: not computed: the pair is clean, no check fired to hit\n"), r.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.path("results").get(0).path("hitRate").isMissingNode());
        assertEquals(1000000, report.path("meta").path("hitRate").path("states").asLong(), report.toString());
    }

    @Test
    void aBudgetWithoutTheOptionIsAUsageError() {
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--hit-rate-depth", "2");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--hit-rate-depth only applies with --hit-rate (the hit rate is off by default)"),
                r.err());
        assertFalse(r.out().contains("legacy \u00d7 R2"), "nothing was checked: " + r.out());
    }

    @Test
    void aBudgetBelowOneIsAUsageError() {
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--hit-rate", "--hit-rate-runs", "0");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--hit-rate-states and --hit-rate-runs must be >= 1 and --hit-rate-depth >= 0, "
                + "got 1000000, 0 and 3"), r.err());
        assertFalse(r.all().contains("Exception"), r.all());
    }
}
