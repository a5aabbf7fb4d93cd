package dev.swapbench.cli;

import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.scenarios.ScenarioException;
import dev.swapbench.scenarios.ScenarioLoader;
import dev.swapbench.scenarios.UnmeetableExpectations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swapbench lint}: loads and validates scenario files without exploring them. Each file is read with
 * {@link ScenarioLoader} against the known policy ids (built-in, plus {@code --policy-path}); scenario ids must be
 * unique across the files linted together.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check scenario files without exploring them: YAML syntax, keys, values, references, and the "
                + "policy and check ids under 'expect'. Prints 'ok FILE (ID)' or 'FILE:LINE:COLUMN: MESSAGE' per file.",
            "A folder means every *.yaml file under it (recursively, in name order). Without arguments: the built-in "
                + "corpus. Scenario ids must be unique across the files linted together.",
            "Exit status: 0 every file is valid, 1 some file is not, 2 usage error (no such file or folder, a folder "
                + "without *.yaml files, a broken built-in index)."})
final class LintCommand implements Callable<Integer> {
    private static final Pattern TOP_LEVEL_ID = Pattern.compile("(?m)^id[ \\t]*:[ \\t]*");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
            description = "Scenario files or folders. Default: the built-in corpus.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added, so that its policy ids are known "
                    + "under 'expect'. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    /** One file to check: its name in messages and its text (null when it could not be read). */
    private record Source(String origin, String text, String readError) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Inputs in = new Inputs(policyPath)) {
            for (String w : in.warnings()) {
                err.println("swapbench: warning: " + w);
            }
            err.flush();
            Set<String> policyIds = in.catalog().policies().keySet();
            List<Source> sources = paths.isEmpty() ? builtIn() : files(paths);
            int ok = 0;
            int invalid = 0;
            Map<String, String> originById = new HashMap<>();
            for (Source src : sources) {
                Outcome o = check(src, policyIds, originById);
                if (o.ok()) {
                    ok++;
                } else {
                    invalid++;
                }
                out.println(o.line());
                out.flush();
            }
            out.println(sources.size() + " file" + (sources.size() == 1 ? "" : "s") + ": " + ok + " ok, " + invalid
                    + " invalid");
            out.flush();
            return invalid == 0 ? 0 : 1;
        }
    }

    /** The verdict on one file and the line that reports it. */
    private record Outcome(boolean ok, String line) {
    }

    /** Checks one file: "ok FILE (ID)", or the problem as FILE:LINE:COLUMN: MESSAGE. */
    private static Outcome check(Source src, Set<String> policyIds, Map<String, String> originById) {
        if (src.readError() != null) {
            return new Outcome(false, src.origin() + ":1:1: cannot read the file: " + src.readError());
        }
        Scenario s;
        try {
            s = ScenarioLoader.parse(src.text(), src.origin(), policyIds);
        } catch (ScenarioException e) {
            return new Outcome(false, e.getMessage());
        }
        String previous = originById.putIfAbsent(s.id(), src.origin());
        if (previous != null) {
            int[] at = idPosition(src.text());
            return new Outcome(false, src.origin() + ":" + at[0] + ":" + at[1] + ": scenario id '" + s.id()
                    + "' is already used by " + previous + "; scenario ids must be unique");
        }
        List<String> unmeetable = UnmeetableExpectations.of(s, src.origin());
        if (!unmeetable.isEmpty()) {
            return new Outcome(false, String.join("\n", unmeetable));
        }
        return new Outcome(true, "ok " + src.origin() + " (" + s.id() + ")");
    }

    /** Line and column (1-based) of the top-level id's value, or 1:1. */
    static int[] idPosition(String text) {
        Matcher m = TOP_LEVEL_ID.matcher(text);
        if (!m.find()) {
            return new int[] {1, 1};
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m.end(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, m.end() - lineStart + 1};
    }

    private static List<Source> builtIn() {
        Map<String, String> texts;
        try {
            texts = ScenarioLoader.builtInTexts();
        } catch (IllegalStateException e) {
            throw new InputException("the built-in scenario corpus is broken: " + e.getMessage(), e);
        }
        List<Source> out = new ArrayList<>();
        texts.forEach((origin, text) -> out.add(new Source(origin, text, null)));
        return out;
    }

    /** The files named, folders expanded to their *.yaml files; each path once, in the order given. */
    private static List<Source> files(List<Path> paths) {
        Map<Path, Source> out = new LinkedHashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(p)) {
                    found = walk.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                            .sorted().collect(Collectors.toList());
                } catch (IOException | RuntimeException e) {
                    throw new InputException("cannot list the folder " + p + ": " + e.getMessage(), e);
                }
                if (found.isEmpty()) {
                    throw new InputException("the folder " + p + " holds no *.yaml file");
                }
                for (Path f : found) {
                    out.computeIfAbsent(f.normalize(), k -> read(f));
                }
            } else if (Files.exists(p)) {
                out.computeIfAbsent(p.normalize(), k -> read(p));
            } else {
                throw new InputException("no such file or folder: " + p);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Source read(Path f) {
        try {
            return new Source(f.toString(), Files.readString(f, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Source(f.toString(), null, Inputs.describe(e));
        }
    }
}
