package dev.swapbench.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.swapbench.engine.scenario.Scenario;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads scenario YAML files (the format is described in {@code docs/scenario-format.md}) into
 * {@link Scenario} records and validates them. Every problem is a {@link ScenarioException} whose message is
 * {@code FILE:LINE:COLUMN: PROBLEM}.
 */
public final class ScenarioLoader {
    /** Class path folder of the built-in corpus; {@code index.txt} there lists its files in order. */
    public static final String CORPUS = "dev/swapbench/scenarios/corpus/";

    private ScenarioLoader() {}

    /**
     * Loads one scenario file (UTF-8). The path, as given, is the origin used in messages.
     *
     * @param knownPolicyIds policy ids allowed under {@code expect}; null: do not check them
     */
    public static Scenario load(Path file, Set<String> knownPolicyIds) throws ScenarioException, IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(text, file.toString(), knownPolicyIds);
    }

    /**
     * Parses and validates one scenario.
     *
     * @param yamlText       the YAML text
     * @param origin         name used in messages and stored in {@link Scenario#origin()}
     * @param knownPolicyIds policy ids allowed under {@code expect}; null: do not check them
     */
    public static Scenario parse(String yamlText, String origin, Set<String> knownPolicyIds)
            throws ScenarioException {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(origin, "origin");
        Node root = compose(yamlText, origin);
        SourceMap where = new SourceMap(origin);
        Scenario scenario = new ScenarioReader(where, knownPolicyIds).read(root);
        ScenarioValidator.validate(scenario, where);
        return scenario;
    }

    /**
     * The built-in corpus: every file listed in {@code index.txt} under {@link #CORPUS}, in index order, each with
     * origin {@code builtin:NAME.yaml}.
     *
     * @throws IllegalStateException if the index or a listed file is missing or broken (the message is the
     *                               {@link ScenarioException} message), or two files share a scenario id
     */
    public static List<Scenario> builtIn(Set<String> knownPolicyIds) {
        return builtIn(ScenarioLoader.class.getClassLoader(), CORPUS, knownPolicyIds);
    }

    static List<Scenario> builtIn(ClassLoader loader, String folder, Set<String> knownPolicyIds) {
        List<Scenario> out = new ArrayList<>();
        Map<String, String> originById = new HashMap<>();
        for (Map.Entry<String, String> file : builtInTexts(loader, folder).entrySet()) {
            String origin = file.getKey();
            Scenario scenario;
            try {
                scenario = parse(file.getValue(), origin, knownPolicyIds);
            } catch (ScenarioException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            String previous = originById.putIfAbsent(scenario.id(), origin);
            if (previous != null) {
                throw new IllegalStateException(origin + ": scenario id '" + scenario.id()
                        + "' is already used by " + previous);
            }
            out.add(scenario);
        }
        return List.copyOf(out);
    }

    /**
     * The texts of the built-in corpus files, unparsed, for tools that check each file on its own (lint): origin
     * ({@code builtin:NAME.yaml}) to YAML text, in index order.
     *
     * @throws IllegalStateException if the index or a listed file is missing, or an index line is not a file name
     */
    public static Map<String, String> builtInTexts() {
        return builtInTexts(ScenarioLoader.class.getClassLoader(), CORPUS);
    }

    static Map<String, String> builtInTexts(ClassLoader loader, String folder) {
        String indexName = folder + "index.txt";
        String index = resource(loader, indexName);
        if (index == null) {
            throw new IllegalStateException("class path resource " + indexName + " is missing");
        }
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = index.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String name = lines[i];
            int hash = name.indexOf('#');
            if (hash >= 0) {
                name = name.substring(0, hash);
            }
            name = name.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.endsWith(".yaml") || name.contains("/") || name.contains("\\")) {
                throw new IllegalStateException(indexName + ":" + (i + 1) + ": '" + name
                        + "' is not a scenario file name; expected NAME.yaml (a file beside index.txt)");
            }
            String text = resource(loader, folder + name);
            if (text == null) {
                throw new IllegalStateException(indexName + ":" + (i + 1) + ": " + name
                        + " is listed but not found on the class path under " + folder);
            }
            if (out.put("builtin:" + name, text) != null) {
                throw new IllegalStateException(indexName + ":" + (i + 1) + ": " + name + " is listed twice");
            }
        }
        return out;
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read class path resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** Composes the single YAML document of a file into a node tree, turning YAML errors into ScenarioExceptions. */
    static Node compose(String text, String origin) throws ScenarioException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(origin)
                .setSchema(new CoreSchema())
                .setAllowNonScalarKeys(true) // rejected by the reader, with the key's line and column
                .build();
        Optional<Node> root;
        try {
            checkNesting(settings, text, origin);
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(origin, e);
        } catch (ReaderException e) {
            int[] lc = lineColumn(text, e.getPosition());
            throw new ScenarioException(origin, lc[0], lc[1], "YAML error: " + e.getMessage()
                    + String.format(" (U+%04X); write such characters as escapes in a double-quoted string",
                            e.getCodePoint()));
        } catch (YamlEngineException e) {
            throw new ScenarioException(origin, 1, 1, "YAML error: " + e.getMessage());
        }
        if (root.isEmpty()) {
            throw new ScenarioException(origin, 1, 1, "the file holds no YAML document; expected a map with the keys "
                    + String.join(", ", ScenarioReader.TOP_KEYS));
        }
        return root.get();
    }

    /** Deeper than this is no scenario (the deepest key of the format is 5 levels down). */
    static final int MAX_NESTING = 64;

    /**
     * Rejects YAML nested deeper than {@link #MAX_NESTING}, walking the parser's events (no recursion), before the
     * composer, which recurses once per level, could overflow the stack.
     */
    private static void checkNesting(LoadSettings settings, String text, String origin) throws ScenarioException {
        int depth = 0;
        for (org.snakeyaml.engine.v2.events.Event e : new org.snakeyaml.engine.v2.api.lowlevel.Parse(settings)
                .parseString(text)) {
            if (e instanceof org.snakeyaml.engine.v2.events.CollectionStartEvent) {
                if (++depth > MAX_NESTING) {
                    Mark m = e.getStartMark().orElse(null);
                    throw new ScenarioException(origin, m == null ? 1 : m.getLine() + 1,
                            m == null ? 1 : m.getColumn() + 1, "YAML nested more than " + MAX_NESTING
                            + " levels deep; a scenario needs at most 5");
                }
            } else if (e instanceof org.snakeyaml.engine.v2.events.CollectionEndEvent) {
                depth--;
            }
        }
    }

    private static ScenarioException syntaxError(String origin, MarkedYamlEngineException e) {
        Optional<Mark> problemMark = e.getProblemMark();
        Optional<Mark> contextMark = e.getContextMark();
        Mark mark = problemMark.or(() -> contextMark).orElse(null);
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        String problem = e.getProblem() == null || e.getProblem().isBlank() ? "invalid YAML" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        StringBuilder message = new StringBuilder("YAML syntax error: ");
        if (!context.isEmpty() && problem.startsWith("but ")) {
            // one sentence split in two: "expected a single document in the stream" / "but found another document"
            message.append(context).append(", ").append(problem);
        } else {
            message.append(problem);
            if (!context.isEmpty()) {
                message.append(" (").append(context);
                if (contextMark.isPresent() && problemMark.isPresent()) {
                    Mark c = contextMark.get();
                    message.append(" at line ").append(c.getLine() + 1).append(", column ").append(c.getColumn() + 1);
                }
                message.append(')');
            }
        }
        return new ScenarioException(origin, line, column, message.toString());
    }

    /** 1-based line and column of a code point offset in {@code text}. */
    private static int[] lineColumn(String text, int codePointOffset) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointOffset; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
