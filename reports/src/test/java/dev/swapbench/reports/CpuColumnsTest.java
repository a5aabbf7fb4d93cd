package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
