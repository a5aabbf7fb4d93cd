package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.scenarios.ScenarioLoader;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swapbench lint}, run in-process through {@link Main#execute}. */
class LintTest {
    @TempDir
    Path dir;

    static CliRun lint(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    private static final String HEAD = """
            title: "t"
            provenance: {kind: derived, ref: "test"}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String knownPolicies() {
        return PolicyCatalog.load(LintTest.class.getClassLoader()).sorted().stream().map(SwapFaultPolicy::id)
                .collect(Collectors.joining(", "));
    }

    @Test
    void theBuiltInCorpusIsValid() {
        CliRun r = lint();
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, String> files = ScenarioLoader.builtInTexts();
        List<String> lines = r.lines();
        assertEquals(files.size() + 1, lines.size(), r.out());
        int i = 0;
        for (String origin : files.keySet()) {
            assertTrue(lines.get(i).startsWith("ok " + origin + " ("), lines.get(i));
            i++;
        }
        assertTrue(lines.contains("ok builtin:R2.yaml (R2)"), r.out());
        assertEquals(files.size() + " files: " + files.size() + " ok, 0 invalid", lines.get(lines.size() - 1));
        assertEquals("", r.err());
    }

    @Test
    void theSpinAnchorsOutsideTheCorpusAreValid() {
        Path root = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();
        Path anchors = root.resolve("scenarios/anchors");
        assumeTrue(Files.isDirectory(anchors), "not run from the source tree");
        CliRun r = lint(anchors.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok " + anchors.resolve("spin-anchor-K4.yaml") + " (spin-anchor-K4)"), r.out());
    }

    @Test
    void brokenFilesAreReportedWithTheirExactMessages() throws IOException {
        List<String> expected = new ArrayList<>();
        Path p;
        p = write("a-unknown-key.yaml", "id: unknown-key\n" + HEAD + """
                memory:
                  frames: 1
                  swap_slots: 1
                  mms: [{id: m}]
                threads:
                  - {id: A, mm: m, action: [read 0]}
                """);
        expected.add(p + ":9:20: unknown key 'action' in a thread; expected one of: id, mm, daemon, actions");
        p = write("b-unknown-policy.yaml", "id: unknown-policy\n" + HEAD + """
                memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                expect:
                  andrea: {checks: [], reason: "x"}
                """);
        expected.add(p + ":7:3: unknown policy id 'andrea' in 'expect'; expected one of: " + knownPolicies());
        p = write("c-unknown-check.yaml", "id: unknown-check\n" + HEAD + """
                memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                expect:
                  legacy: {checks: [lost-write], reason: "x"}
                """);
        expected.add(p + ":7:21: unknown check id 'lost-write'; expected one of: stale-mapping, anon-rmap,"
                + " memcg-drift, kernel-bug, deadlock, livelock");
        p = write("d-address-outside-vma.yaml", "id: address-outside-vma\n" + HEAD + """
                memory:
                  frames: 1
                  swap_slots: 1
                  mms:
                    - {id: m, vma_start: 4, vma_pages: 2}
                threads:
                  - {id: A, mm: m, actions: [read 4, write 6]}
                """);
        expected.add(p + ":10:38: address 6 is not covered by mm m's vma 4..5");
        p = write("e-two-states.yaml", "id: two-states\n" + HEAD + """
                memory:
                  frames: 2
                  swap_slots: 1
                  mms: [{id: m}]
                  pages:
                    - {id: P, swapcache: 1}
                    - {id: Q, swapcache: 1}
                threads: [{id: R, actions: [reclaim]}]
                """);
        expected.add(p + ":10:26: swap slot 1 is the swap cache of two pages: P and Q; a slot has at most one swap"
                + " cache page");
        p = write("f-fork-cycle.yaml", "id: fork-cycle\n" + HEAD + """
                memory:
                  frames: 1
                  swap_slots: 1
                  mms:
                    - {id: a, forked_from: b}
                    - {id: b, forked_from: a}
                threads: [{id: R, actions: [reclaim]}]
                """);
        expected.add(p + ":8:28: fork cycle in forked_from: a -> b -> a; every chain of forked_from must end at an"
                + " mm that is not forked");
        String same = "id: same\n" + HEAD + """
                memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                """;
        Path first = write("g-duplicate-id-1.yaml", same);
        expected.add("ok " + first + " (same)");
        p = write("g-duplicate-id-2.yaml", same);
        expected.add(p + ":1:5: scenario id 'same' is already used by " + first + "; scenario ids must be unique");
        p = write("h-duplicate-mm-id.yaml", "id: dup-mm\n" + HEAD + """
                memory:
                  frames: 1
                  swap_slots: 1
                  mms:
                    - {id: m}
                    - {id: m}
                threads: [{id: A, mm: m, actions: [read 0]}]
                """);
        expected.add(p + ":9:12: duplicate mm id 'm' (first declared at line 8, column 12)");
        p = write("i-bound-not-a-number.yaml", "id: bound-not-a-number\n" + HEAD + """
                memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                bounds:
                  max_preemptions: two
                """);
        expected.add(p + ":7:20: expected an integer for 'max_preemptions', got 'two'");
        p = write("j-good.yaml", "id: good\n" + HEAD + """
                memory: {frames: 2, swap_slots: 1, mms: [{id: m, ptes: [{address: 0, swap: 1}]}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                expect:
                  legacy: {checks: [], reason: "x"}
                """);
        expected.add("ok " + p + " (good)");
        Files.writeString(dir.resolve("notes.txt"), "not a scenario, not linted");
        expected.add("11 files: 2 ok, 9 invalid");

        CliRun r = lint(dir.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(expected, r.lines());
        assertEquals("", r.err());

        // one broken file alone: exit 1 and its line; one good file alone: exit 0
        CliRun one = lint(dir.resolve("i-bound-not-a-number.yaml").toString());
        assertEquals(1, one.code());
        assertEquals(List.of(expected.get(9), "1 file: 0 ok, 1 invalid"), one.lines());
        CliRun good = lint(dir.resolve("j-good.yaml").toString());
        assertEquals(0, good.code(), good.out());
        assertEquals(List.of("ok " + dir.resolve("j-good.yaml") + " (good)", "1 file: 1 ok, 0 invalid"), good.lines());
    }

    @Test
    void aFolderIsSearchedRecursivelyAndEachFileIsLintedOnce() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path f = sub.resolve("x.yaml");
        Files.writeString(f, "id: x\n" + HEAD + """
                memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                threads: [{id: A, mm: m, actions: [read 0]}]
                """);
        CliRun r = lint(dir.toString(), f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("ok " + f + " (x)", "1 file: 1 ok, 0 invalid"), r.lines());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        CliRun missing = lint(dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertEquals("swapbench: no such file or folder: " + dir.resolve("nope.yaml"), missing.err().strip());
        assertEquals("", missing.out());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = lint(empty.toString());
        assertEquals(2, none.code());
        assertEquals("swapbench: the folder " + empty + " holds no *.yaml file", none.err().strip());

        CliRun option = lint("--no-such-option");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("Unknown option: '--no-such-option'"), option.err());
        assertFalse(option.err().contains("\tat "), option.err());
    }
}
