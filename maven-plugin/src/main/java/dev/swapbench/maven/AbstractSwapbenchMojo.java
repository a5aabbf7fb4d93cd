package dev.swapbench.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the swapbench JUnit Platform engine over the project's test class path (its test classes, main classes and
 * test-scope dependencies) plus the engine itself, which the mojo resolves at run time as
 * {@code dev.swapbench:swapbench-junit-engine:<this plugin's version>} with its runtime dependencies (engine,
 * scenarios, built-in policies, reports, Jackson, SnakeYAML). The plugin's own class loader holds only the JUnit
 * Platform launcher, so the engine's policy look-up (ServiceLoader on the context class loader) sees the project's
 * policies.
 *
 * <p>The engine judges the pairs (against the baseline too) and writes the reports into {@link #outputDirectory}
 * ({@code swapbench.reports}); the mojo only collects the launcher's events, logs one line per pair and the
 * summary, and turns failures into the build's result.
 */
abstract class AbstractSwapbenchMojo extends AbstractMojo {
    static final String ENGINE_ID = "swapbench";
    static final String ENGINE_ARTIFACT = "swapbench-junit-engine";
    /**
     * The files the engine writes into {@link #outputDirectory} ({@code dev.swapbench.reports.ReportSet}), named here
     * because no swapbench class may enter the plugin's realm (see the class comment): the mojo only lists them.
     */
    static final List<String> REPORT_FILES = List.of("report.html", "report.md", "report.json", "junit.xml");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Component
    RepositorySystem repositorySystem;

    /** Skip the goal. */
    @Parameter(property = "swapbench.skip", defaultValue = "false")
    boolean skip;

    /** Folder searched, recursively, for {@code *.yaml} scenario files (in addition to the built-in corpus). */
    @Parameter(property = "swapbench.scenarioDirectory", defaultValue = "${project.basedir}/src/test/swapbench")
    File scenarioDirectory;

    /** Ids of the policies to check (default: every policy found on the test class path). */
    @Parameter(property = "swapbench.policies")
    List<String> policies;

    /** Whether swapbench's built-in policies are checked too (false: only the project's own). */
    @Parameter(property = "swapbench.includeBuiltInPolicies", defaultValue = "true")
    boolean includeBuiltInPolicies;

    /** Whether the built-in scenario corpus is used too (false: only the files under scenarioDirectory). */
    @Parameter(property = "swapbench.includeBuiltInScenarios", defaultValue = "true")
    boolean includeBuiltInScenarios;

    /** Overrides every scenario's preemption bound: -1 for none (exhaustive), or N >= 0. Default: each scenario's. */
    @Parameter(property = "swapbench.maxPreemptions")
    Integer maxPreemptions;

    /**
     * A previous {@code report.json}. With it the build fails only on a regression ({@code dev.swapbench.reports.
     * Baseline}, as in {@code swapbench compare}): a pair that was as expected in the baseline and is not now, or on
     * which a check fires that did not fire in the baseline. Pairs the baseline does not hold are judged by their
     * expectation. The reports show the changes against it first.
     */
    @Parameter(property = "swapbench.baseline")
    File baseline;

    /** Where the engine writes report.html, report.md, report.json and junit.xml. */
    @Parameter(property = "swapbench.outputDirectory", defaultValue = "${project.build.directory}/swapbench")
    File outputDirectory;

    /** Pairs explored at once in Maven's JVM, with {@code workers} 0 (default: one per processor). */
    @Parameter(property = "swapbench.parallelism")
    Integer parallelism;

    /**
     * Worker JVMs that check pairs at once, each watched: a policy that loops, sleeps, exits or crashes fails its own
     * pair, named, and the others still run. 0: in Maven's JVM, unwatched (default: one per processor).
     */
    @Parameter(property = "swapbench.workers")
    Integer workers;

    /** Seconds after which a worker whose pair has not finished is killed and the pair fails (default: 600). */
    @Parameter(property = "swapbench.pairLimit")
    Double pairLimit;

    /** Whether the goal fails the build when a pair is not as expected (goal check only; report never fails). */
    @Parameter(property = "swapbench.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    /** Whether a pair that is not as expected fails the build. */
    abstract boolean failsBuild();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("swapbench: skipped (swapbench.skip)");
            return;
        }
        URL[] classpath = classpath();
        Map<String, String> params = configurationParameters();
        if (getLog().isDebugEnabled()) {
            getLog().debug("swapbench: class path " + List.of(classpath));
            getLog().debug("swapbench: configuration parameters " + params);
        }
        OutcomeCollector collector = new OutcomeCollector();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        long t0 = System.nanoTime();
        try (URLClassLoader loader = new URLClassLoader(classpath, getClass().getClassLoader())) {
            // before LauncherFactory.create(): the launcher finds engines through the context class loader
            thread.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(ENGINE_ID)))
                    .filters(EngineFilter.includeEngines(ENGINE_ID))
                    .configurationParameters(params)
                    .build();
            // Only our engine: another engine on the project's class path (Jupiter of another JUnit version ...) is
            // not even instantiated; the project's listeners and filters (META-INF/services) stay out of this run.
            TestEngine engine = findEngine(loader);
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .addTestEngines(engine)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .build());
            launcher.execute(request, collector);
        } catch (IOException e) {
            throw new MojoExecutionException("swapbench: cannot close the test class loader: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("swapbench: the JUnit Platform could not run the swapbench engine: "
                    + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        conclude(collector, seconds);
    }

    /** The swapbench engine, found like the launcher would (ServiceLoader on the project's class loader). */
    private TestEngine findEngine(ClassLoader loader) throws MojoExecutionException {
        List<String> problems = new ArrayList<>();
        Iterator<TestEngine> it = ServiceLoader.load(TestEngine.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                TestEngine e = it.next();
                if (ENGINE_ID.equals(e.getId())) {
                    getLog().debug("swapbench: engine " + e.getClass().getName() + " " + e.getVersion().orElse("")
                            + " from " + e.getClass().getClassLoader() + "; TestEngine API from "
                            + TestEngine.class.getClassLoader());
                    return e;
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(e.toString());
            }
        }
        throw new MojoExecutionException("swapbench: no JUnit Platform engine with id '" + ENGINE_ID
                + "' on the test class path plus " + ENGINE_ARTIFACT + " " + plugin.getVersion()
                + (problems.isEmpty() ? "" : "; engines that could not be loaded: " + String.join("; ", problems)));
    }

    private void conclude(OutcomeCollector collector, double seconds) throws MojoExecutionException,
            MojoFailureException {
        List<PairOutcome> outcomes = collector.outcomes();
        Path out = outputDirectory.toPath();
        List<PairOutcome> failed = new ArrayList<>();
        int passed = 0;
        int notJudged = 0;
        int skipped = 0;
        int notApplicable = 0;
        for (PairOutcome o : outcomes) {
            switch (o.status()) {
                case PASSED -> {
                    if (o.entries().stream().anyMatch(e -> e.startsWith("not applicable"))) {
                        notApplicable++;
                    } else if (o.entries().stream().anyMatch(e -> e.startsWith("not judged"))) {
                        notJudged++;
                    } else {
                        passed++;
                    }
                    getLog().info("  " + label(o) + ": " + (o.entries().isEmpty() ? "as expected"
                            : String.join("; ", o.entries())));
                }
                case SKIPPED -> {
                    skipped++;
                    getLog().info("  " + label(o) + ": skipped" + (o.message() == null ? "" : " (" + o.message() + ")"));
                }
                case FAILED, ABORTED -> failed.add(o);
            }
        }
        boolean fails = failsBuild();
        for (PairOutcome o : failed) {
            String text = o.message() == null ? o.headline() : o.message();
            if (fails) {
                getLog().error(text);
            } else {
                getLog().warn(text);
            }
        }
        List<String> reports = new ArrayList<>();
        for (String name : REPORT_FILES) {
            if (Files.isRegularFile(out.resolve(name))) {
                reports.add(name);
            }
        }
        String where = "reports in " + out + " (" + (reports.isEmpty() ? "none written" : String.join(", ", reports))
                + ")";
        String summary = String.format(Locale.ROOT, "swapbench: %d %s: %d passed, %d not judged, %d failed, "
                + "%d skipped%s in %.1f s; %s", outcomes.size(), outcomes.size() == 1 ? "test" : "tests", passed,
                notJudged, failed.size(), skipped, notApplicable > 0 ? ", " + notApplicable + " not applicable" : "",
                seconds, where);
        if (outcomes.isEmpty()) {
            throw new MojoExecutionException("swapbench: the engine ran no test; " + where);
        }
        List<String> engineFailures = collector.engineFailures();
        for (String f : engineFailures) {
            getLog().error("swapbench: " + f);
        }
        if (failed.isEmpty()) {
            getLog().info(summary);
        } else if (fails) {
            getLog().error(summary);
        } else {
            getLog().warn(summary);
        }
        if (!engineFailures.isEmpty() && fails) {
            throw new MojoExecutionException("swapbench: " + String.join("; ", engineFailures));
        }
        if (!failed.isEmpty() && fails) {
            StringBuilder m = new StringBuilder("swapbench: ").append(failed.size()).append(" of ")
                    .append(outcomes.size()).append(outcomes.size() == 1 ? " test" : " tests")
                    .append(" failed:");
            for (PairOutcome o : failed) {
                m.append("\n  ").append(o.headline());
            }
            m.append("\nDetails (with each shortest interleaving) are above and in ").append(out).append(" (")
                    .append(String.join(", ", reports)).append(')');
            throw new MojoFailureException(m.toString());
        }
    }

    private static String label(PairOutcome o) {
        return o.policy() == null ? o.name() : o.policy() + " / " + o.name();
    }

    Map<String, String> configurationParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("swapbench.scenarios", scenarioDirectory.getAbsolutePath());
        p.put("swapbench.includeBuiltInPolicies", Boolean.toString(includeBuiltInPolicies));
        p.put("swapbench.includeBuiltInScenarios", Boolean.toString(includeBuiltInScenarios));
        p.put("swapbench.reports", outputDirectory.getAbsolutePath());
        if (policies != null && !policies.isEmpty()) {
            p.put("swapbench.policies", String.join(",", policies));
        }
        if (maxPreemptions != null) {
            p.put("swapbench.maxPreemptions", Integer.toString(maxPreemptions));
        }
        if (baseline != null) {
            p.put("swapbench.baseline", baseline.getAbsolutePath());
        }
        if (parallelism != null) {
            p.put("swapbench.parallelism", Integer.toString(parallelism));
        }
        if (workers != null) {
            p.put("swapbench.workers", Integer.toString(workers));
        }
        if (pairLimit != null) {
            p.put("swapbench.pairLimit", Double.toString(pairLimit));
        }
        return p;
    }

    /** The project's test class path, then the engine's runtime closure minus what the project already has. */
    private URL[] classpath() throws MojoExecutionException {
        Set<File> files = new LinkedHashSet<>();
        try {
            for (String e : project.getTestClasspathElements()) {
                files.add(new File(e));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("swapbench: the project's test class path is not resolved: " + e, e);
        }
        Map<String, Artifact> projectArtifacts = new HashMap<>();
        for (Artifact a : project.getArtifacts()) {
            projectArtifacts.put(a.getGroupId() + ":" + a.getArtifactId(), a);
        }
        for (ArtifactResult r : resolveEngine()) {
            org.eclipse.aether.artifact.Artifact a = r.getArtifact();
            Artifact mine = projectArtifacts.get(a.getGroupId() + ":" + a.getArtifactId());
            if (mine != null) {
                if (a.getGroupId().equals("dev.swapbench") && !mine.getBaseVersion().equals(a.getBaseVersion())) {
                    getLog().warn("swapbench: the project's " + a.getArtifactId() + " " + mine.getBaseVersion()
                            + " is used instead of " + a.getBaseVersion() + ", which swapbench-maven-plugin "
                            + plugin.getVersion() + " comes with");
                }
                continue;
            }
            files.add(a.getFile());
        }
        List<URL> urls = new ArrayList<>();
        for (File f : files) {
            try {
                urls.add(f.toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("swapbench: bad class path element " + f, e);
            }
        }
        return urls.toArray(new URL[0]);
    }

    /** {@code dev.swapbench:swapbench-junit-engine:<plugin version>} and its compile and runtime dependencies. */
    private List<ArtifactResult> resolveEngine() throws MojoExecutionException {
        String coordinates = plugin.getGroupId() + ":" + ENGINE_ARTIFACT + ":" + plugin.getVersion();
        CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), "runtime"),
                project.getRemoteProjectRepositories());
        DependencyFilter runtime = (node, parents) -> {
            Dependency d = node.getDependency();
            if (d == null) {
                return true;
            }
            String scope = d.getScope();
            return !d.isOptional() && (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"));
        };
        try {
            DependencyResult result = repositorySystem.resolveDependencies(repositorySession,
                    new DependencyRequest(collect, runtime));
            return result.getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("swapbench: cannot resolve the test engine " + coordinates + ": "
                    + e.getMessage(), e);
        }
    }
}
