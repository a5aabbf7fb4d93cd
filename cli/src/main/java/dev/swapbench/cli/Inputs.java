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
    private final URLClassLoader pluginLoader;
    private final PolicyCatalog catalog;
    private final List<String> warnings = new ArrayList<>();
    private List<Scenario> corpus;

    /**
     * @param policyPath jars, or folders whose {@code *.jar} files are added
     */
    Inputs(List<Path> policyPath) {
        List<URL> urls = new ArrayList<>();
        for (Path p : policyPath) {
            for (Path jar : jars(p)) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new InputException("--policy-path " + jar + ": " + e.getMessage());
                }
            }
        }
        ClassLoader app = Inputs.class.getClassLoader();
        pluginLoader = urls.isEmpty() ? null : new URLClassLoader("swapbench-policy-path", urls.toArray(URL[]::new),
                app);
        catalog = PolicyCatalog.load(pluginLoader != null ? pluginLoader : app);
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
            for (Path jar : found) {
                checkJar(jar);
            }
            return found;
        }
        if (!Files.exists(p)) {
            throw new InputException("--policy-path " + p + ": no such file or folder");
        }
        checkJar(p);
        return List.of(p);
    }

    private static void checkJar(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            j.getManifest(); // reads the central directory and the manifest
        } catch (IOException | SecurityException e) {
            throw new InputException("--policy-path " + jar + ": not a readable jar: " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
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

    /** Where a policy comes from: "built-in" or the jar it was loaded from. */
    String origin(SwapFaultPolicy p) {
        if (pluginLoader != null && p.getClass().getClassLoader() == pluginLoader) {
            var src = p.getClass().getProtectionDomain().getCodeSource();
            return src != null && src.getLocation() != null ? pathOf(src.getLocation()) : "--policy-path";
        }
        return "class path";
    }

    private static String pathOf(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (Exception e) {
            return url.toString();
        }
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

    SwapFaultPolicy policy(String id) {
        SwapFaultPolicy p = catalog.policies().get(id);
        if (p == null) {
            throw new InputException("unknown policy '" + id + "'; known policies: " + knownPolicies()
                    + (pluginLoader == null ? " (add a policy jar with --policy-path)" : ""));
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
                throw new InputException("scenario file " + file + ": " + describe(e), e);
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
        if (pluginLoader != null) {
            try {
                pluginLoader.close();
            } catch (IOException e) {
                // nothing to do: the process is about to end
            }
        }
    }
}
