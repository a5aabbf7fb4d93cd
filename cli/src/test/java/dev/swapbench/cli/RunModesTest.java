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

/** {@code run --mode serial} and {@code run --schedule}. */
class RunModesTest {
    @TempDir
    Path dir;

    /**
     * R2 is a race: one whole episode at a time legacy keeps its data, so the stale mapping the scenario expects (with
     * every interleaving) is not reachable serially; that is what serial mode is, not a regression: exit 0.
     */
    @Test
    void serialModeSaysAnExpectedRaceNeedsAnInterleaving() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--mode", "serial", "--policy", "legacy", "--scenario", "R2", "--json",
                json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("legacy \u00d7 R2: CLEAN (as expected in serial mode: stale-mapping needs an "
                + "interleaving)"), r.out());
        assertTrue(r.out().contains("\n  stale-mapping  -      expected fired (needs an interleaving: not reachable in "
                + "serial mode)\n"), r.out());
        assertFalse(r.out().contains("differs"), r.out());
        assertTrue(r.out().contains("  expectation: serial mode: the expected stale-mapping needs an interleaving "
                + "inside kernel paths: not reachable one whole episode at a time; with every interleaving: "), r.out());
        assertTrue(r.out().contains("1 pairs: 1 as expected, 0 not as expected"), r.out());
        CliRun clean = CliRun.of("run", "--mode", "serial", "--policy", "mainline-2.6.36", "--scenario", "R2");
        assertEquals(0, clean.code(), clean.all());
        assertTrue(clean.out().contains("mainline-2.6.36 \u00d7 R2: CLEAN (as expected)"), clean.out());
        assertTrue(clean.out().contains("  expectation: serial mode: clean, as expected with every interleaving: "),
                clean.out());
        assertTrue(r.out().contains("serial mode: 1 of the pairs as expected have an expected violation that needs an "
                + "interleaving"), r.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("serial", root.path("meta").path("mode").asText());
        JsonNode result = root.path("results").get(0);
        assertEquals(0, result.path("maxPreemptions").asInt());
        assertEquals("clean", result.path("verdict").asText());
        assertEquals("[\"stale-mapping\"]", result.path("expected").toString(), "the scenario's expectation");
        assertTrue(result.path("asExpected").asBoolean());
    }

    /** ksm-forced-write maps a foreign ex-KSM page with no race (R5): the expected BUG fires serially too. */
    @Test
    void serialModeKeepsAnExpectedViolationThatNeedsNoRace() {
        CliRun r = CliRun.of("run", "--mode", "serial", "--policy", "ksm-forced-write", "--scenario", "R5");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("ksm-forced-write \u00d7 R5: VIOLATED (as expected in serial mode: anon-rmap fires "
                + "without a race)"), r.out());
        assertTrue(r.out().contains("  expectation: serial mode: anon-rmap fires without a race, as expected (a policy "
                + "bug that needs no race)"), r.out());
    }

    /**
     * A check that fires serially and that the scenario does not expect is still NOT as expected (exit 1): here the
     * scenario expects ksm-forced-write to stay clean, and the BUG it trips needs no race.
     */
    @Test
    void serialModeFlagsAViolationWhereCleanIsExpected() throws IOException {
        Path yaml = dir.resolve("clean-expected.yaml");
        try (var in = RunModesTest.class.getResourceAsStream("wrong-kind.yaml")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(yaml, text.replace("id: T-R5-kind", "id: T-R5-clean").replace(
                    "ksm-forced-write: {checks: [\"anon-rmap:unfindable-permanent\"]", "ksm-forced-write: {checks: []"));
        }
        CliRun r = CliRun.of("run", "--mode", "serial", "--policy", "ksm-forced-write", "--scenario", yaml.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("ksm-forced-write \u00d7 T-R5-clean: VIOLATED (NOT as expected)"), r.out());
        assertTrue(r.out().contains("\n  anon-rmap      fired  expected -   <-- differs\n"), r.out());
        assertTrue(r.out().contains("  expectation: serial mode: whole episodes one at a time need no race, so anon-rmap "
                + "firing here is a model bug or a policy bug that needs no race (expected with every interleaving: "
                + "clean)"), r.out());
        assertTrue(r.out().contains("1 pairs: 0 as expected, 1 not as expected"), r.out());
    }

    /**
     * Serial executions are some of the interleavings, so the anon-rmap kind found serially can be weaker than the
     * expected one, never stronger: a BUG_ON where only an unfindable pte is expected is NOT as expected.
     */
    @Test
    void serialModeFlagsAStrongerAnonRmapKindThanExpected() throws IOException {
        Path yaml = dir.resolve("wrong-kind.yaml");
        try (var in = RunModesTest.class.getResourceAsStream("wrong-kind.yaml")) {
            java.nio.file.Files.copy(in, yaml);
        }
        CliRun r = CliRun.of("run", "--mode", "serial", "--policy", "ksm-forced-write", "--scenario", yaml.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("ksm-forced-write \u00d7 T-R5-kind: VIOLATED (NOT as expected)"), r.out());
        assertTrue(r.out().contains("expected fired (unfindable-permanent), found bug   <-- differs"), r.out());
        assertTrue(r.out().contains("so anon-rmap of a stronger kind than expected (unfindable-permanent) firing here "
                + "is a model bug or a policy bug that needs no race"), r.out());
    }

    @Test
    void theDefaultModeInterleavesAndIsRecorded() throws IOException {
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--json", json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("legacy \u00d7 R2: VIOLATED (as expected)"), r.out());
        assertEquals("interleaved", new ObjectMapper().readTree(json.toFile()).path("meta").path("mode").asText());
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheModes() {
        CliRun r = CliRun.of("run", "--mode", "parallel", "--scenario", "R2");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("unknown mode 'parallel'; expected one of interleaved, serial"), r.err());
    }

    /** Hugh's R2 under legacy, as {@code run --json} gives it (shortest counterexample). */
    private static final String R2_SHORTEST = "R R R R R B B B B B B A A io0 A A A A A A A A A A A A A A A A A A A "
            + "A A A A A C C C C C C C C C C C C C R:1 R R R R R R R B B B";

    @Test
    void aScheduleIsReplayedStepByStepAndSaysWhichCheckFired() {
        CliRun r = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", R2_SHORTEST);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("legacy \u00d7 R2: schedule of 62 moves, "), r.out());
        assertTrue(r.out().contains("set_pte_at(mm child [0] = present(B's swap-in page,ro))"), r.out());
        assertTrue(r.out().contains("stale-mapping fires at move 62: mm child address 0 maps B's swap-in page holding 0, "
                + "but 1 was written"),
                r.out());
        // the same schedule without B's last three moves: nothing fired yet
        String prefix = R2_SHORTEST.substring(0, R2_SHORTEST.length() - " B B B".length());
        CliRun p = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", prefix);
        assertEquals(0, p.code(), p.all());
        assertTrue(p.out().contains("schedule of 59 moves") && p.out().contains("no check fired"), p.out());
    }

    @Test
    void aScheduleKeepsToAnExplicitPreemptionBoundAndToSerialMode() {
        CliRun within = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--max-preemptions", "0",
                "--schedule", R2_SHORTEST);
        assertEquals(1, within.code(), within.all());
        assertTrue(within.out().contains("schedule of 62 moves, 97 kernel steps (within preemption bound 0)"),
                within.out());
        CliRun beyond = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--max-preemptions", "0",
                "--schedule", "R B");
        assertEquals(2, beyond.code(), beyond.all());
        assertTrue(beyond.err().contains("move 2 ('B') exceeds the preemption bound 0: it switches away from thread R "
                + "in the middle of its episode, preemption 1"), beyond.err());
        // without --max-preemptions the scenario's own bound (0) does not restrict a schedule
        assertEquals(0, CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", "R B").code());
        CliRun serial = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--mode", "serial",
                "--schedule", "R B");
        assertEquals(2, serial.code(), serial.all());
        assertTrue(serial.err().contains("move 2 ('B') is not serial: thread R is inside its episode and can go on"),
                serial.err());
        CliRun pct = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--mode", "pct", "--schedule", "R");
        assertEquals(2, pct.code(), pct.all());
        assertTrue(pct.err().contains("--mode pct runs random ones"), pct.err());
    }

    @Test
    void aMoveThatIsNotPossibleIsNamedWithTheReason() {
        CliRun waits = CliRun.of("run", "--policy", "legacy", "--scenario", "fork-then-cow", "--schedule", "B");
        assertEquals(2, waits.code(), waits.all());
        assertTrue(waits.err().contains("move 1 ('B') is not possible there: thread B waits in user access"),
                waits.err());
        // the page is named as the scenario and the trace name it (page1, held by reclaim), never by its frame
        CliRun locked = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", "R R R A A A");
        assertEquals(2, locked.code(), locked.all());
        assertTrue(locked.err().contains("move 6 ('A') is not possible there: thread A waits in lock_page(page1)"),
                locked.err());
        CliRun io = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", "R io0");
        assertEquals(2, io.code(), io.all());
        assertTrue(io.err().contains("move 2 ('io0') is not possible there: no I/O is in flight on frame 0"), io.err());
        CliRun choice = CliRun.of("run", "--policy", "legacy", "--scenario", "R2", "--schedule", "R:7");
        assertTrue(choice.err().contains("move 1 ('R:7') is not possible there: thread R's next step "), choice.err());
        CliRun two = CliRun.of("run", "--scenario", "R2", "--scenario", "R4", "--schedule", "R");
        assertEquals(2, two.code(), two.all());
        assertTrue(two.err().contains("give exactly one --scenario"), two.err());
    }
}
