package dev.swapbench.scenarios;

import static dev.swapbench.scenarios.ScenarioGenerator.withoutLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioWriterTest {

    static Scenario example() throws ScenarioException {
        return ScenarioLoader.parse(ScenarioLoaderTest.example(), "full.yaml", null);
    }

    static Stream<Scenario> variants() throws ScenarioException {
        Scenario full = example();
        Scenario minimal = new Scenario("min", "minimal", new Provenance("derived", "test", ""), Knobs.defaults(),
                new Memory(1, 1, List.of(new MmSpec("m", null, false, 0, 1, 0, null, List.of(), 0)), List.of(),
                        List.of()),
                List.of(new ThreadSpec("A", null, false, List.of(Action.of(Action.Op.RECLAIM)), 0)),
                Bounds.defaults(), Map.of(), "java");
        Scenario oddStrings = new Scenario("odd.1_x-2", "quotes \" and \\ and: colons # hash\nsecond line\ttab",
                new Provenance("commit", "31c4a3d3a0f8", "é 日本 \uD83D\uDE00 \u0007 \u0085 \u2028 end  "),
                new Knobs(false, false, false, true, Knobs.SlotAllocation.ANY, "v2.6.36"),
                new Memory(3, 3, List.of(
                        new MmSpec("true", null, false, 2, 3, 9, "null", List.of(
                                PteSpec.present(4, "123", false), PteSpec.swap(2, 3)), 0),
                        new MmSpec("0x10", "true", true, 0, 1, 0, "cg", List.of(), 0)),
                        List.of(new PageSpec("123", 7, 3, "true", 5, true, false, 0),
                                new PageSpec("_k", 0, -1, null, 0, false, true, 0)),
                        List.of(new SlotSpec(3, 4, 0), new SlotSpec(1, 0, 0))),
                List.of(new ThreadSpec("T1", "true", true, List.of(
                                Action.at(Action.Op.MADV_DONTNEED, 3), new Action(Action.Op.FORK, -1, "0x10", 0),
                                Action.of(Action.Op.EXIT)), 0),
                        new ThreadSpec("T2", null, false, List.of(Action.of(Action.Op.SWAPOFF),
                                Action.of(Action.Op.TRY_TO_FREE_SWAP)), 0)),
                new Bounds(0, 1, 1),
                Map.of("ksm-forced-write", new Expectation(Set.of("deadlock", "kernel-bug", "memcg-drift",
                                "anon-rmap", "stale-mapping"), "everything: \"fires\"", 0),
                        "andrea-recheck", new Expectation(Set.of(), "clean", 0)),
                "java");
        Scenario noPagesButSlots = new Scenario(full.id(), full.title(), full.provenance(), full.knobs(),
                new Memory(1, 2, List.of(new MmSpec("parent", null, false, 0, 2, 0, null, List.of(PteSpec.swap(0, 2)), 0)),
                        List.of(), List.of(new SlotSpec(2, 9, 0))),
                List.of(new ThreadSpec("A", "parent", false, List.of(Action.at(Action.Op.READ, 1)), 0)),
                full.bounds().withMaxPreemptions(-1), full.expectations(), "java");
        Knobs k = full.knobs();
        Scenario failingCharge = new Scenario(full.id(), full.title(), full.provenance(),
                new Knobs(k.debugVm(), k.ksm(), k.swapAccounting(), k.vmSwapFull(), k.slotAllocation(), k.baseline(),
                        k.era(), false, false, false, false, Knobs.MemcgChargeFailure.ENOMEM),
                full.memory(), full.threads(), full.bounds(), full.expectations(), "java");
        return Stream.of(full, minimal, oddStrings, noPagesButSlots, failingCharge);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void roundTripGivesTheSameScenario(Scenario s) {
        String yaml = ScenarioWriter.toYaml(s);
        Scenario back;
        try {
            back = ScenarioLoader.parse(yaml, "written.yaml", null);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage() + "\n" + yaml, e);
        }
        assertEquals(withoutLines(s), withoutLines(back), yaml);
        assertEquals(yaml, ScenarioWriter.toYaml(back), "writing is deterministic");
    }

    /** Both eras: a v6 scenario is written without the 2010 knobs and fields its reader refuses. */
    @Test
    void everyCorpusScenarioRoundTrips() {
        for (Scenario s : CorpusResults.scenarios()) {
            roundTripGivesTheSameScenario(s);
        }
    }

    @Test
    void writesTheExampleInTheDocumentedFormat() throws ScenarioException {
        String yaml = ScenarioWriter.toYaml(example());
        assertEquals("""
                id: R2
                title: "fork child writes while reclaim reuses the slot"
                provenance:
                  kind: message-id
                  ref: "<alpine.LSU.2.00.1007131215000.1613@sister.anvils>"
                  notes: "Hugh's race, reduced to one fork.\\nSecond line."
                kernel:
                  debug_vm: true
                  ksm: false
                  swap_accounting: true
                  vm_swap_full: true
                  slot_allocation: lowest-first
                  baseline: v2.6.35
                memory:
                  frames: 4
                  swap_slots: 2
                  mms:
                    - id: parent
                      forked_from: null
                      born_by_fork: false
                      vma_start: 0
                      vma_pages: 2
                      pgoff: 0
                      memcg: cg1
                      ptes:
                        - {address: 0, swap: 1}
                        - {address: 1, page: P, writable: true}
                    - id: child
                      forked_from: parent
                      born_by_fork: true
                      vma_start: 0
                      vma_pages: 2
                      pgoff: 7
                      memcg: null
                      ptes: []
                  pages:
                    - id: P
                      data: 3
                      swapcache: 2
                      mapping: parent
                      index: 1
                      dirty: true
                      ksm: false
                    - id: K
                      data: 0
                      swapcache: null
                      mapping: null
                      index: 0
                      dirty: false
                      ksm: true
                  slots:
                    - {slot: 1, data: 1}
                    - {slot: 2, data: 3}
                threads:
                  - id: A
                    mm: parent
                    daemon: false
                    actions:
                      - read 0
                      - write 1
                      - fork child
                      - madv_dontneed 0
                      - exit
                  - id: B
                    mm: child
                    daemon: false
                    actions:
                      - write 1
                  - id: R
                    mm: null
                    daemon: true
                    actions:
                      - reclaim
                      - try_to_free_swap
                      - swapoff
                bounds:
                  max_preemptions: 2
                  max_states: 100000
                  step_budget: 50
                expect:
                  legacy:
                    checks: [stale-mapping, anon-rmap]
                    reason: "the fault maps the page of the old slot"
                  mainline-2.6.36:
                    checks: []
                    reason: "both rechecks catch it"
                """, yaml);
    }

    static LongStream seeds() {
        String seed = System.getProperty("swapbench.seed");
        if (seed != null && !seed.isBlank()) {
            return LongStream.of(Long.parseLong(seed.strip()));
        }
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomScenariosRoundTrip(long seed) {
        String yaml = null;
        try {
            Scenario s = ScenarioGenerator.generate(seed);
            yaml = ScenarioWriter.toYaml(s);
            Scenario back = ScenarioLoader.parse(yaml, "generated:" + seed, Set.copyOf(ScenarioGenerator.POLICIES));
            assertEquals(withoutLines(s), withoutLines(back));
            assertEquals(yaml, ScenarioWriter.toYaml(back));
        } catch (ScenarioException | RuntimeException | AssertionError e) {
            String where = "round trip failed for seed " + seed + " (reproduce with -Dswapbench.seed=" + seed + ")";
            System.err.println(where + "\n" + yaml);
            fail(where + ": " + e.getMessage() + "\n" + yaml, e);
        }
    }
}
