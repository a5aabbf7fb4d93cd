package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.thread.PolicyFailure;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * How often one run of a scenario hits a violation: the probability that a run under the uniformly random scheduler
 * reaches a state where a check fires, and PCT's rate at depth D (estimated) beside PCT's guaranteed lower bound. In
 * stress-test terms: about 1/rate runs until the race shows.
 *
 * <p><b>The uniformly random scheduler.</b> At each state every enabled actor (a thread's next move, a pending I/O
 * completion of a page frame: the actors of {@link Explorer}'s successor generation) is picked with equal
 * probability; a move with several choices (which free slot, which LRU page) splits its actor's probability equally
 * among them. No preemption bound and no reduction apply: the chain is the whole unreduced successor relation
 * ({@link Explorer#step}). A run ends when the scenario has ended (every user thread finished, every daemon between
 * two passes, no I/O in flight), when no thread can go on (the deadlock check, which then fires), or when no actor
 * can move; a check that fires inside a step (a BUG) ends it too. A run hits a check when it reaches a state where the
 * check fires or takes a step that fires it; a check that fires at a state does not end the run (as in the search),
 * so each check has its own rate, and "any" is the rate of reaching any check.
 *
 * <p><b>Exact, or estimated.</b> The rate is computed exactly from the state graph ({@link StateGraph#reach}) when
 * the graph has at most {@code maxStates} states and fits the heap; otherwise it is estimated from {@code runs}
 * random runs of the same scheduler, with a 95 % Wilson interval, and the result says why. The livelock check is a
 * property of cycles, not of states, and has no rate here.
 */
public final class HitRate {
    /** A run is cut after this many moves (a daemon that keeps a user thread from ever finishing). */
    static final int MAX_MOVES = Pct.MAX_MOVES;

    /** 97.5 % quantile of the standard normal distribution: the 95 % interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * What to compute.
     *
     * @param maxStates the largest state graph solved exactly; larger ones are estimated
     * @param runs      random runs of the estimate (the uniform scheduler's when it is estimated, and PCT's)
     * @param seed      the seed of both batches of runs
     * @param pctDepth  PCT's depth D; 0 for no PCT figure
     */
    public record Options(long maxStates, int runs, long seed, int pctDepth) {
        public Options {
            if (maxStates < 1 || runs < 1 || pctDepth < 0) {
                throw new IllegalArgumentException("the hit rate needs maxStates >= 1, runs >= 1 and a depth >= 0, "
                        + "got " + maxStates + ", " + runs + " and " + pctDepth);
            }
        }
    }

    /**
     * One rate under the uniformly random scheduler.
     *
     * @param exact    computed from the state graph (else estimated from random runs)
     * @param rate     the probability (exact: the middle of [low, high])
     * @param low      exact: the lower end of the computation's bracket; estimated: of the 95 % Wilson interval
     * @param high     the upper end
     * @param states   exact: states of the graph; estimated: 0
     * @param runs     estimated: runs made; exact: 0
     * @param hits     estimated: runs that hit; exact: 0
     * @param cut      estimated: runs cut after {@value #MAX_MOVES} moves (counted as misses)
     * @param fallback why it was estimated (the state budget, the heap), or null
     */
    public record Uniform(boolean exact, double rate, double low, double high, long states, long runs, long hits,
                          long cut, String fallback) {
    }

    /**
     * PCT's rate at depth d, estimated from random runs, and its guaranteed lower bound 1/(n k^(d-1)) for a bug of
     * depth d.
     *
     * @param depth      d
     * @param runs       runs made
     * @param hits       runs in which some check fired
     * @param rate       hits / runs
     * @param low        95 % Wilson interval, lower end
     * @param high       upper end
     * @param actors     n: the actors PCT prioritises (threads and per-frame I/O completions)
     * @param longestRun k: the longest run that ended by itself, in moves
     * @param bound      1/(n k^(d-1))
     * @param cutRuns    runs cut after {@value #MAX_MOVES} moves (a thread that spins at a high priority starves the
     *                   one it waits for): counted as misses, and left out of k
     */
    public record PctRate(int depth, long runs, long hits, double rate, double low, double high, int actors,
                          int longestRun, double bound, int cutRuns) {
    }

    /**
     * The figures of one pair.
     *
     * @param any     the rate of reaching any check
     * @param checks  per check that some run can reach (or, estimated, that some run did reach), its rate
     * @param pct     PCT's figure, or null when not asked for
     * @param seconds time taken
     * @param error   why there are no figures (the policy failed on the way: threw, looped, was nondeterministic), or
     *                null; {@code any} is then null
     */
    public record Result(Uniform any, Map<CheckId, Uniform> checks, PctRate pct, double seconds, String error) {
        public Result {
            Map<CheckId, Uniform> copy = new EnumMap<>(CheckId.class);
            copy.putAll(checks);
            checks = Collections.unmodifiableMap(copy);
        }
    }

    private HitRate() {
    }

    /**
     * The hit rates of a policy on a scenario (its preemption bound is ignored). A policy that fails on the way gives
     * a result with its {@code error}.
     */
    public static Result of(Scenario scenario, SwapFaultPolicy policy, Options options) {
        long start = System.nanoTime();
        try {
            return of(scenario, policy, options, start);
        } catch (PolicyFailure e) {
            return new Result(null, Map.of(), null, (System.nanoTime() - start) / 1e9, "the policy failed: "
                    + e.getMessage());
        }
    }

    private static Result of(Scenario scenario, SwapFaultPolicy policy, Options options, long start) {
        Scenario unbounded = scenario.withBounds(scenario.bounds().withMaxPreemptions(-1));
        Explorer x = new Explorer(unbounded, policy);
        Map<CheckId, Uniform> checks = new EnumMap<>(CheckId.class);
        Uniform any;
        StateGraph g = null;
        String fallback = null;
        try {
            g = StateGraph.explore(x, options.maxStates());
        } catch (StateGraph.TooLarge e) {
            fallback = e.getMessage();
        }
        if (g != null) {
            any = exact(g, StateGraph.ANY);
            for (CheckId c : CheckId.values()) {
                if ((g.fires() & StateGraph.bit(c)) != 0) {
                    checks.put(c, exact(g, StateGraph.bit(c)));
                }
            }
        } else {
            Sample s = sample(x, options.runs(), options.seed());
            any = estimate(s.any, s.runs, s.cut, fallback);
            for (CheckId c : CheckId.values()) {
                if (s.hits[c.ordinal()] > 0) {
                    checks.put(c, estimate(s.hits[c.ordinal()], s.runs, s.cut, fallback));
                }
            }
        }
        PctRate pct = null;
        if (options.pctDepth() > 0) {
            Pct.Outcome o = Pct.run(unbounded, policy, options.pctDepth(), options.runs(), options.seed(), null);
            if (o.exploration().error() != null) {
                throw new PolicyFailure(o.exploration().error(), null);
            }
            long hits = 0;
            for (int h : o.failing().values()) {
                hits += h;
            }
            double[] ci = wilson(hits, o.runs());
            int n = x.actors();
            int k = o.longestRun();
            pct = new PctRate(options.pctDepth(), o.runs(), hits, (double) hits / o.runs(), ci[0], ci[1], n, k,
                    1.0 / (n * Math.pow(k, options.pctDepth() - 1)), o.cutRuns());
        }
        return new Result(any, checks, pct, (System.nanoTime() - start) / 1e9, null);
    }

    private static Uniform exact(StateGraph g, int target) {
        double[] r = g.reach(target);
        return new Uniform(true, (r[0] + r[1]) / 2, r[0], r[1], g.size(), 0, 0, 0, null);
    }

    private static Uniform estimate(long hits, long runs, long cut, String fallback) {
        double[] ci = wilson(hits, runs);
        return new Uniform(false, (double) hits / runs, ci[0], ci[1], 0, runs, hits, cut, fallback);
    }

    /** The 95 % Wilson score interval of a proportion {@code hits / runs}: {low, high}. */
    static double[] wilson(long hits, long runs) {
        return wilson(hits, runs, Z95);
    }

    /** The Wilson score interval for the normal quantile {@code z}: {low, high}. */
    static double[] wilson(long hits, long runs, double z) {
        double n = runs;
        double q = hits / n;
        double z2 = z * z;
        double centre = (q + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(q * (1 - q) / n + z2 / (4 * n * n));
        return new double[] {hits == 0 ? 0 : Math.min(q, centre - half), hits == runs ? 1 : Math.max(q, centre + half)};
    }

    /** What a batch of random runs of the uniform scheduler reached. */
    static final class Sample {
        long runs;
        long any;
        long cut;
        final long[] hits = new long[CheckId.values().length];
    }

    /** {@code runs} runs of the uniformly random scheduler; run r draws from the stream seeded with (seed, r). */
    static Sample sample(Explorer x, int runs, long seed) {
        Sample out = new Sample();
        int[] enabled = new int[x.actors()];
        for (int r = 0; r < runs; r++) {
            Random random = new Random(seed * 1_000_003L + r);
            int[] cur = x.initial();
            int[] nxt = new int[cur.length];
            int reached = StateGraph.checksAt(x, cur);
            int moves = 0;
            for (int ne; (ne = enabled(x, cur, enabled)) > 0; moves++) {
                if (moves == MAX_MOVES) {
                    out.cut++;
                    break;
                }
                int a = enabled[random.nextInt(ne)];
                int c = random.nextInt(x.choicesAt(cur, a));
                try {
                    x.step(cur, a, c, nxt);
                } catch (Violation v) {
                    reached |= StateGraph.bit(v.check());
                    break;
                }
                reached |= StateGraph.checksAt(x, nxt);
                int[] t = cur;
                cur = nxt;
                nxt = t;
            }
            out.runs++;
            if (reached != 0) {
                out.any++;
            }
            for (CheckId c : CheckId.values()) {
                if ((reached & StateGraph.bit(c)) != 0) {
                    out.hits[c.ordinal()]++;
                }
            }
        }
        return out;
    }

    /**
     * The actors that may move from {@code s} under the random scheduler, into {@code out}; 0 when the run ends there
     * (the scenario has ended, no thread can go on, or no actor can move).
     */
    static int enabled(Explorer x, int[] s, int[] out) {
        if (x.scenarioEnded(s) || x.deadlock(s) != null) {
            return 0;
        }
        int n = 0;
        for (int a = 0; a < out.length; a++) {
            if (x.canMove(s, a)) {
                out[n++] = a;
            }
        }
        return n;
    }
}
