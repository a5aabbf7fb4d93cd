package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --hit-rate}: the comparative reports (report.html, report.md, report.json) show, next to each
 * violated pair, how likely one run is to hit it; without the option they say it was not computed; {@code merge}
 * keeps the figures of the shards. Real files written by the real command line, read back.
 */
class CompareHitRateTest {
    @TempDir
    Path dir;

    /** v6-swapoff-bypass: bypass-v4.15 trips a kernel BUG (574 states, solved exactly); no-bypass is clean. */
    private CliRun compare(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("compare", "--out", out.toString(), "--policy", "bypass-v4.15",
                "--policy", "no-bypass", "--scenario", "v6-swapoff-bypass", "--workers", "0"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode result(Path report, String policy) throws IOException {
        for (JsonNode r : new ObjectMapper().readTree(report.toFile()).path("results")) {
            if (r.path("policy").asText().equals(policy)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + policy + " in " + report);
    }

    @Test
    void everyReportShowsTheViolatedPairsHitRate() throws IOException {
        Path out = dir.resolve("report");
        CliRun r = compare(out, "--hit-rate", "--hit-rate-runs", "500");
        assertEquals(0, r.code(), r.all());
        assertFalse(r.all().contains("\tat "), r.all());
        assertTrue(r.err().contains("swapbench: hit rate 1/1: bypass-v4.15 \u00d7 v6-swapoff-bypass"), r.err());
        assertTrue(r.out().matches("(?s).*Hit rates, one run of a uniformly random scheduler \\(PCT and details in the "
                + "reports\\): 1 violated pair\n  bypass-v4.15 \u00d7 v6-swapoff-bypass: [0-9.e-]+ \\(1 run in [0-9,]+\\), "
                + "exact over [0-9,]+ states\n.*"), r.out());

        JsonNode json = result(out.resolve("report.json"), "bypass-v4.15");
        JsonNode any = json.path("hitRate").path("any");
        assertEquals("exact", any.path("method").asText(), json.toString());
        double rate = any.path("rate").asDouble();
        assertTrue(rate > 0 && rate < 1, "rate " + rate);
        assertEquals(500, json.path("hitRate").path("pct").path("runs").asLong());
        assertTrue(result(out.resolve("report.json"), "no-bypass").path("hitRate").isMissingNode(),
                "a clean pair has no hitRate");
        JsonNode meta = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("meta").path("hitRate");
        assertEquals(500, meta.path("runs").asInt(), meta.toString());
        assertEquals(3, meta.path("pctDepth").asInt(), meta.toString());

        String oneIn = String.format(java.util.Locale.ROOT, "1 run in %,d", Math.round(1 / rate));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Hit rates\n"), md);
        assertTrue(md.matches("(?s).*\n\\| `bypass-v4\\.15` \\| v6-swapoff-bypass \\| kernel-bug \\| [0-9.e-]+ \\("
                + oneIn + "\\), exact over [0-9,]+ states \\| PCT depth 3: [^|]*estimated from 500 runs, 95% CI "
                + "\\[[^|]*PCT bound >= [^|]* \\| [0-9.]+s \\|\n.*"), md);
        assertTrue(md.contains("Hit rate: uniform random scheduler "), md);
        assertFalse(md.contains("not computed"), md);

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<span class=\"hit\">" + oneIn + "</span>"), "the matrix cell says it");
        assertTrue(html.matches("(?s).*<dt>hit rate</dt><dd class=\"hitrate\">uniform random scheduler: [0-9.e-]+ \\("
                + oneIn + "\\), exact over [0-9,]+ states<br>PCT depth 3: .*"), "the evidence says it");
    }

    @Test
    void withoutTheOptionTheReportsSayItWasNotComputed() throws IOException {
        Path out = dir.resolve("report");
        CliRun r = compare(out);
        assertEquals(0, r.code(), r.all());
        assertFalse(r.out().contains("Hit rates"), r.out());
        assertFalse(r.err().contains("hit rate"), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Hit rates\n\nHit rates: not computed (opt-in: swapbench compare --hit-rate; it takes "
                + "seconds to minutes per violated pair).\n"), md);
        assertTrue(md.contains("Hit rate: not computed (opt-in: swapbench compare --hit-rate"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<dt>hit rate</dt><dd class=\"hitrate\">not computed (opt-in: swapbench compare "
                + "--hit-rate"), html);
        assertFalse(html.contains("<span class=\"hit\">"), html);
        assertTrue(result(out.resolve("report.json"), "bypass-v4.15").path("hitRate").isMissingNode());
    }

    @Test
    void onlyCleanPairsGiveALineNotAnEmptySection() throws IOException {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("compare", "--out", out.toString(), "--policy", "no-bypass", "--scenario",
                "v6-swapoff-bypass", "--workers", "0", "--hit-rate");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("Hit rates, one run of a uniformly random scheduler (PCT and details in the "
                + "reports): no pair is violated, nothing to compute\n"), r.out());
        assertFalse(Files.readString(out.resolve("report.md")).contains("Hit rate"));
    }

