package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.run.PairResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The results history, in the manner of the kernel's litmus-test history scripts: {@code results.txt} (in this
 * module's {@code src/test/resources/dev/swapbench/scenarios/}) records the verdict of every (policy, scenario)
 * pair of the built-in corpus, one line per pair, sorted. This test recomputes every pair (sharing the explorations
 * with {@link CorpusTest} through {@link CorpusResults}) and fails when any line changed, was added or was removed,
 * printing each difference. Run with {@code -Dswapbench.updateResults=true} to rewrite the file instead (see
 * scenarios/README.md for the command).
 */
class ResultsHistoryTest {
    static final String UPDATE_PROPERTY = "swapbench.updateResults";
    static final String UPDATE_COMMAND = "mvn -B -ntp -pl scenarios -am test -Dtest=ResultsHistoryTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dswapbench.updateResults=true";
    static final String RELATIVE = "src/test/resources/dev/swapbench/scenarios/results.txt";

    static final String HEADER = """
            # swapbench results history: the verdict of every (policy, scenario) pair of the built-in corpus.
            # One line per pair, sorted: SCENARIO POLICY VERDICT CHECKS states=N bound=B complete|incomplete
            #   VERDICT  clean, violated, incomplete or error
            #   CHECKS   the checks that fired (comma-separated, in the order of the check table), or -
            #   states   distinct states explored; bound: the preemption bound covered (-1: none)
            # Checked by ResultsHistoryTest on every build. After an intended change (a new scenario, a model
            # or policy change), regenerate it with
            #   %s
            # and review the diff before committing it.
            """.formatted(UPDATE_COMMAND);

    /** The file in the module's source tree (Surefire runs tests in the module directory). */
    static Path file() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve(RELATIVE);
    }

    /** The history lines of the current corpus, keyed by "SCENARIO POLICY", sorted. */
    static Map<String, String> current() {
        Map<String, String> lines = new TreeMap<>();
        for (PairResult r : CorpusResults.all()) {
            String line = CorpusResults.line(r);
            lines.put(key(line), line);
        }
        return lines;
    }

    static String key(String line) {
        String[] w = line.split(" ", 3);
        return w.length < 2 ? line : w[0] + " " + w[1];
    }

    /** The recorded lines, keyed as {@link #current()}; comments and blank lines are skipped. */
    static Map<String, String> parse(List<String> fileLines) {
        Map<String, String> lines = new TreeMap<>();
        for (String l : fileLines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            lines.put(key(s), s);
        }
        return lines;
    }

    /** The differences between two histories, one entry per pair; empty when they agree. */
    static List<String> differences(Map<String, String> recorded, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(recorded.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) {
            String was = recorded.get(k);
            String is = now.get(k);
            if (was == null) {
                out.add("  added:   " + is);
            } else if (is == null) {
                out.add("  removed: " + was);
            } else if (!was.equals(is)) {
                out.add("  changed: " + was + "\n       ->  " + is);
            }
        }
        return out;
    }

    static String render(Map<String, String> lines) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (String l : lines.values()) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    @Test
    void verdictsUnchanged() throws IOException {
        Map<String, String> now = current();
        assertFalse(now.isEmpty(), "the built-in corpus is empty");
        Path file = file();
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        Map<String, String> recorded = Files.exists(file)
                ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : new TreeMap<>();
        List<String> diff = differences(recorded, now);
        if (update) {
            String text = render(now);
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            System.out.println("results history: wrote " + now.size() + " lines to " + file
                    + (diff.isEmpty() ? " (no verdict changed)" : "; " + diff.size() + " pair(s) differ from before:\n"
                    + String.join("\n", diff)));
            return;
        }
        if (!Files.exists(file)) {
            fail("results history " + file + " is missing; create it with\n  " + UPDATE_COMMAND);
        }
        if (!diff.isEmpty()) {
            fail("results history: " + diff.size() + " pair(s) differ from " + file + ":\n" + String.join("\n", diff)
                    + "\nIf the change is intended, regenerate the file with\n  " + UPDATE_COMMAND
                    + "\nand commit it with the change that caused it.");
        }
    }
}
