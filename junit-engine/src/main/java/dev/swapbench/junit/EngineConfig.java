package dev.swapbench.junit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's configuration parameters, read from {@code junit-platform.properties}, Surefire's
 * {@code <configurationParameters>}, system properties or the launcher request (the JUnit Platform merges them).
 *
 * @param scenarioDirectory       {@value #SCENARIOS}: folder searched (recursively) for {@code *.yaml} scenario files;
 *                                relative to the working directory
 * @param policies                {@value #POLICIES}: ids of the policies to run (empty: all found)
 * @param includeBuiltInPolicies  {@value #INCLUDE_BUILT_IN_POLICIES}: whether swapbench's own policies run
 * @param includeBuiltInScenarios {@value #INCLUDE_BUILT_IN_SCENARIOS}: whether the built-in corpus runs
 * @param maxPreemptions          {@value #MAX_PREEMPTIONS}: overrides every scenario's bound (-1: none); -2 keeps each
 *                                scenario's own
 * @param reportDirectory         {@value #REPORTS}: where the report set (html, md, json, junit.xml) is written after
 *                                the run; null: nowhere
 * @param baseline                {@value #BASELINE}: a previous {@code report.json}; with it only regressions fail (see
 *                                {@link Judge})
 * @param parallelism             {@value #PARALLELISM}: pairs explored at once in this JVM (with {@value #WORKERS} 0)
 * @param workers                 {@value #WORKERS}: worker JVMs that check pairs at once, each watched (a policy
 *                                that loops, sleeps, exits or crashes fails its own pair); 0: in this JVM, unwatched.
 *                                Default: the machine's cores
 * @param pairLimitSeconds        {@value #PAIR_LIMIT}: seconds after which a worker whose pair has not finished is
 *                                killed (its test then fails naming the pair). Default: 600
 * @param problems                values that could not be understood, one sentence each
 */
public record EngineConfig(Path scenarioDirectory, Set<String> policies, boolean includeBuiltInPolicies,
                           boolean includeBuiltInScenarios, int maxPreemptions, Path reportDirectory, Path baseline,
                           int parallelism, int workers, double pairLimitSeconds, List<String> problems) {

    public static final String SCENARIOS = "swapbench.scenarios";
    public static final String POLICIES = "swapbench.policies";
    public static final String INCLUDE_BUILT_IN_POLICIES = "swapbench.includeBuiltInPolicies";
    public static final String INCLUDE_BUILT_IN_SCENARIOS = "swapbench.includeBuiltInScenarios";
    public static final String MAX_PREEMPTIONS = "swapbench.maxPreemptions";
    public static final String REPORTS = "swapbench.reports";
    public static final String BASELINE = "swapbench.baseline";
    public static final String PARALLELISM = "swapbench.parallelism";
    public static final String WORKERS = "swapbench.workers";
    public static final String PAIR_LIMIT = "swapbench.pairLimit";

    /** Default of {@value #SCENARIOS}. */
    public static final String DEFAULT_SCENARIOS = "src/test/swapbench";
    /** {@link #maxPreemptions} value meaning "each scenario's own bound" (PairChecker's convention). */
    public static final int KEEP_BOUND = dev.swapbench.engine.run.PairChecker.KEEP_SCENARIO_BOUND;

    public EngineConfig {
        policies = Set.copyOf(policies);
        problems = List.copyOf(problems);
    }

    public static EngineConfig from(ConfigurationParameters params) {
        List<String> problems = new ArrayList<>();
        Path dir = Paths.get(text(params, SCENARIOS).orElse(DEFAULT_SCENARIOS));
        Set<String> policies = new LinkedHashSet<>();
        text(params, POLICIES).ifPresent(v -> {
            for (String id : v.split(",")) {
                if (!id.isBlank()) {
                    policies.add(id.strip());
                }
            }
        });
        boolean builtInPolicies = bool(params, INCLUDE_BUILT_IN_POLICIES, true, problems);
        boolean builtInScenarios = bool(params, INCLUDE_BUILT_IN_SCENARIOS, true, problems);
        int bound = KEEP_BOUND;
        Optional<String> b = text(params, MAX_PREEMPTIONS);
        if (b.isPresent()) {
            try {
                bound = Integer.parseInt(b.get());
                if (bound < -1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(MAX_PREEMPTIONS + " must be -1 (no bound) or a number >= 0, got '" + b.get() + "'");
                bound = KEEP_BOUND;
            }
        }
        int parallelism = Runtime.getRuntime().availableProcessors();
        Optional<String> p = text(params, PARALLELISM);
        if (p.isPresent()) {
            try {
                parallelism = Integer.parseInt(p.get());
                if (parallelism < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(PARALLELISM + " must be a number >= 1, got '" + p.get() + "'");
                parallelism = 1;
            }
        }
        int workers = Runtime.getRuntime().availableProcessors();
        Optional<String> w = text(params, WORKERS);
        if (w.isPresent()) {
            try {
                workers = Integer.parseInt(w.get());
                if (workers < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(WORKERS + " must be 0 (in this JVM) or more, got '" + w.get() + "'");
                workers = 0;
            }
        }
        double pairLimit = 600;
        Optional<String> l = text(params, PAIR_LIMIT);
        if (l.isPresent()) {
            try {
                pairLimit = Double.parseDouble(l.get());
                if (!(pairLimit > 0)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(PAIR_LIMIT + " must be a positive number of seconds, got '" + l.get() + "'");
                pairLimit = 600;
            }
        }
        Path reports = text(params, REPORTS).map(Paths::get).orElse(null);
        Path baseline = text(params, BASELINE).map(Paths::get).orElse(null);
        return new EngineConfig(dir, policies, builtInPolicies, builtInScenarios, bound, reports, baseline,
                parallelism, workers, pairLimit, problems);
    }

    private static Optional<String> text(ConfigurationParameters params, String key) {
        return params.get(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static boolean bool(ConfigurationParameters params, String key, boolean dflt, List<String> problems) {
        Optional<String> v = text(params, key);
        if (v.isEmpty()) {
            return dflt;
        }
        if (v.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.get().equalsIgnoreCase("false")) {
            return false;
        }
        problems.add(key + " must be true or false, got '" + v.get() + "'");
        return dflt;
    }
}
