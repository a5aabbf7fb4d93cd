package dev.swapbench.cli;

import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.scenarios.ScenarioException;
import dev.swapbench.scenarios.ScenarioLoader;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the commands read from the user: policies (built-in and from {@code --policy-path}) and scenarios (the
 * built-in corpus and files). Every problem with that input becomes an {@link InputException} whose message names
 * the file and line, or the id and what is known instead.
 */
final class Inputs implements AutoCloseable {
    /** The services file a policy jar must have. */
    static final String SERVICES = "META-INF/services/" + SwapFaultPolicy.class.getName();

    /** One class loader per jar, each with the application class loader as parent, in --policy-path order. */
    private final List<URLClassLoader> jarLoaders = new ArrayList<>();
    private final Map<String, Path> jarOf = new LinkedHashMap<>();
    private final PolicyCatalog catalog;
    private final List<String> warnings = new ArrayList<>();
    private final boolean lenient;
    private int brokenJars;
    private List<Scenario> corpus;

    /**
     * Strict: an unreadable jar is an {@link InputException}.
     *
     * @param policyPath jars, or folders whose {@code *.jar} files are added
     */
    Inputs(List<Path> policyPath) {
        this(policyPath, false);
    }

    /**
     * @param policyPath jars, or folders whose {@code *.jar} files are added
     * @param lenient    a jar that cannot be read, holds no policy, or whose policies fail to load becomes a
     *                   {@linkplain #warnings() warning} (and counts in {@link #brokenJars()}) and the other
     *                   policies still load; otherwise an unreadable jar is an {@link InputException}
     */
    Inputs(List<Path> policyPath, boolean lenient) {
        this.lenient = lenient;
        List<Path> jars = new ArrayList<>();
        for (Path p : policyPath) {
            jars.addAll(jars(p));
        }
        ClassLoader app = Inputs.class.getClassLoader();
        PolicyCatalog builtIn = PolicyCatalog.load(app);
        Map<String, SwapFaultPolicy> all = new LinkedHashMap<>(builtIn.policies());
        List<String> problems = new ArrayList<>(builtIn.problems());
        for (Path jar : new LinkedHashSet<>(jars)) {
            URLClassLoader loader;
            try {
                // each jar in its own loader: two drop-ins cannot see (or clash with) each other's classes
                loader = new URLClassLoader("swapbench-policy-path:" + jar.getFileName(),
                        new URL[] {jar.toUri().toURL()}, app);
            } catch (MalformedURLException e) {
                throw new InputException("--policy-path " + jar + ": " + e.getMessage());
            }
            jarLoaders.add(loader);
            // ServiceLoader also sees the parent's (built-in) providers: keep only the classes of this jar, and only
            // the problems the built-ins do not have
            PolicyCatalog c = PolicyCatalog.load(loader);
            int before = problems.size();
            int found = 0;
            for (String p : c.problems()) {
                if (!builtIn.problems().contains(p)) {
                    problems.add("--policy-path " + jar + ": " + p);
                }
            }
            for (SwapFaultPolicy p : c.policies().values()) {
                if (p.getClass().getClassLoader() != loader) {
                    continue;
                }
                found++;
                String id = p.id();
                if (all.containsKey(id)) {
                    Path other = jarOf.get(id);
                    problems.add("--policy-path " + jar + ": two policies have the id '" + id + "': "
                            + (other != null ? "one from " + other : "a built-in one") + " and "
                            + p.getClass().getName() + "; the second is ignored");
                } else {
                    all.put(id, p);
                    jarOf.put(id, jar);
                }
            }
            if (found == 0 && problems.size() == before) {
                problems.add("--policy-path " + jar + ": no policy in it: " + (loader.findResource(SERVICES) == null
                        ? "the jar has no " + SERVICES + " entry" : "its " + SERVICES + " entry names no class"));
            }
            if (problems.size() > before) {
                brokenJars++;
            }
        }
        catalog = new PolicyCatalog(all, problems);
    }

    private List<Path> jars(Path p) {
        if (Files.isDirectory(p)) {
            List<Path> found;
            try (Stream<Path> s = Files.list(p)) {
                found = s.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                        .sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new InputException("--policy-path " + p + ": cannot list the folder: " + describe(e));
            }
            if (found.isEmpty()) {
                warnings.add("--policy-path " + p + ": the folder holds no *.jar file");
            }
            List<Path> ok = new ArrayList<>();
            for (Path jar : found) {
                if (checkJar(jar)) {
                    ok.add(jar);
                }
            }
            return ok;
        }
        if (!Files.exists(p)) {
            throw new InputException("--policy-path " + p + ": no such file or folder");
        }
        return checkJar(p) ? List.of(p) : List.of();
    }

