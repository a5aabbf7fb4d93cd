package dev.swapbench.junit;

import dev.swapbench.engine.explore.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a counterexample as CPU columns: one column per kernel thread, one row per kernel step, the step written
 * as {@code function(call) -> result} in the column of the thread that took it, and what the step changed at the
 * end of the row.
 *
 * <pre>
 *   #  A                          B                     R
 *   1  lookup_swap_cache(swp 1)
 *   2                             lock_page(page1)                  | page1 locked
 * </pre>
 */
public final class CpuColumns {
    private static final String GAP = "  ";
    /** Longer cells wrap onto continuation lines of their row, so that four threads fit a wide terminal. */
    public static final int MAX_COLUMN_WIDTH = 40;

    private CpuColumns() {
    }

    /**
     * @param steps   the trace
     * @param threads thread ids in the order their columns should appear (the scenario's order); threads that
     *                take a step but are not listed ({@code io}) get columns after them, in order of appearance.
     *                Listed threads that take no step get no column.
     */
    public static String render(List<TraceStep> steps, List<String> threads) {
        Map<String, Integer> column = new LinkedHashMap<>();
        for (String t : threads) {
            if (steps.stream().anyMatch(s -> s.thread().equals(t))) {
                column.put(t, column.size());
            }
        }
        for (TraceStep s : steps) {
            column.putIfAbsent(s.thread(), column.size());
        }
        List<String> names = new ArrayList<>(column.keySet());
        int[] width = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            width[i] = names.get(i).length();
        }
        int indexWidth = 1;
        for (TraceStep s : steps) {
            int c = column.get(s.thread());
            for (String part : wrap(cell(s))) {
                width[c] = Math.max(width[c], part.length());
            }
            indexWidth = Math.max(indexWidth, Integer.toString(s.index()).length());
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(names);
        row(out, pad("#", indexWidth, true), header, width, "");
        for (TraceStep s : steps) {
            List<String> parts = wrap(cell(s));
            for (int k = 0; k < parts.size(); k++) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    cells.add("");
                }
                cells.set(column.get(s.thread()), parts.get(k));
                String changes = k > 0 || s.changes().isEmpty() ? "" : "| " + String.join(", ", s.changes());
                row(out, pad(k == 0 ? Integer.toString(s.index()) : "", indexWidth, true), cells, width, changes);
            }
        }
        return out.toString();
    }

    /** {@code function(call) -> result}, as {@link TraceStep#render()} writes it. */
    static String cell(TraceStep s) {
        return s.function() + (s.call().isEmpty() ? "" : "(" + s.call() + ")")
                + (s.result().isEmpty() ? "" : " -> " + s.result());
    }

    /** Splits a cell into pieces of at most {@link #MAX_COLUMN_WIDTH}, after a space or comma where possible, else after a parenthesis. */
    static List<String> wrap(String cell) {
        List<String> out = new ArrayList<>();
        String rest = cell;
        while (rest.length() > MAX_COLUMN_WIDTH) {
            int cut = cut(rest, " ,");
            if (cut < 0) {
                cut = cut(rest, "(");
            }
            if (cut < 0) {
                cut = MAX_COLUMN_WIDTH;
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = "  " + rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    /** The longest prefix (at least a third of the width) that ends in one of {@code after}, or -1. */
    private static int cut(String s, String after) {
        for (int i = MAX_COLUMN_WIDTH; i >= MAX_COLUMN_WIDTH / 3; i--) {
            if (after.indexOf(s.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void row(StringBuilder out, String index, List<String> cells, int[] width, String tail) {
        StringBuilder line = new StringBuilder(index);
        for (int i = 0; i < cells.size(); i++) {
            line.append(GAP).append(pad(cells.get(i), width[i], false));
        }
        if (!tail.isEmpty()) {
            line.append(GAP).append(tail);
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
