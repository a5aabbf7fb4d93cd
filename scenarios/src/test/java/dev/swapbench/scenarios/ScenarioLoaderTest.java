package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    static String example() {
        try (InputStream in = ScenarioLoaderTest.class.getResourceAsStream("example/full.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records full.yaml must produce, with the source lines of each node. */
    static Scenario expectedExample(String origin) {
        MmSpec parent = new MmSpec("parent", null, false, 0, 2, 0, "cg1", List.of(
                new PteSpec(0, PteSpec.Kind.SWAP, 1, null, false, 24),
                new PteSpec(1, PteSpec.Kind.PRESENT, -1, "P", true, 25)), 19);
        MmSpec child = new MmSpec("child", "parent", true, 0, 2, 7, null, List.of(), 26);
        List<PageSpec> pages = List.of(
                new PageSpec("P", 3, 2, "parent", 1, true, false, 32),
                new PageSpec("K", 0, -1, null, 0, false, true, 38));
        List<SlotSpec> slots = List.of(new SlotSpec(1, 1, 41), new SlotSpec(2, 3, 42));
        List<ThreadSpec> threads = List.of(
                new ThreadSpec("A", "parent", false, List.of(
                        new Action(Action.Op.READ, 0, null, 48),
                        new Action(Action.Op.WRITE, 1, null, 49),
                        new Action(Action.Op.FORK, -1, "child", 50),
                        new Action(Action.Op.MADV_DONTNEED, 0, null, 51),
                        new Action(Action.Op.EXIT, -1, null, 52)), 45),
                new ThreadSpec("B", "child", false, List.of(new Action(Action.Op.WRITE, 1, null, 55)), 53),
                new ThreadSpec("R", null, true, List.of(
                        new Action(Action.Op.RECLAIM, -1, null, 58),
                        new Action(Action.Op.TRY_TO_FREE_SWAP, -1, null, 58),
                        new Action(Action.Op.SWAPOFF, -1, null, 58)), 56));
        return new Scenario("R2", "fork child writes while reclaim reuses the slot",
                new Provenance("message-id", "<alpine.LSU.2.00.1007131215000.1613@sister.anvils>",
                        "Hugh's race, reduced to one fork.\nSecond line."),
                new Knobs(true, false, true, true, Knobs.SlotAllocation.LOWEST_FIRST, "v2.6.35"),
                new Memory(4, 2, List.of(parent, child), pages, slots),
                threads,
                new Bounds(2, 100_000, 50),
                Map.of("legacy", new Expectation(Set.of("stale-mapping", "anon-rmap"),
                                "the fault maps the page of the old slot", 64),
                        "mainline-2.6.36", new Expectation(Set.of(), "both rechecks catch it", 67)),
                origin);
    }

    @Test
    void fullExampleParsesToTheExpectedRecords() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(example(), "full.yaml", Set.of("legacy", "mainline-2.6.36"));
        assertEquals(expectedExample("full.yaml"), s);
    }

    @Test
    void loadReadsAFileAndUsesItsPathAsOrigin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("R2.yaml");
        Files.writeString(file, example());
        Scenario s = ScenarioLoader.load(file, null);
        assertEquals(expectedExample(file.toString()), s);
    }

    @Test
    void loadReportsTheFilePathInMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "id: [x]\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, null));
        assertEquals(file + ":1:5: expected a string for 'id', got a list", e.getMessage());
        assertEquals(file.toString(), e.getFile());
        assertEquals(1, e.getLine());
        assertEquals(5, e.getColumn());
        assertEquals("expected a string for 'id', got a list", e.getProblem());
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreLeftOut() throws ScenarioException {
        String yaml = """
                id: min
                title: minimal
                provenance: {kind: derived, ref: test}
                memory:
                  frames: 1
                  swap_slots: 1
                  mms:
                    - id: m
                      vma_start: 3
                      forked_from: null
                      memcg: ~
                threads:
                  - id: A
                    mm: m
                    actions: [read 3]
                kernel:
                bounds: {max_preemptions: null}
                """;
        Scenario s = ScenarioLoader.parse(yaml, "min.yaml", Set.of());
        assertEquals(Knobs.defaults(), s.knobs());
        assertEquals(Bounds.defaults(), s.bounds());
        assertEquals(Map.of(), s.expectations());
        assertEquals("", s.provenance().notes());
        assertEquals(new MmSpec("m", null, false, 3, 1, 3, null, List.of(), 8), s.memory().mms().get(0));
        assertEquals(List.of(), s.memory().pages());
        assertEquals(List.of(), s.memory().slots());
        assertEquals(new ThreadSpec("A", "m", false, List.of(new Action(Action.Op.READ, 3, null, 15)), 13),
                s.threads().get(0));
        assertEquals("min.yaml", s.origin());
    }

    @Test
    void integersAcceptTheCoreSchemaForms() throws ScenarioException {
        String yaml = """
                id: ints
                title: t
                provenance: {kind: commit, ref: 4969c1192d15}
                memory: {frames: 0x3, swap_slots: 0o2, mms: [{id: m, vma_pages: +2}]}
                threads: [{id: A, mm: m, actions: [write +1]}]
                bounds: {max_states: 9223372036854775807}
                """;
        Scenario s = ScenarioLoader.parse(yaml, "ints.yaml", null);
        assertEquals(3, s.memory().frames());
        assertEquals(2, s.memory().swapSlots());
        assertEquals(2, s.memory().mms().get(0).vmaPages());
        assertEquals(1, s.threads().get(0).actions().get(0).address());
        assertEquals(Long.MAX_VALUE, s.bounds().maxStates());
    }

    @Test
    void builtInWorksWithTheShippedIndex() {
        List<Scenario> corpus = ScenarioLoader.builtIn(null);
        for (Scenario s : corpus) {
            assertTrue(s.origin().startsWith("builtin:"), s.origin());
        }
    }

    @Test
    void builtInLoadsListedFilesInIndexOrder() {
        List<Scenario> corpus = ScenarioLoader.builtIn(getClass().getClassLoader(),
                "dev/swapbench/scenarios/testcorpus/good/", Set.of("legacy", "mainline-2.6.36"));
        assertEquals(List.of("R2", "second"), corpus.stream().map(Scenario::id).toList());
        assertEquals(List.of("builtin:b.yaml", "builtin:a.yaml"), corpus.stream().map(Scenario::origin).toList());
        assertEquals(ScenarioGenerator.withoutLines(expectedExample("")),
                ScenarioGenerator.withoutLines(corpus.get(0)));
    }

    @Test
    void aBrokenBuiltInFileIsAnIllegalStateWithTheScenarioMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScenarioLoader.builtIn(
                getClass().getClassLoader(), "dev/swapbench/scenarios/testcorpus/broken/", null));
        assertEquals("builtin:broken.yaml:5:11: 'frames' must be >= 1, got 0", e.getMessage());
        assertTrue(e.getCause() instanceof ScenarioException);
    }

    @Test
    void aBuiltInPolicyIdIsCheckedAgainstTheKnownOnes() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScenarioLoader.builtIn(
                getClass().getClassLoader(), "dev/swapbench/scenarios/testcorpus/good/", Set.of("legacy")));
        assertEquals("builtin:b.yaml:67:3: unknown policy id 'mainline-2.6.36' in 'expect'; expected one of: legacy",
                e.getMessage());
    }

    @Test
    void aMissingBuiltInFileIsAnIllegalState() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScenarioLoader.builtIn(
                getClass().getClassLoader(), "dev/swapbench/scenarios/testcorpus/missing/", null));
        assertEquals("dev/swapbench/scenarios/testcorpus/missing/index.txt:2: nothere.yaml is listed but not found"
                + " on the class path under dev/swapbench/scenarios/testcorpus/missing/", e.getMessage());
    }
}
