package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reduction is sound and keeps shortest counterexamples, tested against the unreduced search on seeded random
 * scenarios under every built-in policy, at preemption bounds 0 and 1 (the reduction only acts with a bound): when
 * the unreduced search completes within 100,000 states, the reduced one completes too, the same checks fire, it
 * stores no more states, and each check's counterexample has the same number of moves
 * and replays to that check. A failure prints the seed (rerun one with {@code -Dswapbench.seed=N}) and the scenario
 * shrunk to the fewest threads and actions that still differ.
 */
class ReductionPropertyTest {

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 25);
    }

    /** How the reduced search differs from the unreduced one, or null when it does not. */
    static String difference(Scenario s, SwapFaultPolicy p) {
        Exploration full = new Explorer(s, p).reduction(false).workers(1).run();
        Exploration reduced = new Explorer(s, p).reduction(true).workers(1).run();
        if (full.error() != null || reduced.error() != null) {
            return full.error() == null || reduced.error() == null ? "error " + full.error() + " vs "
                    + reduced.error() : null;
        }
        if (!full.complete() || !reduced.complete()) {
            // a budget cut leaves different parts unexplored: only a complete pair compares
            return full.complete() && !reduced.complete() ? "the reduced search hit the budget, the unreduced did not"
                    : null;
        }
        if (!full.violations().keySet().equals(reduced.violations().keySet())) {
            return "checks " + full.violations().keySet() + " unreduced vs " + reduced.violations().keySet();
        }
        if (reduced.states() > full.states()) {
            return "states " + full.states() + " unreduced vs " + reduced.states();
        }
        for (CheckId c : full.violations().keySet()) {
            Counterexample a = full.violations().get(c);
            Counterexample b = reduced.violations().get(c);
            if (a.schedule().size() != b.schedule().size()) {
                return c.id() + " in " + a.schedule().size() + " moves unreduced vs " + b.schedule().size();
            }
            Explorer.Replay r = new Explorer(s, p).replay(b.schedule());
            if (c != CheckId.DEADLOCK && (r.violation() == null || r.violation().check() != c)) {
                return c.id() + ": the reduced search's schedule does not replay to it";
            }
        }
        return null;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theReducedSearchFiresTheSameChecksWithCounterexamplesAsShort(long seed) {
        int threads = seed % 3 == 0 ? 3 : 2;
        int bound = threads == 3 ? 0 : (int) (seed % 2);
        Scenario generated = ModelGenerator.generate(seed, threads);
        Scenario s = generated.withBounds(new Bounds(bound, 100_000, generated.bounds().stepBudget()));
        for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
            String d = difference(s, p);
            if (d != null) {
                Scenario small = ModelGenerator.shrink(s, sc -> difference(sc, p) != null);
                fail("reduction under " + p.id() + ", bound " + bound + ", seed " + seed + " (rerun with "
                        + "-Dswapbench.seed=" + seed + "): " + d + "; shrunk to (" + difference(small, p) + "):\n"
                        + ScenarioWriter.toYaml(small));
            }
        }
    }
}
