package dev.swapbench.scenarios;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.explore.KernelEras;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every (built-in policy, built-in scenario) pair of the corpus, each explored at most once per JVM and shared by
 * {@link CorpusTest} (verdicts as expected) and {@link ResultsHistoryTest} (verdicts unchanged), so a build explores
 * the corpus once.
 */
final class CorpusResults {
    static final PolicyCatalog POLICIES = PolicyCatalog.load(CorpusResults.class.getClassLoader());
    private static final Map<String, PairResult> RESULTS = new ConcurrentHashMap<>();
    private static List<Scenario> scenarios;

    private CorpusResults() {
    }

    /** The built-in corpus, in index order. */
    static synchronized List<Scenario> scenarios() {
        if (scenarios == null) {
            scenarios = ScenarioLoader.builtIn(POLICIES.policies().keySet());
        }
        return scenarios;
    }

    /** The built-in policies, sorted by id. */
    static List<SwapFaultPolicy> policies() {
        return POLICIES.sorted();
    }

    /** The built-in policies written for the scenario's kernel era, sorted by id. */
    static List<SwapFaultPolicy> policiesFor(Scenario s) {
        return policies().stream().filter(p -> KernelEras.applies(p, s)).toList();
    }

    /** The result of one pair, explored on first use with the scenario's own bounds. */
    static PairResult result(SwapFaultPolicy p, Scenario s) {
        return RESULTS.computeIfAbsent(s.id() + " " + p.id(),
                k -> PairChecker.check(p, s, PairChecker.KEEP_SCENARIO_BOUND));
    }

    /** Every pair of the corpus. */
    static List<PairResult> all() {
        List<PairResult> out = new ArrayList<>();
        for (Scenario s : scenarios()) {
            for (SwapFaultPolicy p : policies()) {
                out.add(result(p, s));
            }
        }
        return out;
    }

    /**
     * The results-history line of one pair: {@code SCENARIO POLICY VERDICT CHECKS states=N bound=B complete|incomplete}.
     * CHECKS lists the fired checks in {@link CheckId} order, comma-separated, or {@code -}; anon-rmap with its kind
     * ({@code anon-rmap:bug}). Only deterministic
     * facts: no times, no transition counts.
     */
    static String line(PairResult r) {
        Map<CheckId, String> fired = new java.util.EnumMap<>(CheckId.class);
        for (Counterexample c : r.violations()) {
            fired.put(c.check(), c.kind() == null ? c.check().id() : c.check().id() + ":" + c.kind());
        }
        String checks = fired.isEmpty() ? "-" : String.join(",", fired.values());
        return r.scenario() + " " + r.policy() + " " + r.verdict().id() + " " + checks + " states=" + r.states()
                + " bound=" + r.maxPreemptions() + " " + (r.complete() ? "complete" : "incomplete");
    }
}
