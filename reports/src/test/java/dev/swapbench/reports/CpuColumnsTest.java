package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuColumnsTest {
    @Test
    void twoThreadsSideBySide() {
        List<TraceStep> steps = List.of(
                new TraceStep(1, "A", "lookup_swap_cache", "swap(1)", "page0", List.of("page0 refcount 1->2")),
                new TraceStep(2, "B", "lock_page", "page0", "", List.of("page0 locked")),
                new TraceStep(3, "A", "lock_page", "page0", "", List.of()));
        String expected = """
                  # | A                                   | B
                ----+-------------------------------------+-----------------
                  1 | lookup_swap_cache(swap(1)) -> page0 |
                    |   page0 refcount 1->2               |
                  2 |                                     | lock_page(page0)
                    |                                     |   page0 locked
                =>3 | lock_page(page0)                    |

                => step 3: deadlock: A waits in lock_page(page0)
                """;
        assertEquals(expected, CpuColumns.render(steps, List.of("A", "B"), true,
                "deadlock: A waits in lock_page(page0)"));
    }

    @Test
    void counterexampleColumnsFollowTheScenarioThenIo() {
        String text = CpuColumns.render(ReportFixtures.STALE, List.of("A", "B", "C", "R"));
        String header = text.lines().findFirst().orElseThrow();
        assertTrue(header.matches(" +# \\| A +\\| B +\\| C +\\| R +\\| io"), header);
        assertEquals(List.of("A", "B", "C", "R", "io"), CpuColumns.columns(ReportFixtures.R2_STEPS,
                List.of("A", "B", "C", "R", "unused")));
        // every step starts in the column of its thread
        List<String> lines = text.lines().toList();
        int[] starts = columnStarts(header);
        List<String> names = List.of("A", "B", "C", "R", "io");
        for (TraceStep s : ReportFixtures.R2_STEPS) {
            String row = lines.stream().filter(l -> l.matches("(=>)? *" + s.index() + " \\|.*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for step " + s.index() + "\n" + text));
            int col = starts[names.indexOf(s.thread())];
            assertTrue(row.substring(col).startsWith(s.function().split(" ")[0]), "step " + s.index() + " in column "
                    + s.thread() + "\n" + text);
        }
        assertTrue(text.contains("=>9 |"), "the violating step is marked\n" + text);
        assertTrue(text.endsWith("=> step 9: stale-mapping: mm child address 0 maps page0 holding 0, but 1 was "
                + "written there last\n"), text);
        assertTrue(text.contains("  mm child pte[0]"), "changes on continuation lines\n" + text);
    }

    @Test
    void longCellsWrapInsideTheirColumnAndStepsAreCapped() {
        String longCall = "x".repeat(30) + ", " + "y".repeat(30) + ", " + "z".repeat(70);
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("page" + i + " refcount 1->2");
        }
        List<TraceStep> steps = List.of(new TraceStep(1, "A", "f", longCall, "ok", many),
                new TraceStep(2, "B", "g", "", "", List.of()));
        String text = CpuColumns.render(steps, List.of("A", "B"));
        int max = text.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(max <= 8 + 2 * (CpuColumns.MAX_COLUMN_WIDTH + 3), max + "\n" + text);
        long rowsOfStep1 = text.lines().skip(2).takeWhile(l -> !l.contains(" 2 |")).count();
        assertEquals(CpuColumns.MAX_LINES_PER_STEP, rowsOfStep1, text);
        assertTrue(text.contains("more)"), text);
        assertTrue(text.contains("zzzz"), text);
    }

    @Test
    void wrapBreaksAfterSpacesAndIndentsContinuations() {
        assertEquals(List.of("alpha beta", "    gamma"), CpuColumns.wrap("alpha beta gamma", 12, 4));
        assertEquals(List.of("alpha beta", "   gamma"), CpuColumns.wrap("alpha beta gamma", 10, 4));
        assertEquals(List.of("abcdefghij", "   klmn"), CpuColumns.wrap("abcdefghijklmn", 10, 4));
        assertEquals(List.of("set_pte_at(mm", "    child)"), CpuColumns.wrap("set_pte_at(mm child)", 14, 4));
        assertEquals(List.of("short"), CpuColumns.wrap("short", 10, 4));
    }

    private static int[] columnStarts(String header) {
        List<Integer> starts = new java.util.ArrayList<>();
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '|') {
                starts.add(i + 2);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void condensedDrawsOneLinePerStepInItsThreadsColumnWithTheRolesExplained() {
        List<TraceStep> steps = List.of(
                new TraceStep(3, "B", "lock_page", "page0", "", List.of("page0 locked")),
                new TraceStep(7, "A", "swap_free", "swap(1)", "", List.of("slot1 count 1->0", "slot1 free")),
                new TraceStep(9, "B", "set_pte_at", "mm child [0] = present(page0,ro)", "",
                        List.of("mm child pte[0] swap(1)->present(page0,ro)")));
        String expected = """
                A: mm child, write fault   B: mm child, read fault

                     A                     B
                  3                        lock_page(page0)  [page0 locked]
                  7  swap_free(swap(1))  [slot1 count 1->0, free]
                =>9                        set_pte_at(mm child [0] = present(page0,ro))  [mm child pte[0] swap(1)->present(page0,ro)]

                => stale-mapping: mm child address 0 maps page0
                """;
        assertEquals(expected, CpuColumns.condensed(steps, List.of("A", "B"), List.of("mm child, write fault",
                "mm child, read fault"), true, "stale-mapping: mm child address 0 maps page0"));
    }

    @Test
    void condensedCounterexampleSaysWhatIsLeftOut() {
        // the R2 fixture with a step first that nothing later depends on: C looks at a page no one else touches
        List<TraceStep> steps = new java.util.ArrayList<>();
        steps.add(new TraceStep(1, "C", "PageDirty", "page7", "false", List.of()));
        for (TraceStep s : ReportFixtures.R2_STEPS) {
            steps.add(new TraceStep(s.index() + 1, s.thread(), s.function(), s.call(), s.result(), s.changes()));
        }
        Counterexample c = new Counterexample(ReportFixtures.STALE.check(), ReportFixtures.STALE.message(),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("C"), ReportFixtures.STALE.schedule().stream())
                        .toList(), steps);
        String text = CpuColumns.condensed(c, ReportFixtures.R2.threads(), ReportFixtures.R2.roles());
        List<String> stepLines = text.lines().filter(l -> l.matches("(=>)? *\\d+  .*")).toList();
        assertEquals(9, stepLines.size(), text);
        assertTrue(!text.contains("PageDirty"), text);
        assertTrue(stepLines.get(stepLines.size() - 1).startsWith("=>10 "), text);
        assertTrue(text.endsWith("9 of 10 kernel steps: between two lines a thread also runs its steps not shown (the "
                + "full trace has them).\n"), text);
    }

    @Test
    void changesSayTheirObjectOnce() {
        assertEquals("page0 -swapcache, refcount 3->2; slot1 -SWAP_HAS_CACHE, swap cache empty; mm child pte[0] "
                + "swap(1)->present(page0,ro); mm child ptl taken", CpuColumns.grouped(List.of("page0 -swapcache",
                "page0 refcount 3->2", "slot1 -SWAP_HAS_CACHE", "slot1 swap cache empty",
                "mm child pte[0] swap(1)->present(page0,ro)", "mm child ptl taken")));
    }

    @Test
    void continuationsSideBySideFromTheFirstDifference() {
        TraceStep common = new TraceStep(1, "B", "lock_page", "page0", "", List.of("page0 locked"));
        List<TraceStep> a = List.of(common, new TraceStep(2, "B", "pte_offset_map_lock", "mm child [0]", "swap(1)",
                List.of()), new TraceStep(3, "B", "set_pte_at", "mm child [0] = present(page0,ro)", "", List.of()));
        List<TraceStep> b = List.of(common, new TraceStep(2, "B", "PageSwapCache", "page0", "false", List.of()),
                new TraceStep(3, "B", "unlock_page", "page0", "", List.of("page0 unlocked")));
        assertEquals(1, CpuColumns.commonPrefix(a, b));
        assertEquals(3, CpuColumns.commonPrefix(a, a));
        String text = CpuColumns.sideBySide(List.of(a.subList(1, 3)), List.of(b.subList(1, 3)), "legacy",
                "mainline", 2);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).matches("legacy +\\| mainline"), text);
        assertTrue(lines.get(2).matches("=>  2 B   pte_offset_map_lock\\(mm child \\[0\\]\\) -> swap\\(1\\) +\\| =>  2 B   "
                + "PageSwapCache\\(page0\\) -> false"), text);
        assertTrue(lines.get(3).matches("    3 B   set_pte_at.* \\|     3 B   unlock_page\\(page0\\)  \\[page0 unlocked\\]"),
                text);
        int bar = lines.get(0).indexOf('|');
        assertTrue(lines.stream().skip(2).allMatch(l -> l.indexOf('|') == bar), "one column for each policy\n" + text);
    }
}
