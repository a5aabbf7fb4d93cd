package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.scenarios.faulty.FaultyPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact hit rate of the uniformly random scheduler agrees with random runs of the same scheduler, on seeded random
 * scenarios under every built-in policy and the faulty ones of {@link FaultyPolicies} (whose mistakes fire checks in
 * some orders and not in others): for every check, and for any check, the exact probability lies inside the
 * 99.99 % Wilson interval of 2,000 runs (seeded by the scenario's seed, so the test is deterministic; at 99.99 % a
 * correct computation fails by chance about once in 10,000 comparisons). Scenarios whose graph passes 20,000 states are
 * skipped. A failure prints the seed (rerun one with {@code -Dswapbench.seed=N}) and the scenario shrunk to the fewest
 * threads and actions that still disagree.
 */
class HitRatePropertyTest {
    private static final int RUNS = 2000;
    private static final double Z = 3.8906;

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 25);
    }

    /** Pairs compared, and among them those where some check has a rate strictly between 0 and 1, over all seeds. */
    private static final AtomicInteger COMPARED = new AtomicInteger();
    private static final AtomicInteger BETWEEN = new AtomicInteger();

    /** How the exact rates differ from the runs', or null when every one lies in the runs' interval. */
    static String difference(Scenario s, SwapFaultPolicy p, long seed, AtomicInteger compared) {
        HitRate.Result exact = HitRate.of(s, p, new HitRate.Options(20_000, RUNS, seed, 0));
        if (exact.error() != null || !exact.any().exact()) {
            return null; // a failing policy or a graph too big: nothing to compare
        }
        HitRate.Result runs = HitRate.of(s, p, new HitRate.Options(1, RUNS, seed, 0));
        if (runs.error() != null) {
            return "the runs failed where the exact computation did not: " + runs.error();
        }
        String d = outside("any check", exact.any(), runs.any());
        for (CheckId c : CheckId.values()) {
            HitRate.Uniform e = exact.checks().get(c);
            HitRate.Uniform r = runs.checks().get(c);
            if (d == null && (e != null || r != null)) {
                d = outside(c.id(), e, r);
            }
        }
        compared.incrementAndGet();
        if (exact.checks().values().stream().anyMatch(u -> u.rate() > 0 && u.rate() < 1)) {
            BETWEEN.incrementAndGet();
        }
        return d;
    }

    private static String outside(String what, HitRate.Uniform exact, HitRate.Uniform runs) {
        double rate = exact == null ? 0 : exact.rate();
        long hits = runs == null ? 0 : runs.hits();
        double[] ci = wilson(hits, RUNS);
        return ci[0] <= rate && rate <= ci[1] ? null : what + ": exact " + rate + ", runs " + hits + " of " + RUNS
                + " (interval [" + ci[0] + ", " + ci[1] + "])";
    }

    /** The Wilson score interval at {@link #Z}, written out here again as the test's own reference. */
    private static double[] wilson(long hits, long n) {
        double q = (double) hits / n;
        double z2 = Z * Z;
        double centre = (q + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(q * (1 - q) / n + z2 / (4.0 * n * n));
        return new double[] {hits == 0 ? 0 : centre - half, hits == n ? 1 : centre + half};
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theExactRateLiesWithinTheIntervalOfRandomRuns(long seed) {
        Scenario s = ModelGenerator.generate(seed, 2);
        AtomicInteger compared = new AtomicInteger();
        List<SwapFaultPolicy> policies = new ArrayList<>(CorpusResults.policiesFor(s));
        policies.addAll(FaultyPolicies.all());
        for (SwapFaultPolicy p : policies) {
            String d = difference(s, p, seed, compared);
            if (d != null) {
                Scenario small = ModelGenerator.shrink(s, sc -> difference(sc, p, seed, new AtomicInteger()) != null);
                fail("hit rate under " + p.id() + ", seed " + seed + " (rerun with -Dswapbench.seed=" + seed + "): "
                        + d + "; shrunk to (" + difference(small, p, seed, new AtomicInteger()) + "):\n"
                        + ScenarioWriter.toYaml(small));
            }
        }
        System.out.println("hit-rate property, seed " + seed + ": " + compared + " policies compared");
        COMPARED.addAndGet(compared.get());
    }

    /** The property is not empty: many pairs were compared, several with a rate that is neither 0 nor 1. */
    @AfterAll
    static void enoughPairsWereCompared() {
        System.out.println("hit-rate property: " + COMPARED + " pairs compared, " + BETWEEN + " with a rate in (0, 1)");
        if (System.getProperty("swapbench.seed") == null) {
            assertTrue(COMPARED.get() >= 30 && BETWEEN.get() >= 5, COMPARED + " pairs compared, " + BETWEEN
                    + " with a rate in (0, 1)");
        }
    }
}
