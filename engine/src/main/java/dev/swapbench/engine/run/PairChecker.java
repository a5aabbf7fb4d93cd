package dev.swapbench.engine.run;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.Pct;
import dev.swapbench.engine.explore.KernelEras;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.thread.LastCall;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks one policy against one scenario and judges the result against the scenario's expectation. */
public final class PairChecker {
    /** For {@link #check}: keep the scenario's own preemption bound. */
    public static final int KEEP_SCENARIO_BOUND = -2;

    /**
     * What a pair whose scenario states no expectation for its policy must do in serial mode: stay clean (one whole
     * episode at a time there is no race).
     */
    private static final Expectation SERIAL_EXPECTATION = new Expectation(Set.of(), "serial mode: whole episodes "
            + "one at a time need no race, so a check that fires is a model bug (or a policy bug that needs no race)",
            0);

    /** How every serial-mode reason starts. */
    private static final String SERIAL_PREFIX = "serial mode: ";

    /** The anon-rmap kinds from weakest to strongest ({@code Counterexample#kind}). */
    private static final List<String> KIND_ORDER = List.of("unfindable-transient", "unfindable-permanent", "bug");

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
                                   Duration timeLimit) {
        return check(policy, scenario, maxPreemptions, timeLimit, Explorer.Mode.INTERLEAVED);
    }

    /**
     * @param maxPreemptions the preemption bound: a number >= 0, -1 for none, or {@link #KEEP_SCENARIO_BOUND}
     *                       (not used in serial mode, whose executions have no preemption: the result says 0)
     * @param timeLimit      stop the search after this long (verdict incomplete unless a check fired); null: none
     * @param mode           every interleaving, or (serial) every order of whole episodes
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions,
                                   Duration timeLimit, Explorer.Mode mode) {
        return check(policy, scenario, maxPreemptions, timeLimit, mode, true);
    }

    /**
     * @param reduction whether the search uses its reduction ({@code Explorer.reduction}: idle-last with a
     *                  preemption bound, sleep sets without); verdicts do not depend on it
     */
    public static PairResult check(SwapFaultPolicy policy, Scenario scenario, int maxPreemptions,
                                   Duration timeLimit, Explorer.Mode mode, boolean reduction) {
        int bound = mode == Explorer.Mode.SERIAL ? 0 : maxPreemptions;
        Scenario s = bound >= -1 && bound != scenario.bounds().maxPreemptions()
                ? scenario.withBounds(scenario.bounds().withMaxPreemptions(bound)) : scenario;
        Expectation exp = s.expectationFor(policy.id());
        if (mode == Explorer.Mode.SERIAL && exp == null) {
            exp = SERIAL_EXPECTATION;
        }
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
        LastCall.clear();
        try {
            e = new Explorer(s, policy, mode).reduction(reduction).run(false, timeLimit);
        } catch (OutOfMemoryError oom) {
            return error(policy.id(), s, exp, baseline, outOfMemory(oom, policy, s));
        } catch (RuntimeException | LinkageError | AssertionError ex) {
            // thread code's own failures arrive as Exploration.error(); anything thrown here is the engine's
            LastCall.Position at = LastCall.now();
            return error(policy.id(), s, exp, baseline, "internal error in the engine on scenario " + s.id()
                    + " (" + s.origin() + ") under policy " + safeId(policy) + ": " + ex + where(ex)
                    + (at != null ? "; last step: " + at.describe() : "")
                    + "; please report it with the scenario file");
        }
        if (e.error() != null) {
            return error(policy.id(), s, exp, baseline, "on scenario " + s.id() + ": " + e.error());
        }
        List<Counterexample> violations = new ArrayList<>(e.violations().values());
        Verdict verdict = !violations.isEmpty() ? Verdict.VIOLATED : e.complete() ? Verdict.CLEAN : Verdict.INCOMPLETE;
        Set<String> fired = new TreeSet<>();
        for (CheckId c : e.violations().keySet()) {
            fired.add(c.id());
        }
        Counterexample anonRmap = e.violations().get(CheckId.ANON_RMAP);
        boolean kindAsExpected = exp == null || exp.anonRmapKind() == null || anonRmap == null
                || exp.anonRmapKind().equals(anonRmap.kind());
        boolean asExpected = exp == null || (verdict != Verdict.INCOMPLETE && fired.equals(new TreeSet<>(exp.checks()))
                && kindAsExpected);
        String reason = exp == null ? null : exp.reason();
        if (mode == Explorer.Mode.SERIAL) {
            // the scenario's expectation is for every interleaving; serial executions are some of them, so serially a
            // pair may fire fewer of the expected checks (the rest need an interleaving) but never another one
            String found = anonRmap == null ? null : anonRmap.kind();
            boolean kindWithin = exp.anonRmapKind() == null || found == null
                    || KIND_ORDER.indexOf(found) <= KIND_ORDER.indexOf(exp.anonRmapKind());
            asExpected = verdict != Verdict.INCOMPLETE && exp.checks().containsAll(fired) && kindWithin;
            reason = serialReason(exp, fired, kindWithin);
        }
        return new PairResult(policy.id(), s.id(), baseline, verdict, violations, exp == null ? null : exp.checks(),
                reason, asExpected, e.states(), e.transitions(), e.seconds(), e.complete(),
                s.bounds().maxPreemptions(), null, stopped(e, s), e.reduction());
    }

    /** Why a serial result stands as it does against the scenario's expectation. */
    private static String serialReason(Expectation exp, Set<String> fired, boolean kindWithin) {
        Set<String> extra = new TreeSet<>(fired);
        extra.removeAll(exp.checks());
        Set<String> missing = new TreeSet<>(exp.checks());
        missing.removeAll(fired);
        if (!extra.isEmpty() || !kindWithin) {
            return SERIAL_PREFIX + "whole episodes one at a time need no race, so " + (extra.isEmpty()
                    ? "anon-rmap of a stronger kind than expected (" + exp.anonRmapKind() + ")" : String.join(", ", extra))
                    + " firing here is a model bug or a policy bug that needs no race (expected with every "
                    + "interleaving: " + (exp.checks().isEmpty() ? "clean" : String.join(", ", new TreeSet<>(exp.checks())))
                    + ")";
        }
        String why = exp == SERIAL_EXPECTATION || exp.reason() == null || exp.reason().isEmpty() ? ""
                : "; with every interleaving: " + exp.reason();
        if (exp.checks().isEmpty()) {
            return exp == SERIAL_EXPECTATION ? exp.reason() : SERIAL_PREFIX + "clean, as expected with every "
                    + "interleaving" + (why.isEmpty() ? "" : ": " + exp.reason());
        }
        StringBuilder b = new StringBuilder(SERIAL_PREFIX);
        if (!missing.isEmpty()) {
            b.append("the expected ").append(String.join(", ", missing)).append(missing.size() == 1 ? " needs" : " need")
                    .append(" an interleaving inside kernel paths: not reachable one whole episode at a time");
        }
        if (!fired.isEmpty()) {
            b.append(missing.isEmpty() ? "" : "; ").append(String.join(", ", fired))
                    .append(" fire").append(fired.size() == 1 ? "s" : "").append(" without a race, as expected (a "
                    + "policy bug that needs no race)");
        }
        return b.append(why).toString();
    }

    /**
     * Runs PCT's randomized schedules ({@link Pct}) instead of a search: violated when a run makes a check fire (the
     * shortest failing run per check is the counterexample), otherwise incomplete; as expected when no check
     * outside the scenario's expectation fired (random runs may miss an expected one).
     */
    public static PairResult checkPct(SwapFaultPolicy policy, Scenario s, int depth, int runs, long seed,
                                      Duration timeLimit) {
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

    /**
     * What to do about running out of heap, by where it happened: in the policy's code (the policy allocates),
     * while building the scenario's state layout (the scenario is too large), or in the search (too many states).
     */
    public static String outOfMemory(OutOfMemoryError oom, SwapFaultPolicy policy, Scenario s) {
        String policyPackage = policy.getClass().getPackageName();
        boolean inPolicy = false;
        boolean building = false;
        for (StackTraceElement f : oom.getStackTrace()) {
            String c = f.getClassName();
            int dot = c.lastIndexOf('.');
            if ((dot < 0 ? "" : c.substring(0, dot)).equals(policyPackage)) {
                inPolicy = true;
                break;
            }
            if (f.getMethodName().equals("<init>") && (c.endsWith(".Explorer") || c.endsWith(".Machine"))) {
                building = true;
            }
        }
        String head = "ran out of memory (" + oom.getMessage() + ") checking policy " + safeId(policy)
                + " on scenario " + s.id();
        if (inPolicy) {
            LastCall.Position at = LastCall.now();
            return head + " inside the policy's own code" + (at != null ? " (" + at.describe() + ")" : "")
                    + ": the policy allocates without bound; a handler must not keep state";
        }
        if (building) {
            return head + " before the first state: the scenario is too large for this heap; lower its frames, "
                    + "swap_slots, threads or vma pages, or give the JVM more heap (-Xmx)";
        }
        return head + " during the search: lower bounds.max_states or the preemption bound, or give the JVM more "
                + "heap (-Xmx)";
    }

    /** {@code " at Machine.swapFree(Machine.java:812)"}: the innermost frame, for an internal error. */
    private static String where(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        if (st.length == 0) {
            return "";
        }
        String c = st[0].getClassName();
        return " at " + c.substring(c.lastIndexOf('.') + 1) + "." + st[0].getMethodName() + "(" + st[0].getFileName()
                + ":" + st[0].getLineNumber() + ")";
    }

    /**
     * The {@code error} result of a pair that could not be checked (its worker died, was killed, or the policy could
     * not be loaded), shaped as {@link #check} shapes its own errors.
     *
     * @param baseline       the policy's kernel baseline tag, or null when unknown
     * @param maxPreemptions as for {@link #check}
     */
    public static PairResult failed(String policyId, String baseline, Scenario scenario, int maxPreemptions,
                                    String message) {
        Scenario s = maxPreemptions >= -1 && maxPreemptions != scenario.bounds().maxPreemptions()
                ? scenario.withBounds(scenario.bounds().withMaxPreemptions(maxPreemptions)) : scenario;
        String b = s.knobs().baseline() != null ? s.knobs().baseline() : baseline != null ? baseline : "unknown";
        return error(policyId, s, s.expectationFor(policyId), b, message);
    }

    /** The kernel baseline tag a policy declares (v2.6.36 when it declares none), or "unknown" when it throws. */
    public static String baselineOf(SwapFaultPolicy p) {
        try {
            KernelBaseline b = p.baseline();
            return b == null ? KernelBaseline.V2_6_36.tag() : b.tag();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
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


    private static String safeId(SwapFaultPolicy p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}