    /** Whether the jar can be read; when it cannot, a warning (lenient) or an InputException. */
    private boolean checkJar(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            j.getManifest(); // reads the central directory and the manifest
            return true;
        } catch (IOException | SecurityException e) {
            String message = "--policy-path " + jar + ": not a readable jar: " + describe(e);
            if (!lenient) {
                throw new InputException(message, e);
            }
            warnings.add(message);
            brokenJars++;
            return false;
        }
    }

    /** Jars that could not be read, held no policy, or whose policies failed to load (lenient mode). */
    int brokenJars() {
        return brokenJars;
    }

    /** What went wrong reading a file, in a few words (shared by run, compare and lint). */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Problems met while loading: policy providers that failed, empty folders. */
    List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        catalog.problems().forEach(p -> all.add("policy provider problem: " + p));
        return all;
    }

    PolicyCatalog catalog() {
        return catalog;
    }

    /** The jar a policy was loaded from, or null for the class path. */
    Path jar(SwapFaultPolicy p) {
        String origin = origin(p);
        return origin.equals("class path") ? null : Path.of(origin);
    }

    /** Where a policy comes from: "class path" or the jar it was loaded from. */
    String origin(SwapFaultPolicy p) {
        try {
            Path jar = jarOf.get(p.id());
            if (jar != null && catalog.policies().get(p.id()) == p) {
                return jar.toString();
            }
        } catch (RuntimeException e) {
            // a policy whose id() throws was never loaded
        }
        return "class path";
    }

    /** The policies named by {@code ids} (in that order, without repeats), or all of them sorted by id. */
    List<SwapFaultPolicy> policies(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return catalog.sorted();
        }
        List<SwapFaultPolicy> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            out.add(policy(id));
        }
        return out;
    }

    /** The built-in policies sorted by id, then the drop-ins in --policy-path order: the report's columns. */
    List<SwapFaultPolicy> columns() {
        List<SwapFaultPolicy> out = new ArrayList<>();
        for (SwapFaultPolicy p : catalog.sorted()) {
            if (!jarOf.containsKey(p.id())) {
                out.add(p);
            }
        }
        for (String id : jarOf.keySet()) {
            out.add(catalog.policies().get(id));
        }
        return out;
    }

    SwapFaultPolicy policy(String id) {
        SwapFaultPolicy p = catalog.policies().get(id);
        if (p == null) {
            throw new InputException("unknown policy '" + id + "'; known policies: " + knownPolicies()
                    + (jarLoaders.isEmpty() ? " (add a policy jar with --policy-path)" : ""));
        }
        return p;
    }

    String knownPolicies() {
        return catalog.policies().isEmpty() ? "none"
                : catalog.sorted().stream().map(SwapFaultPolicy::id).collect(Collectors.joining(", "));
    }

    /** The built-in corpus, loaded once. */
    List<Scenario> corpus() {
        if (corpus == null) {
            try {
                corpus = ScenarioLoader.builtIn(catalog.policies().keySet());
            } catch (IllegalStateException e) {
                throw new InputException("the built-in scenario corpus is broken: " + e.getMessage(), e);
            }
        }
        return corpus;
    }

    /** The scenarios named by {@code specs} (ids or files, without repeats), or the whole built-in corpus. */
    List<Scenario> scenarios(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            List<Scenario> all = corpus();
            if (all.isEmpty()) {
                throw new InputException("the built-in scenario corpus is empty; name a scenario file with "
                        + "--scenario FILE");
            }
            return all;
        }
        Map<String, Scenario> byId = new LinkedHashMap<>();
        for (String spec : new LinkedHashSet<>(specs)) {
            Scenario s = scenario(spec);
            Scenario before = byId.putIfAbsent(s.id(), s);
            if (before != null && !before.origin().equals(s.origin())) {
                throw new InputException("two scenarios have the id '" + s.id() + "': " + before.origin()
                        + " and " + s.origin());
            }
        }
        return List.copyOf(byId.values());
    }

    /** One scenario: a file when {@code spec} names an existing file or ends in .yaml/.yml, else a corpus id. */
    Scenario scenario(String spec) {
        Path file = null;
        try {
            Path p = Path.of(spec);
            if (Files.isRegularFile(p) || spec.endsWith(".yaml") || spec.endsWith(".yml")) {
                file = p;
            }
        } catch (InvalidPathException e) {
            // not a path: an id
        }
        if (file != null) {
            try {
                return ScenarioLoader.load(file, catalog.policies().keySet());
            } catch (ScenarioException e) {
                throw new InputException(e.getMessage(), e);
            } catch (IOException e) {
                // the same words as lint's
                throw new InputException(file + ":1:1: cannot read the file: " + describe(e), e);
            }
        }
        for (Scenario s : corpus()) {
            if (s.id().equals(spec)) {
                return s;
            }
        }
        throw new InputException("unknown scenario '" + spec + "' (not a file, and no built-in scenario has "
                + "that id); known scenarios: " + knownScenarios());
    }

    String knownScenarios() {
        List<Scenario> all = corpus();
        return all.isEmpty() ? "none (the built-in corpus is empty)"
                : all.stream().map(Scenario::id).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        for (URLClassLoader l : jarLoaders) {
            try {
                l.close();
            } catch (IOException e) {
                // nothing to do: the process is about to end
            }
        }
    }
}
