package dev.swapbench.junit;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.fork.WorkerJob;
import dev.swapbench.fork.WorkerPool;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.concurrent.CompletableFuture;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.Baseline;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.reports.Metadata;
import dev.swapbench.reports.PolicyInfo;
import dev.swapbench.reports.ReportSet;
import dev.swapbench.reports.ScenarioInfo;
import dev.swapbench.scenarios.ScenarioException;
import dev.swapbench.scenarios.ScenarioLoader;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * The swapbench JUnit Platform engine (id {@value #ENGINE_ID}): one test per (policy, scenario) pair, grouped in one
 * container per policy. Policies are found with {@code ServiceLoader} on the thread context class loader (the test
 * class path); scenarios are the built-in corpus plus every {@code *.yaml} under {@value EngineConfig#SCENARIOS}
 * (default {@value EngineConfig#DEFAULT_SCENARIOS}). See {@link EngineConfig} for the configuration parameters,
 * {@link Selection} for the selectors understood and {@link Judge} for when a pair fails. With
 * {@value EngineConfig#REPORTS} set, the run ends by writing the report set of {@link ReportSet} there
 * ({@code report.html}, {@code report.md}, {@code report.json}, {@code junit.xml}).
 *
 * <p>Unique ids: {@code [engine:swapbench]/[policy:ID]/[scenario:ID]}; a malformed scenario file is the failing test
 * {@code [engine:swapbench]/[scenario-file:PATH]}, any other discovery problem {@code [engine:swapbench]/[problem:NAME]}.
 */
public final class SwapbenchTestEngine implements TestEngine {
    public static final String ENGINE_ID = "swapbench";
    /** The {@code command} the reports written into {@value EngineConfig#REPORTS} name (their title). */
    public static final String REPORT_COMMAND = "check";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.swapbench");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("swapbench-junit-engine");
    }

    @Override
    public Optional<String> getVersion() {
        return Optional.of(JsonReport.toolVersion());
    }

    // ---------------------------------------------------------------- discovery

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineConfig config = EngineConfig.from(request.getConfigurationParameters());
        SwapbenchEngineDescriptor root = new SwapbenchEngineDescriptor(uniqueId, config);
        Selection selection = Selection.of(request, uniqueId);
        if (!selection.isEmpty()) {
            if (selection.suite != null) {
                root.source(ClassSource.from(selection.suite));
            }
            new Discovery(root, config, selection).run();
        }
        return root;
    }

    private static final class Discovery {
        private final SwapbenchEngineDescriptor root;
        private final EngineConfig config;
        private final Selection selection;
        private final List<ProblemDescriptor> problems = new ArrayList<>();

        Discovery(SwapbenchEngineDescriptor root, EngineConfig config, Selection selection) {
            this.root = root;
            this.config = config;
            this.selection = selection;
        }

        void run() {
            int n = 0;
            for (String p : config.problems()) {
                problem("configuration-" + (++n), "configuration: " + p, null);
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = SwapbenchTestEngine.class.getClassLoader();
            }
            PolicyCatalog catalog = PolicyCatalog.load(loader);
            n = 0;
            for (String p : catalog.problems()) {
                problem("policy-loading-" + (++n), p, null);
            }
            List<SwapFaultPolicy> policies = policies(catalog);
            List<Source> scenarios = scenarios(catalog.policies().keySet());
            baseline();

            List<PolicyDescriptor> containers = new ArrayList<>();
            for (SwapFaultPolicy p : policies) {
                if (!selection.includesPolicy(p)) {
                    continue;
                }
                PolicyDescriptor pd = new PolicyDescriptor(root.getUniqueId(), p);
                for (Source s : scenarios) {
                    if (selection.includesPair(p, s.scenario.id())) {
                        pd.addChild(new PairDescriptor(pd.getUniqueId(), p, s.scenario, s.source));
                    }
                }
                if (!pd.getChildren().isEmpty()) {
                    containers.add(pd);
                }
            }
            problems.forEach(root::addChild);
            containers.forEach(root::addChild);
        }

        private List<SwapFaultPolicy> policies(PolicyCatalog catalog) {
            List<SwapFaultPolicy> out = new ArrayList<>();
            for (SwapFaultPolicy p : catalog.sorted()) {
                if (!config.includeBuiltInPolicies() && builtIn(p)) {
                    continue;
                }
                if (!config.policies().isEmpty() && !config.policies().contains(p.id())) {
                    continue;
                }
                out.add(p);
            }
            Set<String> unknown = new TreeSet<>(config.policies());
            unknown.removeAll(catalog.policies().keySet());
            if (!unknown.isEmpty()) {
                problem("policy-filter", EngineConfig.POLICIES + " names " + (unknown.size() == 1 ? "a policy" : "policies")
                        + " not found on the test class path: " + String.join(", ", unknown) + "; found: "
                        + (catalog.policies().isEmpty() ? "none" : String.join(", ", new TreeSet<>(catalog.policies().keySet()))),
                        null);
            } else if (out.isEmpty() && selection.all) {
                problem("no-policy", "no policy to run: " + (catalog.policies().isEmpty()
                        ? "none registered in META-INF/services/dev.swapbench.spi.SwapFaultPolicy on the test class path"
                        : "all found (" + String.join(", ", new TreeSet<>(catalog.policies().keySet()))
                                + ") are left out by " + EngineConfig.INCLUDE_BUILT_IN_POLICIES + "=false"
                                + (config.policies().isEmpty() ? "" : " or " + EngineConfig.POLICIES)), null);
            }
            return out;
        }

        private List<Source> scenarios(Set<String> knownPolicyIds) {
            List<Source> out = new ArrayList<>();
            Map<String, String> originById = new HashMap<>();
            if (config.includeBuiltInScenarios()) {
                try {
                    for (Scenario s : ScenarioLoader.builtIn(null)) {
                        String name = s.origin().startsWith("builtin:") ? s.origin().substring(8) : s.origin();
                        out.add(new Source(s, ClasspathResourceSource.from(ScenarioLoader.CORPUS + name)));
                        originById.put(s.id(), s.origin());
                    }
                } catch (RuntimeException e) {
                    problem("builtin-corpus", "the built-in scenario corpus cannot be loaded: " + e.getMessage(), null);
                }
            }
            Path dir = config.scenarioDirectory();
            if (Files.isDirectory(dir)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                            .sorted().collect(Collectors.toList());
                } catch (IOException | UncheckedIOException e) {
                    problem("scenario-directory", "cannot list the scenario directory " + dir + ": " + e, null);
                    files = List.of();
                }
                for (Path f : files) {
                    Path shown = shown(f);
                    try {
                        Scenario s = ScenarioLoader.load(shown, knownPolicyIds);
                        String previous = originById.putIfAbsent(s.id(), s.origin());
                        if (previous != null) {
                            int line = idLine(f);
                            fileProblem(shown, line, shown + ":" + line + ":1: scenario id '" + s.id()
                                    + "' is already used by " + previous + "; scenario ids must be unique");
                            continue;
                        }
                        out.add(new Source(s, FileSource.from(f.toAbsolutePath().toFile())));
                    } catch (ScenarioException e) {
                        fileProblem(shown, e.getLine(), e.getMessage(), e.getColumn());
                    } catch (IOException | RuntimeException e) {
                        fileProblem(shown, 1, shown + ":1:1: cannot read the scenario file: " + e);
                    }
                }
            }
            if (out.isEmpty() && selection.all && problems.stream().noneMatch(
                    p -> p.getUniqueId().getLastSegment().getType().equals(ProblemDescriptor.FILE_SEGMENT))) {
                problem("no-scenario", "no scenario to run: no *.yaml file under " + dir.toAbsolutePath()
                        + (config.includeBuiltInScenarios() ? "" : " and " + EngineConfig.INCLUDE_BUILT_IN_SCENARIOS
                                + "=false"), null);
            }
            return out;
        }

        private void baseline() {
            Path b = config.baseline();
            if (b == null) {
                return;
            }
            try {
                root.baseline(Baseline.read(b));
            } catch (IOException | RuntimeException e) {
                problem("baseline", "cannot read the baseline report " + b + ": " + e.getMessage(), null);
            }
        }

        private void problem(String name, String message, TestSource source) {
            problems.add(new ProblemDescriptor(root.getUniqueId().append(ProblemDescriptor.SEGMENT, name), name,
                    message, source));
        }

        private void fileProblem(Path shown, int line, String message) {
            fileProblem(shown, line, message, 1);
        }

        private void fileProblem(Path shown, int line, String message, int column) {
            String path = shown.toString().replace('\\', '/');
            problems.add(new ProblemDescriptor(root.getUniqueId().append(ProblemDescriptor.FILE_SEGMENT, path),
                    "malformed scenario file " + path, message,
                    FileSource.from(shown.toAbsolutePath().toFile(), FilePosition.from(line, column))));
        }
    }

    private record Source(Scenario scenario, TestSource source) {
    }

    /** The path as messages show it: relative to the working directory when under it. */
    private static Path shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Paths.get("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs;
    }

    /** The 1-based line of the top-level {@code id:} key, or 1. */
    private static int idLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("id:")) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 1;
    }

    /**
     * Whether a policy is one of swapbench's own: its class comes from the swapbench-policies jar (or, inside the
     * swapbench build, from its package {@code dev.swapbench.policies}).
     */
    static boolean builtIn(SwapFaultPolicy p) {
        Class<?> c = p.getClass();
        if (c.getName().startsWith("dev.swapbench.policies.")) {
            return true;
        }
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                String path = cs.getLocation().getPath();
                return path.matches(".*/swapbench-policies[^/]*\\.jar");
            }
        } catch (SecurityException e) {
            // unknown: not built in
        }
        return false;
    }

    // ---------------------------------------------------------------- execution

    /**
     * Replaces every pair's work with a future that worker JVMs complete ({@link WorkerPool}): the policies are found
     * there on the same class path (this thread's context class loader, as discovery used it).
     */
    private static Thread fork(EngineConfig config, Map<PairDescriptor, Future<PairResult>> work) {
        List<WorkerJob> jobs = new ArrayList<>();
        Map<WorkerJob, CompletableFuture<PairResult>> done = new IdentityHashMap<>();
        for (PairDescriptor pair : work.keySet()) {
            WorkerJob job = new WorkerJob(pair.policy().id(), null, PairChecker.baselineOf(pair.policy()),
                    pair.scenario(), config.maxPreemptions(), null);
            CompletableFuture<PairResult> f = new CompletableFuture<>();
            jobs.add(job);
            done.put(job, f);
            work.put(pair, f);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        WorkerPool pool = new WorkerPool(config.workers(), List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"),
                WorkerPool.classPathOf(loader != null ? loader : SwapbenchTestEngine.class.getClassLoader()),
                Duration.ofMillis((long) Math.min(config.pairLimitSeconds() * 1000, 1e15)), WorkerPool.DEFAULT_GRACE);
        Thread t = new Thread(() -> {
            List<PairResult> results = pool.run(jobs, new WorkerPool.Listener() {
                @Override
                public void finished(WorkerJob job, PairResult result) {
                    done.get(job).complete(result);
                }
            });
            for (int i = 0; i < jobs.size(); i++) {
                done.get(jobs.get(i)).complete(results.get(i)); // no-op unless the run was cut short
            }
        }, "swapbench-workers");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor rootDescriptor = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        if (!(rootDescriptor instanceof SwapbenchEngineDescriptor root)) {
            listener.executionStarted(rootDescriptor);
            listener.executionFinished(rootDescriptor, TestExecutionResult.successful());
            return;
        }
        listener.executionStarted(root);
        EngineConfig config = root.config();
        List<PairResult> results = new ArrayList<>();
        List<String> problemMessages = new ArrayList<>();
        Map<PairDescriptor, Future<PairResult>> work = new LinkedHashMap<>();
        for (TestDescriptor child : root.getChildren()) {
            for (TestDescriptor t : child.getChildren()) {
                if (t instanceof PairDescriptor pair) {
                    work.put(pair, new FutureTask<>(() -> PairChecker.check(pair.policy(), pair.scenario(),
                            config.maxPreemptions())));
                }
            }
        }
        ExecutorService pool = null;
        Thread forked = config.workers() > 0 && !work.isEmpty() ? fork(config, work) : null;
        if (forked == null && config.parallelism() > 1 && work.size() > 1) {
            pool = Executors.newFixedThreadPool(Math.min(config.parallelism(), work.size()), r -> {
                Thread t = new Thread(r, "swapbench-explorer");
                t.setDaemon(true);
                return t;
            });
            for (Future<PairResult> f : work.values()) {
                pool.execute((FutureTask<PairResult>) f);
            }
        }
        boolean pooled = pool != null || forked != null;
        try {
            for (TestDescriptor child : root.getChildren()) {
                if (child instanceof ProblemDescriptor p) {
                    listener.executionStarted(p);
                    problemMessages.add(p.message());
                    listener.executionFinished(p, TestExecutionResult.failed(new SwapbenchFailure(p.message())));
                } else if (child instanceof PolicyDescriptor policy) {
                    listener.executionStarted(policy);
                    for (TestDescriptor t : policy.getChildren()) {
                        if (t instanceof PairDescriptor pair) {
                            runPair(pair, work.get(pair), pooled, root, listener, results);
                        }
                    }
                    listener.executionFinished(policy, TestExecutionResult.successful());
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        TestExecutionResult rootResult = TestExecutionResult.successful();
        // a request that selected nothing of ours (Surefire runs each test class on its own) leaves the reports alone
        if (config.reportDirectory() != null && !root.getChildren().isEmpty()) {
            Path dir = config.reportDirectory();
            try {
                ReportSet.Written w = ReportSet.write(dir, results, metadata(root, config, problemMessages),
                        root.baseline());
                listener.reportingEntryPublished(root, ReportEntry.from("swapbench.reports", w.dir().toString()));
            } catch (IOException | RuntimeException e) {
                rootResult = TestExecutionResult.failed(new IOException("cannot write the reports into " + dir
                        + ": " + e, e));
            }
        }
        listener.executionFinished(root, rootResult);
    }

    private static void runPair(PairDescriptor pair, Future<PairResult> future, boolean pooled,
                                SwapbenchEngineDescriptor root,
                                EngineExecutionListener listener, List<PairResult> results) {
        listener.executionStarted(pair);
        PairResult r;
        try {
            if (!pooled) {
                ((FutureTask<PairResult>) future).run();
            }
            r = future.get();
        } catch (ExecutionException e) {
            listener.executionFinished(pair, TestExecutionResult.failed(e.getCause()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.executionFinished(pair, TestExecutionResult.aborted(e));
            return;
        }
        results.add(r);
        Judge.Outcome o = Judge.judge(r, root.baseline(), pair.scenario());
        if (o.entry() != null) {
            listener.reportingEntryPublished(pair, ReportEntry.from("swapbench", o.entry()));
        }
        listener.executionFinished(pair, o.failed()
                ? TestExecutionResult.failed(new SwapbenchFailure(o.message()))
                : TestExecutionResult.successful());
    }

    /**
     * What the reports say besides the results: the policies (columns) and scenarios (rows) of the test tree in its
     * order, the discovery problems, and the run's settings.
     */
    private static Metadata metadata(SwapbenchEngineDescriptor root, EngineConfig config, List<String> problems) {
        List<PolicyInfo> policies = new ArrayList<>();
        Map<String, ScenarioInfo> scenarios = new LinkedHashMap<>();
        for (TestDescriptor child : root.getChildren()) {
            if (child instanceof PolicyDescriptor policy) {
                policies.add(PolicyInfo.of(policy.policy(), origin(policy.policy())));
                for (TestDescriptor t : policy.getChildren()) {
                    if (t instanceof PairDescriptor pair) {
                        scenarios.putIfAbsent(pair.scenario().id(), ScenarioInfo.of(pair.scenario()));
                    }
                }
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("runner", "swapbench-junit-engine");
        extra.put("scenarioDirectory", config.scenarioDirectory().toString());
        extra.put("includeBuiltInPolicies", config.includeBuiltInPolicies());
        extra.put("includeBuiltInScenarios", config.includeBuiltInScenarios());
        if (!config.policies().isEmpty()) {
            extra.put("policies", List.copyOf(new TreeSet<>(config.policies())));
        }
        if (config.maxPreemptions() != EngineConfig.KEEP_BOUND) {
            extra.put("maxPreemptionsOverride", config.maxPreemptions());
        }
        return new Metadata(REPORT_COMMAND, Instant.now(), policies, List.copyOf(scenarios.values()), problems,
                extra);
    }

    /** {@value PolicyInfo#BUILT_IN}, or where the policy's class was loaded from (a jar, the test classes). */
    private static String origin(SwapFaultPolicy p) {
        if (builtIn(p)) {
            return PolicyInfo.BUILT_IN;
        }
        try {
            CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                return shown(Paths.get(cs.getLocation().toURI())).toString();
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // unknown
        }
        return p.getClass().getName();
    }
}
