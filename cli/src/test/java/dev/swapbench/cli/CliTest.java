package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.reports.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of the real command line, run in-process through {@link Main#execute}. */
class CliTest {
    /** The built-in policies, sorted by id. */
    static final List<String> BUILT_IN = List.of("andrea-recheck", "bypass-v4.15", "ksm-forced-write", "legacy",
            "mainline-2.6.36", "no-bypass", "reuse-remap", "swapcache-prepare-v6.8", "swapcache-wait-v6.9");

    @TempDir
    Path dir;

    Path small;
    Path wrong;
    Path broken;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void copyScenarios() throws IOException {
        small = resource("small.yaml");
        wrong = resource("wrong-expectation.yaml");
        broken = resource("broken.yaml");
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = CliTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            Files.copy(in, p);
        }
        return p;
    }

    private static void assertNoStackTrace(CliRun r) {
        assertFalse(r.all().contains("\tat "), r.all());
        assertFalse(r.all().contains("Exception:") && r.all().contains("Caused by"), r.all());
    }

    @Test
    void listShowsPoliciesAndScenarios() {
        CliRun r = cli("list");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("Policies (" + BUILT_IN.size() + "):"), r.out());
        for (String id : BUILT_IN) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(id) + " +(v2\\.6\\.3[56]|v6) ").matcher(r.out()).find(),
                    r.out());
        }
        assertTrue(r.out().contains("source: "), r.out());
        assertTrue(r.out().contains("Built-in scenarios ("), r.out());
        assertEquals("", r.err());
    }

    @Test
    void runFullPrintsEveryKernelStep() {
        CliRun r = cli("run", "--full", "--policy", "legacy", "--scenario", small.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(Pattern.compile("(?m)^      1  [A-Z]").matcher(r.out()).find(), "numbered steps\n" + r.out());
        assertFalse(r.out().contains("the steps the violation depends on"), r.out());
    }

    /** Sleep sets are asked for: without a bound the result says so; unasked, the same search reports none. */
    @Test
    void sleepSetsAreOnlyKeptWhenAskedFor() {
        String[] unbounded = {"run", "--policy", "mainline-2.6.36", "--scenario", "R4", "--max-preemptions", "-1"};
        CliRun asked = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(unbounded),
                java.util.stream.Stream.of("--sleep-sets")).toArray(String[]::new));
        assertEquals(0, asked.code(), asked.all());
        assertTrue(asked.out().contains("bound=none complete reduction=sleep-sets"), asked.out());
        CliRun plain = cli(unbounded);
        assertEquals(0, plain.code(), plain.all());
        assertTrue(plain.out().contains("bound=none complete reduction=none"), plain.out());
        assertEquals(null, System.getProperty(dev.swapbench.engine.explore.Explorer.SLEEP_SETS_PROPERTY));
    }

    @Test
    void runTwoPoliciesWritesJsonThatReplays() throws IOException {
        Path json = dir.resolve("reports/run.json");
        CliRun r = cli("run", "--policy", "legacy", "--policy", "mainline-2.6.36", "--scenario", small.toString(),
                "--json", json.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(Pattern.compile("(?m)^legacy \u00d7 T-R2: VIOLATED \\(as expected\\) states=\\d+ transitions=\\d+ "
                + "time=\\d+\\.\\d\\ds bound=0 complete reduction=idle-last$").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("mainline-2.6.36 \u00d7 T-R2: CLEAN (as expected)"), r.out());
        assertTrue(Pattern.compile("(?m)^  stale-mapping +fired +expected fired$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^  deadlock +- +expected -$").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("  stale-mapping: mm child address 0 maps"), r.out());
        // condensed by default: the threads named by role, the steps the violation depends on, the last one marked
        assertTrue(r.out().contains("the steps the violation depends on (all of them: --full):"), r.out());
        assertTrue(Pattern.compile("(?m)^    A: mm child, write fault   B: mm child, read fault").matcher(r.out()).find(),
                r.out());
        assertTrue(Pattern.compile("(?m)^    =>\\d+ +set_pte_at\\(mm child \\[0\\]").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^    \\d+ of \\d+ kernel steps: between two lines").matcher(r.out()).find(),
                r.out());
        assertFalse(Pattern.compile("(?m)^      1  [A-Z]").matcher(r.out()).find(), "not every step\n" + r.out());
        assertTrue(Pattern.compile("(?m)^    schedule: [A-Za-z0-9: ]+$").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("2 pairs: 2 as expected, 0 not as expected, 0 not judged, 0 errors"), r.out());

        List<PairResult> results = JsonReport.read(json);
        assertEquals(2, results.size());
        PairResult legacy = results.get(0);
        assertEquals("legacy", legacy.policy());
        assertEquals("T-R2", legacy.scenario());
        assertEquals("v2.6.35", legacy.baseline());
        assertEquals(Verdict.VIOLATED, legacy.verdict());
        assertTrue(legacy.judged());
        assertTrue(legacy.asExpected());
        assertTrue(legacy.complete());
        assertEquals(0, legacy.maxPreemptions());
        assertTrue(legacy.states() > 0 && legacy.transitions() >= legacy.states() - 1);
        assertEquals(1, legacy.violations().size());
        assertEquals(CheckId.STALE_MAPPING, legacy.violations().get(0).check());
        assertFalse(legacy.violations().get(0).schedule().isEmpty());
        assertFalse(legacy.violations().get(0).steps().isEmpty());
        PairResult mainline = results.get(1);
        assertEquals(Verdict.CLEAN, mainline.verdict());
        assertEquals(java.util.Set.of(), mainline.expected());
        assertTrue(mainline.violations().isEmpty());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("swapbench", root.get("tool").textValue());
        assertEquals(JsonReport.toolVersion(), root.get("version").textValue());
        JsonNode v = root.get("results").get(0).get("violations").get(0);
        assertEquals("stale-mapping", v.get("check").textValue());
        assertTrue(v.get("trace").get(0).has("function"));

        CliRun replay = cli("replay", "--json", json.toString(), "--scenario", small.toString());
        assertEquals(0, replay.code(), replay.all());
        assertTrue(replay.out().contains("legacy \u00d7 T-R2 stale-mapping: reproduced (same check, same message)"),
                replay.out());
        assertTrue(replay.out().contains("1 violations replayed: 1 reproduced, 0 not reproduced"), replay.out());

        // the same report with a message the replay cannot produce: not reproduced, exit 1
        ObjectNode tampered = (ObjectNode) root;
        ((ObjectNode) tampered.get("results").get(0).get("violations").get(0)).put("message", "something else");
        Path bad = dir.resolve("tampered.json");
        new ObjectMapper().writeValue(bad.toFile(), tampered);
        CliRun replayBad = cli("replay", "--json", bad.toString(), "--scenario", small.toString(), "--policy", "legacy");
        assertEquals(1, replayBad.code(), replayBad.all());
        assertTrue(replayBad.out().contains("NOT reproduced (same check, different message"), replayBad.out());

        // a scenario that is neither built in nor given: exit 2 with what to do
        CliRun noScenario = cli("replay", "--json", json.toString());
        assertEquals(2, noScenario.code(), noScenario.all());
        assertTrue(noScenario.err().contains("pass its file with --scenario FILE"), noScenario.err());
    }

    @Test
    void aPairNotAsExpectedExitsWithOne() {
        CliRun r = cli("run", "--policy", "mainline-2.6.36", "--scenario", wrong.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("mainline-2.6.36 \u00d7 T-R2-wrong: CLEAN (NOT as expected)"), r.out());
        assertTrue(r.out().contains("<-- differs"), r.out());
        assertTrue(r.out().contains("1 pairs: 0 as expected, 1 not as expected, 0 not judged, 0 errors"), r.out());
    }

    @Test
    void anAnonRmapOfAnotherKindThanExpectedIsMarkedInTheCheckTable() throws IOException {
        Path kind = resource("wrong-kind.yaml");
        CliRun r = cli("run", "--policy", "ksm-forced-write", "--scenario", kind.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("ksm-forced-write \u00d7 T-R5-kind: VIOLATED (NOT as expected)"), r.out());
        assertTrue(Pattern.compile("(?m)^  anon-rmap +fired  expected fired \\(unfindable-permanent\\), found bug"
                + " +<-- differs$").matcher(r.out()).find(), r.out());
        CliRun same = cli("run", "--policy", "mainline-2.6.36", "--scenario", kind.toString());
        assertEquals(0, same.code(), same.all());
        assertFalse(same.out().contains("<-- differs"), same.out());
    }

    @Test
    void unknownPolicyListsTheKnownOnes() {
        CliRun r = cli("run", "--policy", "nope", "--scenario", small.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("unknown policy 'nope'"), r.err());
        assertTrue(r.err().contains("known policies: " + String.join(", ", BUILT_IN)), r.err());
        assertEquals("", r.out());
        assertNoStackTrace(r);
    }

    @Test
    void unknownScenarioIdListsTheKnownOnes() {
        CliRun r = cli("run", "--policy", "legacy", "--scenario", "NO-SUCH-ID");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("unknown scenario 'NO-SUCH-ID'") && r.err().contains("known scenarios: "),
                r.err());
        assertNoStackTrace(r);
    }

    @Test
    void malformedScenarioNamesFileLineAndColumnWithoutStackTrace() {
        CliRun r = cli("run", "--scenario", broken.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains(broken + ":5:11: "), r.err());
        assertTrue(r.err().contains("'four'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertNoStackTrace(r);

        CliRun debug = cli("--debug", "run", "--scenario", broken.toString());
        assertEquals(2, debug.code());
        assertTrue(debug.err().contains("\tat "), "--debug prints the trace\n" + debug.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun r = cli("run", "--max-preemptions", "-5", "--scenario", small.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--max-preemptions"), r.err());
        CliRun unknown = cli("run", "--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        CliRun none = cli();
        assertEquals(2, none.code());
        assertNoStackTrace(r);
    }

    @Test
    void droppedInPolicyJarIsListedAndRuns() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PolicyJars.build(plugins.resolve("dropin.jar"), "dropin.DropIn", PolicyJars.DROP_IN);
        Path brokenProvider = dir.resolve("broken-provider.jar");
        PolicyJars.buildServicesOnly(brokenProvider, "nope.Missing");

        CliRun list = cli("list", "--policy-path", plugins.toString(), "--policy-path", brokenProvider.toString());
        assertEquals(0, list.code(), list.all());
        assertTrue(list.out().contains("Policies (" + (BUILT_IN.size() + 1) + "):"), list.out());
        assertTrue(Pattern.compile("(?m)^  dropin-test +v2\\.6\\.36 +a do_swap_page dropped in as a jar$")
                .matcher(list.out()).find(), list.out());
        assertTrue(list.out().contains("(from " + plugins.resolve("dropin.jar") + ")"), list.out());
        assertTrue(list.out().contains("problem: policy provider problem: ") && list.out().contains("nope.Missing"),
                list.out());

        CliRun run = cli("run", "--policy-path", plugins.resolve("dropin.jar").toString(), "--policy", "dropin-test",
                "--scenario", small.toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("dropin-test \u00d7 T-R2: "), run.out());
        assertTrue(run.out().contains("(not judged)"), run.out());
        assertTrue(run.out().contains("1 pairs: 0 as expected, 0 not as expected, 1 not judged, 0 errors"),
                run.out());
    }

    @Test
    void aThrowingPolicyIsAnErrorWithoutStackTrace() throws IOException {
        Path jar = dir.resolve("thrower.jar");
        PolicyJars.build(jar, "thrower.Thrower", PolicyJars.THROWER);
        CliRun r = cli("run", "--policy-path", jar.toString(), "--policy", "thrower", "--policy", "legacy",
                "--scenario", small.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.out().contains("thrower \u00d7 T-R2: ERROR (not judged)"), r.out());
        assertTrue(r.out().contains("legacy \u00d7 T-R2: VIOLATED (as expected)"), "other pairs still run\n" + r.out());
        String error = r.out().lines().filter(l -> l.startsWith("  error: ")).findFirst().orElse("");
        assertTrue(error.contains("policy thrower"), error);
        assertTrue(error.contains("IllegalStateException: boom"), error);
        assertTrue(error.contains("lookup_swap_cache"), "names the step\n" + error);
        assertTrue(r.out().contains("2 pairs: 1 as expected, 0 not as expected, 0 not judged, 1 errors"), r.out());
        assertNoStackTrace(r);
    }

    @Test
    void aDeadlockReplaysAsNothingCanMove() throws IOException {
        Path tiny = resource("tiny.yaml");
        Path jar = dir.resolve("deadlocker.jar");
        PolicyJars.build(jar, "deadlocker.Deadlocker", PolicyJars.DEADLOCKER);
        Path json = dir.resolve("dl.json");
        CliRun r = cli("run", "--policy-path", jar.toString(), "--policy", "deadlocker", "--scenario", tiny.toString(),
                "--json", json.toString());
        assertEquals(0, r.code(), "not judged: exit 0\n" + r.all());
        assertTrue(r.out().contains("deadlocker \u00d7 T-tiny: VIOLATED (not judged)"), r.out());
        assertTrue(r.out().contains("  deadlock: no thread can run: A waits in lock_page(A's swap-in page)"), r.out());

        CliRun replay = cli("replay", "--policy-path", jar.toString(), "--json", json.toString(), "--scenario",
                tiny.toString());
        assertEquals(0, replay.code(), replay.all());
        assertTrue(replay.out().contains("deadlocker \u00d7 T-tiny deadlock: reproduced"), replay.out());

        // cut the schedule short: A can still move, so no deadlock
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json.toFile());
        var schedule = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("results").get(0).get("violations")
                .get(0).get("schedule");
        schedule.remove(schedule.size() - 1);
        Path cut = dir.resolve("cut.json");
        new ObjectMapper().writeValue(cut.toFile(), root);
        CliRun replayCut = cli("replay", "--policy-path", jar.toString(), "--json", cut.toString(), "--scenario",
                tiny.toString());
        assertEquals(1, replayCut.code(), replayCut.all());
        assertTrue(replayCut.out().contains("NOT reproduced (no deadlock: A can still move)"), replayCut.out());

        // a move the scenario does not have
        schedule.add("Z");
        new ObjectMapper().writeValue(cut.toFile(), root);
        CliRun replayBad = cli("replay", "--policy-path", jar.toString(), "--json", cut.toString(), "--scenario",
                tiny.toString());
        assertEquals(1, replayBad.code(), replayBad.all());
        assertTrue(replayBad.out().contains("NOT reproduced (the schedule does not replay: move "), replayBad.out());
    }

    @Test
    void anUnreadableJarIsAnInputError() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("junk.jar"), "not a zip");
        CliRun r = cli("run", "--policy-path", notAJar.toString(), "--scenario", small.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--policy-path " + notAJar + ": not a readable jar"), r.err());
        assertEquals("", r.out());
        assertNoStackTrace(r);
        CliRun missing = cli("list", "--policy-path", dir.resolve("absent.jar").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void benchPrintsMeasuredFigures() {
        CliRun r = cli("bench", "--scenario", small.toString(), "--policy", "legacy", "--cex-scenario", small.toString());
        assertEquals(0, r.code(), r.all());
        List<String> expected = new ArrayList<>(List.of("(a) distinct states per second: scenario T-R2",
                "warm-up: ", "run 3: ", "best of 3: ", "(b) memory: ", "bytes per stored state counting the frontier",
                "peak heap",
                "(c) time to first counterexample, legacy on T-R2", "median of 5",
                "time ./swapbench run --policy legacy --scenario " + small));
        for (String e : expected) {
            assertTrue(r.out().contains(e), e + "\n" + r.out());
        }
    }

    @Test
    void benchOnAScenarioOfAnotherEraSaysSoInOneLine() {
        CliRun r = cli("bench", "--policy", "mainline-2.6.36", "--scenario", "v6-CVE-2024-26759");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("policy mainline-2.6.36 is for the v2.6 era and scenario v6-CVE-2024-26759 for the "
                + "v6 era"), r.all());
        assertFalse(r.all().contains("internal error") || r.all().contains("\tat "), r.all());
    }

    @Test
    void benchSpinWithoutTheModelSaysHowToPointAtIt() {
        CliRun r = cli("bench", "--spin", "--spin-model", dir.resolve("absent.pml").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("no SPIN model at") && r.err().contains("--spin-model FILE"), r.all());
    }

    @Test
    void aTimeLimitStopsTheSearchAndSaysIncomplete() {
        CliRun r = cli("run", "--policy", "mainline-2.6.36", "--scenario", "R1", "--max-preemptions", "-1",
                "--time-limit", "0.2");
        assertTrue(r.out().contains("mainline-2.6.36 × R1: INCOMPLETE"), r.all());
        assertTrue(r.out().contains("incomplete"), r.all());
        CliRun bad = cli("run", "--time-limit", "-3");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().contains("--time-limit must be a positive number of seconds, got -3.0"), bad.all());
    }
}
