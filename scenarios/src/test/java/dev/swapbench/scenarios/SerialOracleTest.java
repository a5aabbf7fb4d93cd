package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serial oracle: one whole episode at a time (a fault, a reclaim pass, a fork, a swapoff slot) there is no race,
 * so a check that fires is a bug of the model, not of the policy. Run over seeded generated scenarios (seeds 1..120,
 * {@code -Dswapbench.seeds=N} for 1..N; a failure prints the seed, rerun one with {@code -Dswapbench.seed=N}, and the
 * scenario shrunk to the fewest threads and actions that still fire the same check), over the whole corpus, and over the sequences kept under
 * {@code serial/}. The one exception: ksm-forced-write and reuse-remap map a foreign ex-KSM page without any race
 * (R5), so anon-rmap is their finding there, not the model's.
 */
class SerialOracleTest {
    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : LongStream.rangeClosed(1, Long.parseLong(System.getProperty("swapbench.seeds", "120")));
    }

    static Stream<String> corpus() {
        return CorpusResults.scenarios().stream().map(Scenario::id);
    }

    static Stream<String> sequences() {
        return Stream.of("fork-keeps-pte-dirty");
    }

    /** The checks that fire serially and are the model's (not a policy's race-free finding). */
    static Map<CheckId, Counterexample> modelBugs(Scenario s, SwapFaultPolicy p) {
        return modelBugs(s, p, false);
    }

    /** @param whole the search must cover every serial execution (the corpus and kept sequences must) */
    static Map<CheckId, Counterexample> modelBugs(Scenario s, SwapFaultPolicy p, boolean whole) {
        Exploration e = new Explorer(s, p, Explorer.Mode.SERIAL).run();
        Map<CheckId, Counterexample> bugs = new EnumMap<>(CheckId.class);
        bugs.putAll(e.violations());
        if (p.id().equals("ksm-forced-write") || p.id().equals("reuse-remap")) {
            bugs.remove(CheckId.ANON_RMAP);
        }
        if (e.error() != null) {
            throw new AssertionError(p.id() + " on " + s.id() + ": " + e.error());
        }
        assertTrue(e.complete() || !whole, p.id() + " on " + s.id() + ": the serial search did not complete");
        if (!e.complete()) {
            // a few generated scenarios have more orders of episodes than the budget: what was covered still counts
            System.out.println(p.id() + " on " + s.id() + ": the serial search stopped at " + e.states()
                    + " states; judged on what it covered");
        }
        return bugs;
    }

    private static void assertNoModelBug(Scenario s, String reproduce, boolean shrink) {
        for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
            Map<CheckId, Counterexample> bugs = modelBugs(s, p, !shrink);
            if (bugs.isEmpty()) {
                continue;
            }
            Counterexample first = bugs.values().iterator().next();
            Scenario small = shrink ? ModelGenerator.shrink(s, c -> modelBugs(c, p).containsKey(first.check())) : s;
            Counterexample shown = modelBugs(small, p).get(first.check());
            fail(first.check().id() + " fires one episode at a time under " + p.id() + " (" + reproduce
                    + "): a model bug\n  " + shown.message() + "\n  schedule: " + String.join(" ", shown.schedule())
                    + "\nscenario" + (shrink ? " (shrunk)" : "") + ":\n" + ScenarioWriter.toYaml(small));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedScenariosNeedARaceToFail(long seed) {
        assertNoModelBug(ModelGenerator.generateEpisodes(seed), "seed " + seed + ", rerun with -Dswapbench.seed="
                + seed, true);
    }

    /**
     * The same generated scenarios, with memcg modelled ({@link ModelGenerator#withMemcg}: a seed whose scenario names
     * no memcg gets one), and a swap-in charge that may be bypassed (even seeds) or fail with -ENOMEM (odd seeds; the
     * memcg_charge_failure knob): neither needs a race to be handled right.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedScenariosWithFailingChargesNeedARaceToFail(long seed) {
        Scenario withFailures = failingCharges(seed);
        assertNoModelBug(withFailures, "seed " + seed + " with memcg_charge_failure: "
                + withFailures.knobs().memcgChargeFailure().name().toLowerCase(Locale.ROOT), true);
    }

    /** Seed's episodes scenario with memcg and its charge failure: bypass for even seeds, -ENOMEM for odd ones. */
    static Scenario failingCharges(long seed) {
        Scenario s = ModelGenerator.withMemcg(ModelGenerator.generateEpisodes(seed), seed);
        assertTrue(s.memory().mms().stream().anyMatch(mm -> mm.memcg() != null), "seed " + seed + ": no memcg");
        Knobs k = s.knobs();
        Knobs failing = new Knobs(k.debugVm(), k.ksm(), k.swapAccounting(), k.vmSwapFull(), k.slotAllocation(),
                k.baseline(), k.era(), k.synchronousIo(), k.discardOnFree(), k.memswAccount(), k.zapGetsSwapDevice(),
                seed % 2 == 0 ? Knobs.MemcgChargeFailure.BYPASS : Knobs.MemcgChargeFailure.ENOMEM);
        return new Scenario(s.id(), s.title(), s.provenance(), failing, s.memory(), s.threads(), s.bounds(),
                s.expectations(), s.origin());
    }

    /**
     * The oracle above can fail: a policy that forgets to unlock its page on the -ENOMEM exit (out_page) is caught one
     * episode at a time in the -ENOMEM seeds (odd, 1..119) whose faults reach the charge, including seeds that named no
     * memcg before {@link ModelGenerator#withMemcg}.
     */
    @org.junit.jupiter.api.Test
    void failingChargesCatchAPolicyThatMishandlesTheFailure() {
        SwapFaultPolicy faulty = dev.swapbench.scenarios.faulty.FaultyPolicies.enomemForgetsUnlock();
        java.util.List<Long> caught = new java.util.ArrayList<>();
        java.util.List<Long> caughtWithAddedMemcg = new java.util.ArrayList<>();
        LongStream.rangeClosed(1, 120).filter(seed -> seed % 2 == 1).forEach(seed -> {
            if (!modelBugs(failingCharges(seed), faulty).isEmpty()) {
                caught.add(seed);
                if (ModelGenerator.generateEpisodes(seed).memory().mms().stream().allMatch(mm -> mm.memcg() == null)) {
                    caughtWithAddedMemcg.add(seed);
                }
            }
        });
        System.out.println(faulty.id() + " caught serially in -ENOMEM seeds " + caught + " (of them, with the memcg "
                + "the generator added: " + caughtWithAddedMemcg + ")");
        assertTrue(!caught.isEmpty(), "no -ENOMEM seed catches " + faulty.id() + ": the failing-charge oracle cannot "
                + "fail");
        assertTrue(!caughtWithAddedMemcg.isEmpty(), "no seed that had no memcg catches " + faulty.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusScenariosNeedARaceToFail(String id) {
        Scenario s = CorpusResults.scenarios().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertNoModelBug(s, "corpus scenario " + id, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void keptSequencesNeedARaceToFail(String id) throws Exception {
        String name = "serial/" + id + ".yaml";
        String text;
        try (InputStream in = SerialOracleTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertNoModelBug(ScenarioLoader.parse(text, name, null), "kept sequence " + name, false);
    }
}
