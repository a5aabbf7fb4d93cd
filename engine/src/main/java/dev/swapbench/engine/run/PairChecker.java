package dev.swapbench.engine.run;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.Pct;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks one policy against one scenario and judges the result against the scenario's expectation. */
public final class PairChecker {
    /** For {@link #check}: keep the scenario's own preemption bound. */
    public static final int KEEP_SCENARIO_BOUND = -2;

    /** What every pair must do in serial mode, whatever its scenario expects of the races. */
    private static final Expectation SERIAL_EXPECTATION = new Expectation(Set.of(), "serial mode: whole episodes "
            + "one at a time need no race, so a check that fires is a model bug (or a policy bug that needs no race)",
            0);

    private PairChecker() {
    }

    /**
     * @param maxPreemptions the preemption bound: a number >= 0, -1 for none, or {@link #KEEP_SCENARIO_BOUND}
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions) {
        return check(policy, scenario, maxPreemptions, null);
    }

    /**
     * @param maxPreemptions the preemption bound: a number >= 0, -1 for none, or {@link #KEEP_SCENARIO_BOUND}
     * @param timeLimit      stop the search after this long (verdict incomplete unless a check fired); null: none
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions,
                                   java.time.Duration timeLimit) {
        return check(policy, scenario, maxPreemptions, timeLimit, Explorer.Mode.INTERLEAVED);
    }

    /**
     * @param maxPreemptions the preemption bound: a number >= 0, -1 for none, or {@link #KEEP_SCENARIO_BOUND}
     *                       (not used in serial mode, whose executions have no preemption: the result says 0)
     * @param timeLimit      stop the search after this long (verdict incomplete unless a check fired); null: none
     * @param mode           every interleaving, or (serial) every order of whole episodes
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions,
                                   java.time.Duration timeLimit, Explorer.Mode mode) {
        return check(policy, scenario, maxPreemptions, timeLimit, mode, true);
    }

    /**
     * @param reduction whether the search may merge states with the same futures ({@code Explorer.reduction});
     *                  verdicts do not depend on it
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions,
                                   java.time.Duration timeLimit, Explorer.Mode mode, boolean reduction) {
        int bound = mode == Explorer.Mode.SERIAL ? 0 : maxPreemptions;
        Scenario s = bound >= -1 && bound != scenario.bounds().maxPreemptions()
                ? scenario.withBounds(scenario.bounds().withMaxPreemptions(bound)) : scenario;
        Expectation exp = mode == Explorer.Mode.SERIAL ? SERIAL_EXPECTATION : s.expectationFor(policy.id());
        String baseline = s.knobs().baseline() != null ? s.knobs().baseline() : baselineOf(policy);
        Exploration e;
        try {
            e = new Explorer(s, policy, mode).reduction(reduction).run(false, timeLimit);
        } catch (OutOfMemoryError oom) {
            return error(policy.id(), s, exp, baseline, "the search of policy " + safeId(policy) + " on scenario "
                    + s.id() + " ran out of memory (" + oom.getMessage() + "): lower bounds.max_states or the "
                    + "preemption bound, or give the JVM more heap (-Xmx)");
        } catch (RuntimeException | LinkageError ex) {
            return error(policy.id(), s, exp, baseline, "policy " + safeId(policy) + " failed on scenario " + s.id()
                    + ": " + ex);
        }
        if (e.error() != null) {
            return error(policy.id(), s, exp, baseline, e.error());
        }
        List<Counterexample> violations = new ArrayList<>(e.violations().values());
        Verdict verdict = !violations.isEmpty() ? Verdict.VIOLATED : e.complete() ? Verdict.CLEAN : Verdict.INCOMPLETE;
        Set<String> fired = new TreeSet<>();
        for (CheckId c : e.violations().keySet()) {
            fired.add(c.id());
        }
        boolean asExpected = exp == null || (verdict != Verdict.INCOMPLETE && fired.equals(new TreeSet<>(exp.checks())));
        return new PairResult(policy.id(), s.id(), baseline, verdict, violations, exp == null ? null : exp.checks(),
                exp == null ? null : exp.reason(), asExpected, e.states(), e.transitions(), e.seconds(), e.complete(),
                s.bounds().maxPreemptions(), null, stopped(e, s), e.reduction());
    }

    /**
     * Runs PCT's randomized schedules ({@link Pct}) instead of a search: violated when a run makes a check fire (the
     * shortest failing run per check is the counterexample), otherwise incomplete; as expected when no check
     * outside the scenario's expectation fired (random runs may miss an expected one).
     */
    public static PairResult checkPct(SwapFaultPolicy policy, Scenario s, int depth, int runs, long seed,
                                      java.time.Duration timeLimit) {
        Expectation exp = s.expectationFor(policy.id());
        String baseline = s.knobs().baseline() != null ? s.knobs().baseline() : baselineOf(policy);
        Pct.Outcome o;
        try {
            o = Pct.run(s, policy, depth, runs, seed, timeLimit);
        } catch (RuntimeException | LinkageError ex) {
            return error(policy.id(), s, exp, baseline, "policy " + safeId(policy) + " failed on scenario " + s.id()
                    + ": " + ex);
        }
        Exploration e = o.exploration();
        if (e.error() != null) {
            return error(policy.id(), s, exp, baseline, e.error());
        }
        List<Counterexample> violations = new ArrayList<>(e.violations().values());
        Set<String> fired = new TreeSet<>();
        for (CheckId c : e.violations().keySet()) {
            fired.add(c.id());
        }
        boolean asExpected = exp == null || exp.checks().containsAll(fired);
        StringBuilder how = new StringBuilder(e.stopped());
        o.failing().forEach((c, n) -> how.append("; ").append(c.id()).append(" failed ").append(n).append(" of ")
                .append(o.runs()).append(" runs"));
        return new PairResult(policy.id(), s.id(), baseline, violations.isEmpty() ? Verdict.INCOMPLETE
                : Verdict.VIOLATED, violations, exp == null ? null : exp.checks(), exp == null ? null : exp.reason(),
                asExpected, e.states(), e.transitions(), e.seconds(), false, -1, null, how.toString(), "none");
    }

    /** Why an incomplete search stopped, with what to do about it; null when it completed. */
    private static String stopped(Exploration e, Scenario s) {
        if (e.complete() || e.stopped() == null) {
            return null;
        }
        if (e.stopped().startsWith("the heap")) {
            return "the search stopped after " + e.states() + " states because " + e.stopped() + ": give the JVM "
                    + "more heap (-Xmx, or JAVA_OPTS for ./swapbench), lower bounds.max_states, or bound the "
                    + "preemptions (--max-preemptions)";
        }
        return "the search stopped at " + e.stopped() + " after " + e.states() + " states (scenario " + s.id()
                + ", bound " + s.bounds().maxPreemptions() + ")";
    }

    private static PairResult error(String policyId, Scenario s, Expectation exp, String baseline, String message) {
        return new PairResult(policyId, s.id(), baseline, Verdict.ERROR, List.of(),
                exp == null ? null : exp.checks(), exp == null ? null : exp.reason(), false, 0, 0, 0, false,
                s.bounds().maxPreemptions(), message);
    }

    private static String baselineOf(SwapFaultPolicy p) {
        try {
            KernelBaseline b = p.baseline();
            return b == null ? KernelBaseline.V2_6_36.tag() : b.tag();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String safeId(SwapFaultPolicy p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}
