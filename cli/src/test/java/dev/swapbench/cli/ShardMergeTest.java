package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --shard I/N} then {@code merge} gives the four reports of the unsharded run, apart from timings and
 * the creation time; merge refuses a missing or repeated shard.
 */
class ShardMergeTest {
    private static final List<String> SCENARIOS = List.of("--scenario", "R2", "--scenario", "R5", "--scenario",
            "R6-v2.6.36", "--scenario", "swapoff-quiet", "--scenario", "fork-then-cow");
    private static final List<String> FILES = List.of("report.html", "report.md", "report.json", "junit.xml");

    @TempDir
    Path dir;

    private CliRun compare(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("compare", "--out", out.toString()));
        args.addAll(SCENARIOS);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void threeShardsMergedEqualTheUnshardedRunInEveryFormat() throws IOException {
        CliRun whole = compare(dir.resolve("whole"), "--workers", "2");
        assertEquals(0, whole.code(), whole.all());
        List<String> parts = new ArrayList<>(List.of("merge", "--out", dir.resolve("merged").toString()));
        int pairs = 0;
        for (int i = 1; i <= 3; i++) {
            Path out = dir.resolve("shard" + i);
            CliRun shard = compare(out, "--shard", i + "/3", "--workers", i == 2 ? "0" : "1");
            assertEquals(0, shard.code(), shard.all());
            pairs += Integer.parseInt(shard.out().replaceAll("(?s).*\\n(\\d+) pairs:.*", "$1"));
            parts.add(out.resolve("report.json").toString());
        }
        int wholePairs = Integer.parseInt(whole.out().replaceAll("(?s).*\\n(\\d+) pairs:.*", "$1"));
        assertEquals(5 * 9, wholePairs, "5 scenarios x 9 built-in policies (both eras)");
        assertEquals(wholePairs, pairs, "each pair in exactly one shard");
        CliRun merge = CliRun.of(parts.toArray(String[]::new));
        assertEquals(0, merge.code(), merge.all());
        for (String f : FILES) {
            assertEquals(untimed(dir.resolve("whole").resolve(f)), untimed(dir.resolve("merged").resolve(f)), f);
        }
    }

    @Test
    void mergeRefusesAMissingOrRepeatedShard() {
        Path one = dir.resolve("one");
        assertEquals(0, compare(one, "--shard", "1/2", "--workers", "0").code());
        String report = one.resolve("report.json").toString();
        CliRun missing = CliRun.of("merge", "--out", dir.resolve("m").toString(), report);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("shard [2/2] missing"), missing.err());
        CliRun twice = CliRun.of("merge", "--out", dir.resolve("m").toString(), report, report);
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("shard 1/2 is given twice"), twice.err());
        CliRun bad = CliRun.of("compare", "--shard", "3/2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--shard must be I/N with 1 <= I <= N"), bad.err());
    }

    /** The file with its timings and creation time blanked. */
    static String untimed(Path f) throws IOException {
        return Files.readString(f)
                .replaceAll("\"seconds\" ?: ?[0-9.eE+-]+", "\"seconds\":T")
                .replaceAll("time=\"[0-9.]+\"", "time=\"T\"")
                .replaceAll("[0-9]+\\.[0-9]+ ?s\\b", "Ts")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?", "CREATED");
    }
}
