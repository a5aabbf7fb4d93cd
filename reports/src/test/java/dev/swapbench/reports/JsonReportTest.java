package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    @TempDir
    Path dir;

    static List<PairResult> fixedResults() {
        var steps = List.of(
                new TraceStep(1, "B", "lookup_swap_cache", "swap(0)", "page0", List.of()),
                new TraceStep(2, "A", "lock_page", "page0", "", List.of("page0 locked")),
                new TraceStep(3, "R", "try_to_unmap_one", "page0", "unmapped in mm child",
                        List.of("mm child pte[0] present(page0)->swap(1)", "page0 mapcount 1->0")));
        var stale = new Counterexample(CheckId.STALE_MAPPING, "mm child address 0 maps page0 holding 0, but 1 was "
                + "written there last", List.of("B", "A", "R:1"), steps);
        var rmap = new Counterexample(CheckId.ANON_RMAP, "BUG_ON \"quoted\" \\ and unicode \u00d7",
                List.of("A"), List.of(steps.get(0)));
        return List.of(
                new PairResult("legacy", "R2", "v2.6.35", Verdict.VIOLATED, List.of(stale, rmap),
                        Set.of("anon-rmap", "stale-mapping"), "pte_same ABA", true, 48_287, 130_001,
                        0.123456789012345, true, 0, null),
                new PairResult("mainline-2.6.36", "R2", "v2.6.36", Verdict.CLEAN, List.of(), Set.of(),
                        "both rechecks catch it", true, 3_795_292, 12_000_000_000L, 3.8, true, -1, null),
                new PairResult("andrea-recheck", "R7", "v2.6.35", Verdict.INCOMPLETE, List.of(), null, null, true,
                        50_000_000, 1, 1e-9, false, 2, null),
                new PairResult("thrower", "R2", "unknown", Verdict.ERROR, List.of(), Set.of("kernel-bug"), "r", false,
                        0, 0, 0, false, -1, "policy thrower threw java.lang.IllegalStateException: boom in thread A"));
    }

    @Test
    void writtenResultsReadBackEqual() throws IOException {
        Path f = dir.resolve("out/run.json");
        List<PairResult> results = fixedResults();
        JsonReport.write(f, results, Map.of("command", "run"));
        assertEquals(results, JsonReport.read(f));
        var report = JsonReport.readReport(f);
        assertEquals("swapbench", report.tool());
        assertEquals(JsonReport.toolVersion(), report.version());
        assertEquals(Map.of("command", "run"), report.meta());
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    /** {@code run --hit-rate} adds its object to the violated pairs' results; reading back ignores it. */
    @Test
    void extraFieldsGoIntoTheirResultAndReadBackIgnoresThem() throws IOException {
        Path f = dir.resolve("run.json");
        List<PairResult> results = fixedResults();
        List<Map<String, Object>> extra = new ArrayList<>();
        results.forEach(r -> extra.add(null));
        extra.set(0, Map.of("hitRate", Map.of("scheduler", "uniform", "any", Map.of("rate", 0.25))));
        JsonReport.write(f, results, Map.of(), extra);
        JsonNode rs = new ObjectMapper().readTree(f.toFile()).path("results");
        assertEquals(0.25, rs.get(0).path("hitRate").path("any").path("rate").asDouble(), 0);
        assertTrue(rs.get(1).path("hitRate").isMissingNode());
        assertEquals(results, JsonReport.read(f));
    }

    @Test
    void overwritesAnExistingReport() throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "old");
        JsonReport.write(f, fixedResults().subList(0, 1), null);
        assertEquals(fixedResults().subList(0, 1), JsonReport.read(f));
    }

    @Test
    void reportGetsTheUsualPermissionsNotPrivateTempFileOnes() throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path f = dir.resolve("run.json");
        JsonReport.write(f, List.of(), null);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void versionComesFromTheFilteredResource() {
        String v = JsonReport.toolVersion();
        assertNotEquals("unknown", v);
        assertFalse(v.contains("${"), v);
        assertTrue(v.matches("\\d+\\.\\d+.*"), v);
    }

    @Test
    void fileIsJsonWithExactlyTheDocumentedFieldNames() throws IOException {
        Path f = dir.resolve("run.json");
        JsonReport.write(f, fixedResults(), Map.of());
        JsonNode root = new ObjectMapper().readTree(f.toFile());
        assertEquals(List.of("tool", "version", "results"), names(root));
        assertEquals("swapbench", root.get("tool").textValue());
        JsonNode r0 = root.get("results").get(0);
        assertEquals(List.of("policy", "scenario", "baseline", "verdict", "violations", "expected", "reason",
                "judged", "asExpected", "states", "transitions", "seconds", "complete", "maxPreemptions", "error",
                "stopped", "reduction"),
                names(r0));
        for (JsonNode r : root.get("results")) {
            assertEquals(names(r0), names(r));
        }
        assertEquals("violated", r0.get("verdict").textValue());
        assertEquals(List.of("stale-mapping", "anon-rmap"), texts(r0.get("expected")), "CheckId order");
        assertTrue(r0.get("judged").booleanValue());
        assertTrue(r0.get("error").isNull());
        assertEquals(0.123456789012345, r0.get("seconds").doubleValue());
        JsonNode v0 = r0.get("violations").get(0);
        assertEquals(List.of("check", "message", "schedule", "causal", "trace"), names(v0));
        assertEquals("stale-mapping", v0.get("check").textValue());
        JsonNode causal = v0.get("causal");
        assertEquals(v0.get("trace").size(), causal.get(causal.size() - 1).intValue(), "the slice ends at the violation");
        assertEquals(List.of("B", "A", "R:1"), texts(v0.get("schedule")));
        JsonNode t2 = v0.get("trace").get(2);
        assertEquals(List.of("index", "thread", "function", "call", "result", "changes"), names(t2));
        assertEquals(3, t2.get("index").intValue());
        assertEquals("try_to_unmap_one", t2.get("function").textValue());
        JsonNode r2 = root.get("results").get(2);
        assertTrue(r2.get("expected").isNull());
        assertFalse(r2.get("judged").booleanValue());
        assertEquals("incomplete", r2.get("verdict").textValue());
        assertEquals("error", root.get("results").get(3).get("verdict").textValue());
    }

    @Test
    void brokenReportsNameTheFileAndField() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"tool\":\"swapbench\",\"version\":\"1\",\"results\":[{\"policy\":\"p\"}]}");
        IOException e = assertThrows(IOException.class, () -> JsonReport.read(f));
        assertTrue(e.getMessage().startsWith(f + ": $.results[0]"), e.getMessage());
        Files.writeString(f, "{\"tool\":");
        e = assertThrows(IOException.class, () -> JsonReport.read(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(f, "{\"tool\":\"other\",\"version\":\"1\",\"results\":[]}");
        e = assertThrows(IOException.class, () -> JsonReport.read(f));
        assertTrue(e.getMessage().contains("not a swapbench report"), e.getMessage());
    }

    private static List<String> names(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    private static List<String> texts(JsonNode n) {
        List<String> l = new ArrayList<>();
        n.forEach(x -> l.add(x.textValue()));
        return l;
    }
}