    @Test
    void aBudgetWithoutTheOptionOrOutOfRangeIsAUsageErrorAndWritesNothing() {
        Path out = dir.resolve("report");
        CliRun without = compare(out, "--hit-rate-runs", "100");
        assertEquals(2, without.code(), without.all());
        assertTrue(without.err().contains("--hit-rate-runs only applies with --hit-rate (the hit rate is off by "
                + "default)"), without.err());
        CliRun seed = compare(out, "--seed", "7");
        assertEquals(2, seed.code(), seed.all());
        assertTrue(seed.err().contains("--seed only applies with --hit-rate"), seed.err());
        CliRun zero = compare(out, "--hit-rate", "--hit-rate-states", "0");
        assertEquals(2, zero.code(), zero.all());
        assertTrue(zero.err().contains("--hit-rate-states and --hit-rate-runs must be >= 1 and --hit-rate-depth >= 0, "
                + "got 0, 10000 and 3"), zero.err());
        for (CliRun r : List.of(without, seed, zero)) {
            assertFalse(r.all().contains("\tat ") || r.all().contains("Exception"), r.all());
        }
        assertFalse(Files.exists(out), "no report is written on a usage error");
    }

    /** Past --hit-rate-states the figure is an estimate, and every report says so and why. */
    @Test
    void anExhaustedStateBudgetIsAnEstimateThatSaysWhy() throws IOException {
        Path out = dir.resolve("report");
        CliRun r = compare(out, "--hit-rate", "--hit-rate-states", "50", "--hit-rate-runs", "300",
                "--hit-rate-depth", "0");
        assertEquals(0, r.code(), r.all());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("estimated from 300 runs ("), md);
        assertTrue(md.contains("(estimated, not exact: the graph has more than 50 states (the budget); raise "
                + "--hit-rate-states, or -Xmx)"), md);
        assertTrue(md.contains("| not asked (--hit-rate-depth 0) |"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("estimated, not exact: the graph has more than 50 states (the budget)"), html);
        JsonNode any = result(out.resolve("report.json"), "bypass-v4.15").path("hitRate").path("any");
        assertEquals("estimated", any.path("method").asText());
        assertEquals(300, any.path("runs").asLong());
        assertTrue(any.path("fallback").asText().contains("more than 50 states"), any.toString());
    }

    /** Two shards with --hit-rate, merged: the merged reports carry the figures as the shard computed them. */
    @Test
    void mergeKeepsTheShardsHitRates() throws IOException {
        List<String> parts = new ArrayList<>(List.of("merge", "--out", dir.resolve("merged").toString()));
        for (int i = 1; i <= 2; i++) {
            Path out = dir.resolve("shard" + i);
            CliRun shard = compare(out, "--shard", i + "/2", "--hit-rate", "--hit-rate-runs", "200");
            assertEquals(0, shard.code(), shard.all());
            parts.add(out.resolve("report.json").toString());
        }
        CliRun merge = CliRun.of(parts.toArray(String[]::new));
        assertEquals(0, merge.code(), merge.all());
        JsonNode merged = result(dir.resolve("merged/report.json"), "bypass-v4.15").path("hitRate");
        JsonNode shard = null;
        for (int i = 1; i <= 2 && shard == null; i++) {
            for (JsonNode r : new ObjectMapper().readTree(dir.resolve("shard" + i + "/report.json").toFile())
                    .path("results")) {
                if (r.path("policy").asText().equals("bypass-v4.15")) {
                    shard = r.path("hitRate");
                }
            }
        }
        assertEquals(shard, merged);
        assertTrue(Files.readString(dir.resolve("merged/report.md")).contains("| `bypass-v4.15` | v6-swapoff-bypass | "
                + "kernel-bug | "));
    }
}
