package dev.swapbench.engine.run;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.KernelEras;
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
        Scenario s = maxPreemptions >= -1 && maxPreemptions != scenario.bounds().maxPreemptions()
                ? scenario.withBounds(scenario.bounds().withMaxPreemptions(maxPreemptions)) : scenario;
        Expectation exp = s.expectationFor(policy.id());
        String baseline = s.knobs().baseline() != null ? s.knobs().baseline() : baselineOf(policy);
        try {
            if (!KernelEras.applies(policy, s)) {
                return notApplicable(policy, s, baseline);
            }
        } catch (RuntimeException | LinkageError ex) {
            return error(safeId(policy), s, exp, baseline, "policy " + safeId(policy) + " failed on scenario " + s.id()
                    + ": " + ex);
        }
        Exploration e;
        try {
            e = new Explorer(s, policy).run(false, timeLimit);
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
                e.maxPreemptions(), null);
    }

    /**
     * A pair from different kernel eras: nothing is explored; the result says why and counts as expected (unless the
     * scenario names the policy in its expectations, which the scenario reader rejects).
     */
    private static PairResult notApplicable(SwapFaultPolicy policy, Scenario s, String baseline) {
        String why = "policy " + policy.id() + " is written for the " + KernelEras.eraOf(policy)
                + " era, scenario " + s.id() + " for the " + s.knobs().era() + " era";
        return new PairResult(policy.id(), s.id(), baseline, Verdict.NOT_APPLICABLE, List.of(), null, why, true, 0, 0,
                0, true, s.bounds().maxPreemptions(), null);
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
