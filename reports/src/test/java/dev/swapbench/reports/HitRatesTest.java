package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.HitRate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How hit rates are worded: the lines of {@code run --hit-rate}, the reports, the JSON object and its reading back. */
class HitRatesTest {

    @Test
    void ratesHaveTwoSignificantDigitsAndTurnScientificBelowOnePercent() {
        assertEquals("2.9e-4", HitRates.rate(2.9e-4));
        assertEquals("1.0e-12", HitRates.rate(1e-12));
        assertEquals("0.018", HitRates.rate(0.0184));
        assertEquals("0.5", HitRates.rate(0.5));
        assertEquals("1", HitRates.rate(1));
        assertEquals("0", HitRates.rate(0));
    }

    @Test
    void anEstimateSaysFromHowManyRunsAndWhyItIsNotExact() {
        HitRate.Uniform u = new HitRate.Uniform(false, 0.002, 0.0014, 0.0032, 0, 10_000, 20, 0,
                "the graph has more than 1,000 states (the budget)");
        List<String> lines = HitRates.lines(new HitRate.Result(u, Map.of(CheckId.STALE_MAPPING, u), null, 1.5,
                null), List.of(CheckId.STALE_MAPPING));
        assertEquals(List.of("  hit rate: uniform random scheduler 2.0e-3 (1 run in 500), estimated from 10,000 runs "
                        + "(20 hits), 95% CI [1.4e-3, 3.2e-3] (1.50s)",
                "    (estimated, not exact: the graph has more than 1,000 states (the budget); raise --hit-rate-states, "
                        + "or -Xmx)"), lines);
    }

    @Test
    void noHitInTheRunsIsAnEstimateOfZeroNotANever() {
        HitRate.Uniform u = new HitRate.Uniform(false, 0, 0, 3.8e-4, 0, 10_000, 0, 0, "the heap (64 MiB) cannot grow");
        String line = HitRates.lines(new HitRate.Result(u, Map.of(), null, 1, null),
                List.of(CheckId.STALE_MAPPING)).get(0);
        assertEquals("  hit rate: uniform random scheduler 0, estimated from 10,000 runs (0 hits), 95% CI [0, 3.8e-4] "
                + "(1.00s)", line);
    }

    @Test
    void aLivelockHasNoRateAndAnUnreachedCheckIsZero() {
        HitRate.Uniform u = new HitRate.Uniform(true, 0.25, 0.25, 0.25, 42, 0, 0, 0, null);
        List<String> lines = HitRates.lines(new HitRate.Result(u, Map.of(CheckId.STALE_MAPPING, u), null, 0.01,
                null), List.of(CheckId.STALE_MAPPING, CheckId.KERNEL_BUG, CheckId.LIVELOCK));
        assertEquals(List.of("  hit rate: uniform random scheduler 0.25 (1 run in 4), exact over 42 states (0.01s)",
                "    stale-mapping: 0.25 (1 run in 4)",
                "    kernel-bug: 0 (no run of the random scheduler reaches it)",
                "    livelock: no rate (a livelock is a cycle that a random run leaves, not a state)"), lines);
    }

    @Test
    void aPolicyThatFailsIsNamedInsteadOfFigures() {
        List<String> lines = HitRates.lines(new HitRate.Result(null, Map.of(), null, 0, "the policy failed: boom"),
                List.of(CheckId.STALE_MAPPING));
        assertEquals(List.of("  hit rate: not computed: the policy failed: boom"), lines);
        assertEquals(Map.of("scheduler", "uniform", "error", "the policy failed: boom", "seconds", 0.0),
                HitRates.json(new HitRate.Result(null, Map.of(), null, 0, "the policy failed: boom")));
    }

    @Test
    void theCellFigureSaysExactOrEstimatedAndNeverLooksLikeZero() {
        HitRate.Uniform exact = new HitRate.Uniform(true, 7.3e-3, 7.3e-3, 7.3e-3, 574, 0, 0, 0, null);
        assertEquals("1 run in 137", HitRates.brief(new HitRate.Result(exact, Map.of(), null, 0, null)));
        HitRate.Uniform est = new HitRate.Uniform(false, 2.1e-3, 1.4e-3, 3.2e-3, 0, 10_000, 21, 0, "budget");
        assertEquals("~1 run in 476", HitRates.brief(new HitRate.Result(est, Map.of(), null, 0, null)));
        HitRate.Uniform none = new HitRate.Uniform(false, 0, 0, 3.8e-4, 0, 10_000, 0, 0, "budget");
        assertEquals("0 hits in 10,000 runs", HitRates.brief(new HitRate.Result(none, Map.of(), null, 0, null)));
        HitRate.Uniform never = new HitRate.Uniform(true, 0, 0, 0, 12, 0, 0, 0, null);
        assertEquals("never hit by a random run", HitRates.brief(new HitRate.Result(never, Map.of(), null, 0, null)));
        assertEquals("hit rate not computed", HitRates.brief(new HitRate.Result(null, Map.of(), null, 0, "boom")));
    }

    @Test
    void aCheckWithoutItsOwnRateIsZeroOrHasNone() {
        HitRate.Uniform exact = new HitRate.Uniform(true, 0.25, 0.25, 0.25, 42, 0, 0, 0, null);
        HitRate.Result r = new HitRate.Result(exact, Map.of(CheckId.STALE_MAPPING, exact), null, 0, null);
        assertEquals("0.25 (1 run in 4), exact over 42 states", HitRates.uniform(r, CheckId.STALE_MAPPING));
        assertEquals("0 for kernel-bug (no run of the random scheduler reaches it)",
                HitRates.uniform(r, CheckId.KERNEL_BUG));
        assertEquals("no rate (a livelock is a cycle that a random run leaves, not a state)",
                HitRates.uniform(r, CheckId.LIVELOCK));
    }
}
