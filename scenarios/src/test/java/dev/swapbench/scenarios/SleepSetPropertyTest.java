package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.function.BiPredicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sleep sets (the reduction without a preemption bound) are sound and keep shortest counterexamples, tested
 * against the unreduced search on seeded random scenarios under every built-in policy and on the corpus's unbounded
 * scenarios: when the unreduced search completes, the reduced one stores exactly the same number of states (sleep
 * sets prune moves, never states), at the same depth, the same checks fire with the same anon-rmap kind, each
 * check's counterexample has the same number of moves and replays to that check, and it takes no more moves. A
 * failure prints the seed (rerun one with {@code -Dswapbench.seed=N}) and the scenario shrunk to the fewest threads
 * and actions that still differ.
 */
class SleepSetPropertyTest {
    private static final long MAX_STATES = 40_000;

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 12);
    }

    /** How the search with sleep sets (under {@code independence}) differs from the unreduced one, or null. */
    static String difference(Scenario s, SwapFaultPolicy p, BiPredicate<long[], long[]> independence) {
        Exploration full = new Explorer(s, p).reduction(false).workers(1).run();
        Explorer reducer = new Explorer(s, p).reduction(true).sleepSets(true).workers(1);
        if (independence != null) {
            reducer.independence(independence);
        }
        Exploration reduced = reducer.run();
        if (full.error() != null || reduced.error() != null) {
            return full.error() == null || reduced.error() == null ? "error " + full.error() + " vs "
                    + reduced.error() : null;
        }
        if (!full.complete() || !reduced.complete()) {
            return full.complete() && !reduced.complete() ? "the reduced search hit the budget, the unreduced did not"
                    : null;
        }
        if (!reduced.reduction().equals("sleep-sets")) {
            return "the reduced search reports reduction " + reduced.reduction();
        }
        if (!full.violations().keySet().equals(reduced.violations().keySet())) {
            return "checks " + full.violations().keySet() + " unreduced vs " + reduced.violations().keySet();
        }
        if (reduced.states() != full.states() || reduced.depth() != full.depth()) {
            return "states " + full.states() + " (depth " + full.depth() + ") unreduced vs " + reduced.states()
                    + " (depth " + reduced.depth() + ")";
        }
        if (reduced.transitions() > full.transitions()) {
            return "moves " + full.transitions() + " unreduced vs " + reduced.transitions();
        }
        for (CheckId c : full.violations().keySet()) {
            Counterexample a = full.violations().get(c);
            Counterexample b = reduced.violations().get(c);
            if (a.schedule().size() != b.schedule().size()) {
                return c.id() + " in " + a.schedule().size() + " moves unreduced vs " + b.schedule().size();
            }
            if (!java.util.Objects.equals(a.kind(), b.kind())) {
                return c.id() + " of kind " + a.kind() + " unreduced vs " + b.kind();
            }
            Explorer.Replay r = new Explorer(s, p).replay(b.schedule());
            if (c != CheckId.DEADLOCK && c != CheckId.LIVELOCK && r.fired().get(c) == null) {
                return c.id() + ": the reduced search's schedule does not replay to it";
            }
        }
        return null;
    }

    static Scenario unbounded(Scenario generated) {
        return generated.withBounds(new Bounds(-1, MAX_STATES, generated.bounds().stepBudget()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sleepSetsStoreEveryStateAndFireTheSameChecksWithCounterexamplesAsShort(long seed) {
        Scenario s = unbounded(ModelGenerator.generate(seed, seed % 4 == 0 ? 3 : 2));
        for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
            String d = difference(s, p, null);
            if (d != null) {
                Scenario small = ModelGenerator.shrink(s, sc -> difference(sc, p, null) != null);
                fail("sleep sets under " + p.id() + ", seed " + seed + " (rerun with -Dswapbench.seed=" + seed
                        + "): " + d + "; shrunk to (" + difference(small, p, null) + "):\n"
                        + ScenarioWriter.toYaml(small));
            }
        }
    }

    /** With sleep sets, the number of search threads changes nothing either (the sets meet in merge order). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sleepSetsGiveTheSameResultForOneAndTwoWorkers(long seed) {
        Scenario s = unbounded(ModelGenerator.generate(seed, seed % 4 == 0 ? 3 : 2));
        SwapFaultPolicy p = CorpusResults.policiesFor(s).get((int) (seed % CorpusResults.policiesFor(s).size()));
        Exploration one = new Explorer(s, p).sleepSets(true).workers(1).run();
        Exploration two = new Explorer(s, p).sleepSets(true).workers(2).run();
        String what = "seed " + seed + ", " + p.id();
        assertEquals(one.states(), two.states(), "states, " + what);
        assertEquals(one.transitions(), two.transitions(), "moves, " + what);
        assertEquals(one.violations().keySet(), two.violations().keySet(), "checks, " + what);
        for (Counterexample c : one.violations().values()) {
            assertEquals(c.schedule(), two.violations().get(c.check()).schedule(), c.check().id() + ", " + what);
        }
    }

    static Stream<Scenario> unboundedCorpus() {
        return CorpusResults.scenarios().stream()
                .filter(s -> s.bounds().maxPreemptions() < 0 && s.knobs().era().equals(Knobs.ERA_2_6));
    }

    /**
     * The 2010 corpus's scenarios without a preemption bound (the ones sleep sets act on: the v6 era declares no
     * step footprints), every policy of their era.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unboundedCorpus")
    void theCorpusGivesTheSameResultsWithAndWithoutSleepSets(Scenario s) {
        for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
            String d = difference(s, p, null);
            if (d != null) {
                fail("sleep sets under " + p.id() + " on " + s.id() + ": " + d);
            }
        }
    }

    /**
     * The comparison can fail: sleep sets that call every pair of declared steps independent (two lock_page of one
     * page, a lookup and the delete of its swap cache entry) lose or lengthen paths, and the comparison above says
     * so on some generated scenario.
     */
    @Test
    void anUnsoundIndependenceIsCaught() {
        BiPredicate<long[], long[]> everything = (a, b) -> true;
        for (long seed = 1; seed <= 12; seed++) {
            Scenario s = unbounded(ModelGenerator.generate(seed, seed % 4 == 0 ? 3 : 2));
            for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
                String d = difference(s, p, everything);
                if (d != null) {
                    System.out.println("unsound independence caught: seed " + seed + ", " + p.id() + ": " + d);
                    assertNotNull(d);
                    assertEquals(null, difference(s, p, null), "the sound relation on the same case");
                    return;
                }
            }
        }
        fail("no generated scenario among seeds 1..12 tells an unsound independence from a sound one");
    }

    @Test
    void resultsNameTheReduction() {
        Scenario s = unbounded(ModelGenerator.generate(3, 2));
        SwapFaultPolicy p = CorpusResults.policiesFor(s).get(0);
        assertEquals("sleep-sets", new Explorer(s, p).sleepSets(true).workers(1).run().reduction());
        assertEquals("none", new Explorer(s, p).sleepSets(false).workers(1).run().reduction());
        assertEquals("none", new Explorer(s, p).reduction(false).workers(1).run().reduction());
        Scenario bounded = s.withBounds(new Bounds(0, MAX_STATES, s.bounds().stepBudget()));
        assertEquals("idle-last", new Explorer(bounded, p).workers(1).run().reduction());
    }
}
