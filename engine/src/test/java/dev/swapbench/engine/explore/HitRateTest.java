package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.TestPolicy;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.v6.Bypass415;
import dev.swapbench.policies.v6.SwapcachePrepare68;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.SwapFaultPolicy;
import org.junit.jupiter.api.Test;

/**
 * The hit rate under the uniformly random scheduler: the exact computation on chains whose value is known by hand, on
 * the CVE-2024-26759 scenario against runs of the same scheduler, and the fallback to an estimate. From the command
 * line: {@code ./swapbench run --policy bypass-v4.15 --scenario v6-CVE-2024-26759 --hit-rate} prints a
 * {@code hit rate:} line under the verdict.
 */
class HitRateTest {
    private static final int STALE = StateGraph.bit(CheckId.STALE_MAPPING);
    private static final int MEMCG = StateGraph.bit(CheckId.MEMCG_DRIFT);
    private static final int BUG = StateGraph.bit(CheckId.KERNEL_BUG);

    /**
     * Two threads of m and n steps; the check fires when all of A's steps come before B's first. While both can move
     * each is picked with probability 1/2, so the chance is (1/2)^m.
     */
    private static StateGraph grid(int m, int n) {
        StateGraph g = new StateGraph();
        int[][] node = new int[m + 1][n + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                node[i][j] = g.node(i == m && j == 0 ? STALE : 0);
            }
        }
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                int v = node[i][j];
                g.expanding(v);
                int enabled = (i < m ? 1 : 0) + (j < n ? 1 : 0);
                if (i < m) {
                    g.edge(v, node[i + 1][j], 1.0 / enabled);
                }
                if (j < n) {
                    g.edge(v, node[i][j + 1], 1.0 / enabled);
                }
            }
        }
        return g;
    }

    @Test
    void onlyOneOrderOfTwoStepsFiresInHalfTheRuns() {
        double[] r = grid(1, 1).reach(STALE);
        assertEquals(0.5, r[0], 0);
        assertEquals(0.5, r[1], 0);
    }

    @Test
    void threeStepsOfOneThreadBeforeAnotherThreadMovesIsOneRunInEight() {
        double[] r = grid(3, 2).reach(StateGraph.ANY);
        assertEquals(0.125, r[0], 1e-15);
        assertEquals(r[0], r[1], 0, "an acyclic graph is solved exactly");
    }

    @Test
    void aRetryThatComesBackToTheSameStateOnlyDividesByTheChanceOfLeaving() {
        // from the start: a third fires inside the step, a third ends clean, a third retries from the start: 1/2
        StateGraph g = new StateGraph();
        int start = g.node(0);
        int clean = g.node(0);
        g.expanding(start);
        g.firingEdge(start, CheckId.STALE_MAPPING, 1.0 / 3);
        g.edge(start, clean, 1.0 / 3);
        g.edge(start, start, 1.0 / 3);
        double[] r = g.reach(STALE);
        assertEquals(0.5, r[0], 1e-15);
        assertEquals(0.5, r[1], 1e-15);
    }

    @Test
    void aCycleOfTwoStatesIsBracketedWithinTheTolerance() {
        // p0 = p1/2, p1 = p0/2 + 1/2: p0 = 1/3
        StateGraph g = new StateGraph();
        int a = g.node(0);
        int b = g.node(0);
        int end = g.node(0);
        int hit = g.node(STALE);
        g.expanding(a);
        g.edge(a, b, 0.5);
        g.edge(a, end, 0.5);
        g.expanding(b);
        g.edge(b, a, 0.5);
        g.edge(b, hit, 0.5);
        double[] r = g.reach(STALE);
        assertTrue(r[0] <= 1.0 / 3 && 1.0 / 3 <= r[1], r[0] + " .. " + r[1]);
        assertTrue(r[1] - r[0] <= StateGraph.TOLERANCE, "bracket " + (r[1] - r[0]));
    }

    @Test
    void gamblersRuinMatchesItsClosedForm() {
        // a walk on 0..10 from 3, up with 0.4, down with 0.6; the check fires at 10: ((q/p)^3 - 1) / ((q/p)^10 - 1)
        // node 0 is the start: it steps to 3
        StateGraph walk = new StateGraph();
        int startNode = walk.node(0);
        int[] w = new int[11];
        for (int i = 0; i <= 10; i++) {
            w[i] = walk.node(i == 10 ? STALE : 0);
        }
        walk.expanding(startNode);
        walk.edge(startNode, w[3], 1);
        for (int i = 1; i < 10; i++) {
            walk.expanding(w[i]);
            walk.edge(w[i], w[i + 1], 0.4);
            walk.edge(w[i], w[i - 1], 0.6);
        }
        double ratio = 0.6 / 0.4;
        double expected = (Math.pow(ratio, 3) - 1) / (Math.pow(ratio, 10) - 1);
        double[] r = walk.reach(STALE);
        assertTrue(r[0] <= expected * (1 + 1e-12) && expected <= r[1] * (1 + 1e-12), r[0] + " .. " + r[1]
                + " vs " + expected);
        assertEquals(expected, r[0], expected * 1e-9);
    }

    @Test
    void aCheckAtAStateDoesNotEndTheRunButOneInsideAStepDoes() {
        // start: 1/2 a BUG inside the step; 1/2 to a state where memcg drifts, from which stale-mapping follows
        StateGraph g = new StateGraph();
        int start = g.node(0);
        int drift = g.node(MEMCG);
        int stale = g.node(STALE);
        g.expanding(start);
        g.firingEdge(start, CheckId.KERNEL_BUG, 0.5);
        g.edge(start, drift, 0.5);
        g.expanding(drift);
        g.edge(drift, stale, 1);
        assertEquals(0.5, g.reach(STALE)[0], 0);
        assertEquals(0.5, g.reach(MEMCG)[0], 0);
        assertEquals(0.5, g.reach(BUG)[0], 0);
        assertEquals(1.0, g.reach(StateGraph.ANY)[0], 0);
        assertEquals(STALE | MEMCG | BUG, g.fires());
    }

    @Test
    void aClosedCycleWithoutACheckNeverHits() {
        StateGraph g = new StateGraph();
        int a = g.node(0);
        int b = g.node(0);
        int hit = g.node(STALE);
        g.expanding(a);
        g.edge(a, b, 1);
        g.expanding(b);
        g.edge(b, a, 1);
        assertEquals(0.0, g.reach(STALE)[1], 0, "the hit state is not reachable: " + hit);
    }

    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        double[] none = HitRate.wilson(0, 10);
        assertEquals(0.0, none[0], 1e-12);
        assertEquals(0.2775, none[1], 1e-4);
        double[] half = HitRate.wilson(5, 10);
        assertEquals(0.2366, half[0], 1e-4);
        assertEquals(0.7634, half[1], 1e-4);
    }

    /**
     * The CVE-2024-26759 race under bypass-v4.15: the exact rate lies in (0, 1), and 20,000 runs of the same scheduler
     * (seed 5) land within their 99.99 % interval of it.
     */
    @Test
    void theSkipSwapcacheRaceIsSolvedExactlyAndAgreesWithRandomRuns() {
        HitRate.Result r = HitRate.of(Scenarios.skipSwapcacheRace(false), new Bypass415(),
                new HitRate.Options(1_000_000, 1000, 1, 0));
        HitRate.Uniform u = r.checks().get(CheckId.STALE_MAPPING);
        assertNotNull(u, "stale-mapping has no rate: " + r.checks());
        assertTrue(u.exact(), "fell back: " + u.fallback());
        assertTrue(u.rate() > 0 && u.rate() < 1, "rate " + u.rate());
        assertTrue(u.high() - u.low() <= 1e-9 * u.rate(), u.low() + " .. " + u.high());
        assertTrue(u.states() > 1000, "states " + u.states());
        assertNull(r.pct());
        Explorer x = new Explorer(Scenarios.skipSwapcacheRace(false).withBounds(
                Scenarios.skipSwapcacheRace(false).bounds().withMaxPreemptions(-1)), new Bypass415());
        HitRate.Sample s = HitRate.sample(x, 20_000, 5);
        double[] ci = HitRate.wilson(s.hits[CheckId.STALE_MAPPING.ordinal()], s.runs, 3.8906);
        assertTrue(ci[0] <= u.rate() && u.rate() <= ci[1], "exact " + u.rate() + " outside the runs' interval ["
                + ci[0] + ", " + ci[1] + "] (" + s.hits[CheckId.STALE_MAPPING.ordinal()] + " of " + s.runs + ")");
        assertEquals(0, s.cut);
    }

    @Test
    void theV68FixIsNeverHit() {
        HitRate.Result r = HitRate.of(Scenarios.skipSwapcacheRace(false), new SwapcachePrepare68(),
                new HitRate.Options(1_000_000, 100, 1, 0));
        assertTrue(r.any().exact(), "fell back: " + r.any().fallback());
        assertEquals(0.0, r.any().high(), 0, r.checks().toString());
    }

    /** Hugh's R2 without a preemption bound is far past a budget of 200 states: an estimate, and why. */
    @Test
    void aGraphPastTheBudgetFallsBackToRandomRunsAndSaysWhy() {
        HitRate.Result r = HitRate.of(Scenarios.r2(), new Legacy(), new HitRate.Options(200, 2000, 7, 3));
        HitRate.Uniform u = r.any();
        assertFalse(u.exact());
        assertEquals("the graph has more than 200 states (the budget)", u.fallback());
        assertEquals(2000, u.runs());
        assertTrue(u.low() <= u.rate() && u.rate() <= u.high());
        HitRate.PctRate p = r.pct();
        assertNotNull(p);
        assertEquals(2000, p.runs());
        assertEquals(1.0 / (p.actors() * Math.pow(p.longestRun(), 2)), p.bound(), 0);
        assertTrue(p.longestRun() >= 50);
        assertTrue(p.hits() > 0, "PCT at depth 3 never hit Hugh's race in 2000 runs (PctTest: 3 of 2000, seed 7)");
    }

    /** A policy that throws on the way gives figures of none, and says why, instead of an exception. */
    @Test
    void aPolicyThatThrowsIsNamedNotThrown() {
        SwapFaultPolicy thrower = new TestPolicy("thrower") {
            @Override
            public int doSwapPage(Kernel k, Fault f) {
                k.lookupSwapCache(f.origPte().toSwapEntry());
                throw new IllegalStateException("boom");
            }
        };
        HitRate.Result r = HitRate.of(Scenarios.sanity(), thrower, new HitRate.Options(1000, 10, 1, 2));
        assertNull(r.any());
        assertTrue(r.checks().isEmpty());
        assertTrue(r.error().startsWith("the policy failed: policy thrower threw java.lang.IllegalStateException: boom"),
                r.error());
    }
}
