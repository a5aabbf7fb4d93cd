package dev.swapbench.reports;

import dev.swapbench.engine.explore.CausalSlice;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws an interleaving as plain-text CPU columns, the way mm commit messages draw races: one column per kernel
 * thread, one row per kernel step, the step in the column of the thread that took it.
 *
 * <pre>
 *   #  | A                          | B                 | R
 * -----+----------------------------+-------------------+--------------------------
 *    1 |                            |                   | isolate_lru_page + trylock_page
 *      |                            |                   |   -&gt; page0
 *      |                            |                   |   page0 locked
 *    2 | lookup_swap_cache(swap(1)) |                   |
 * ...
 * =>93 |                            | set_pte_at(mm ... |
 *
 * =&gt; step 93: stale-mapping: mm child address 0 maps page0 holding 0, but 1 was written there last
 * </pre>
 *
 * <p>A cell holds {@code function(call)}, then {@code -> result} (on the same line when it fits), then each thing
 * the step changed (pte, page flags and counts, swap counts, memcg counters) on its own continuation line. Long
 * lines wrap inside their column (continuations indented); a step with more than {@link #MAX_LINES_PER_STEP} lines
 * ends in {@code (+N more)}. Only ASCII is added around the trace's own text, so the diagram pastes into a mail.
 * The renderer is pure: the same trace gives the same text.
 */
public final class CpuColumns {
    /** The total width the columns aim at (the step number gutter included). */
    public static final int TARGET_WIDTH = 160;
    /** The narrowest and widest a column is made (before the thread name, which always fits). */
    public static final int MIN_COLUMN_WIDTH = 22;
    public static final int MAX_COLUMN_WIDTH = 44;
    /** Lines one step may take in its column; the rest is summarised as {@code (+N more)}. */
    public static final int MAX_LINES_PER_STEP = 12;
    /** The marker in the gutter of the violating (last) step. */
    public static final String MARK = "=>";

    private static final String SEP = " | ";

    private CpuColumns() {
    }

    /**
     * The steps as columns, no step marked.
     *
     * @param threads thread ids in the order their columns should appear (the scenario's order); threads that take
     *                a step but are not listed (the {@code io} completions) get columns after them, in order of
     *                appearance. Listed threads that take no step get no column.
     */
    public static String render(List<TraceStep> steps, List<String> threads) {
        return render(steps, threads, false, null);
    }

    /** A counterexample: its steps, the last one (where the check fired) marked, then the check and its message. */
    public static String render(Counterexample c, List<String> threads) {
        return render(c.steps(), threads, true, c.check().id() + ": " + c.message());
    }

    /**
     * @param markLast mark the last step with {@link #MARK}
     * @param note     a line written under the diagram (after {@code => step N: } when {@code markLast}), or null
     */
    public static String render(List<TraceStep> steps, List<String> threads, boolean markLast, String note) {
        List<String> names = columns(steps, threads);
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            column.put(names.get(i), i);
        }
        int digits = 1;
        for (TraceStep s : steps) {
            digits = Math.max(digits, Integer.toString(s.index()).length());
        }
        int gutter = digits + (markLast ? MARK.length() : 1);
        int n = Math.max(1, names.size());
        int cap = Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH,
                (TARGET_WIDTH - gutter - SEP.length() * n) / n));
        int[] width = new int[names.size()];
        List<List<String>> cells = new ArrayList<>();
        for (TraceStep s : steps) {
            int c = column.get(s.thread());
            int w = Math.max(cap, names.get(c).length());
            List<String> lines = cellLines(s, w);
            cells.add(lines);
            for (String l : lines) {
                width[c] = Math.max(width[c], l.length());
            }
        }
        for (int i = 0; i < names.size(); i++) {
            width[i] = Math.max(width[i], names.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(names);
        line(out, pad("#", gutter, true), header, width);
        StringBuilder rule = new StringBuilder("-".repeat(gutter + 1));
        for (int i = 0; i < names.size(); i++) {
            rule.append('+').append("-".repeat(width[i] + (i == names.size() - 1 ? 1 : 2)));
        }
        out.append(rule).append('\n');
        for (int k = 0; k < steps.size(); k++) {
            TraceStep s = steps.get(k);
            boolean marked = markLast && k == steps.size() - 1;
            List<String> lines = cells.get(k);
            for (int j = 0; j < lines.size(); j++) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    row.add("");
                }
                row.set(column.get(s.thread()), lines.get(j));
                String g = j > 0 ? "" : (marked ? MARK : "") + s.index();
                line(out, pad(g, gutter, true), row, width);
            }
        }
        if (note != null && !note.isEmpty()) {
            out.append('\n');
            if (markLast && !steps.isEmpty()) {
                out.append(MARK).append(" step ").append(steps.get(steps.size() - 1).index()).append(": ");
            }
            out.append(note).append('\n');
        }
        return out.toString();
    }

    /** Where each column of a condensed diagram starts, after the previous one (the text runs on to the right). */
    public static final int CONDENSED_STRIDE = 22;

    /**
     * The condensed diagram of a counterexample ({@link CausalSlice}): a legend naming each thread by its role, then
     * one line per step the violation depends on, indented to its thread's column (the text runs on into the
     * columns to its right, which are empty on that line), with the changes that matter in brackets; the violating
     * step marked, the check and its message, and how to read the gaps.
     *
     * <pre>
     * A: mm child, write fault   B: mm child, read fault   R: reclaim   io: swap read completion
     *
     *       B                     A                     R
     *  14   add_to_swap_cache + swap_readpage(page0, swap(1))  [page0 +swapcache, ...]
     *  17                         lookup_swap_cache(swap(1)) -> page0
     * ...
     * =>95  set_pte_at(mm child [0] = present(page0,ro))  [mm child pte[0] swap(1)-&gt;present(page0,ro)]
     *
     * =&gt; stale-mapping: mm child address 0 maps page0 holding 0, but 1 was written there last
     * </pre>
     *
     * @param threads thread ids in scenario order (column order, as for {@link #render})
     * @param roles   for each of {@code threads}, what it is ("mm child, write fault"); may be shorter or empty
     */
    public static String condensed(Counterexample c, List<String> threads, List<String> roles) {
        CausalSlice slice = CausalSlice.of(c);
        return condensed(slice.steps(), threads, roles, true, c.check().id() + ": " + c.message())
                + slice.steps().size() + " of " + slice.total() + " kernel steps: between two lines a thread also "
                + "runs its steps not shown (the full trace has them).\n";
    }

    /** The longest a condensed line is made before its changes go on the next lines. */
    public static final int CONDENSED_WIDTH = TARGET_WIDTH;

    /**
     * Steps drawn as in {@link #condensed(Counterexample, List, List)}: the legend, the column heads, one line per
     * step (its changes wrapped onto lines under it when the line would pass {@link #CONDENSED_WIDTH}).
     *
     * @param markLast mark the last step with {@link #MARK}
     * @param note     a line under the diagram (after {@code => } when {@code markLast}), or null
     */
    public static String condensed(List<TraceStep> steps, List<String> threads, List<String> roles, boolean markLast,
                                   String note) {
        List<String> names = columns(steps, threads);
        StringBuilder out = new StringBuilder();
        out.append(legend(names, threads, roles)).append("\n\n");
        int digits = 1;
        for (TraceStep s : steps) {
            digits = Math.max(digits, Integer.toString(s.index()).length());
        }
        int gutter = digits + MARK.length() + 2;
        int stride = Math.max(10, Math.min(CONDENSED_STRIDE, 64 / Math.max(1, names.size() - 1)));
        StringBuilder head = new StringBuilder(" ".repeat(gutter));
        for (int i = 0; i < names.size(); i++) {
            head.append(pad(names.get(i), i == names.size() - 1 ? 0 : stride, false));
        }
        out.append(head.toString().stripTrailing()).append('\n');
        for (int k = 0; k < steps.size(); k++) {
            TraceStep s = steps.get(k);
            String mark = markLast && k == steps.size() - 1 ? MARK : "";
            String indent = " ".repeat(gutter + stride * names.indexOf(s.thread()));
            String head1 = call(s) + (s.result().isEmpty() ? "" : " -> " + s.result());
            String changes = s.changes().isEmpty() ? "" : "[" + grouped(s.changes()) + "]";
            out.append(pad(mark + s.index(), gutter - 2, true)).append("  ").append(indent.substring(gutter));
            if (indent.length() + head1.length() + 2 + changes.length() <= CONDENSED_WIDTH || changes.isEmpty()) {
                out.append(head1).append(changes.isEmpty() ? "" : "  " + changes).append('\n');
            } else {
                out.append(head1).append('\n');
                for (String l : wrap(changes, Math.max(40, CONDENSED_WIDTH - indent.length() - 2), 1)) {
                    out.append(indent).append("  ").append(l).append('\n');
                }
            }
        }
        if (note != null && !note.isEmpty()) {
            out.append('\n').append(markLast ? MARK + " " : "").append(note).append('\n');
        }
        return out.toString();
    }

    /**
     * Changes with their object (a page by its name, which may have spaces) said once: {@code page0 -swapcache, private 1->0; slot1 swap cache empty} for
     * {@code page0 -swapcache}, {@code page0 private 1->0}, {@code slot1 swap cache empty}.
     */
    static String grouped(List<String> changes) {
        StringBuilder out = new StringBuilder();
        String object = null;
        for (String change : changes) {
            java.util.regex.Matcher m = OBJECT.matcher(change);
            String o = m.lookingAt() ? m.group() : null;
            if (o != null && o.equals(object)) {
                out.append(", ").append(change.substring(o.length()).strip());
            } else {
                out.append(out.length() == 0 ? "" : "; ").append(change);
            }
            object = o;
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern OBJECT = java.util.regex.Pattern.compile(
            "(slot\\d+|mm \\S+(?= (?!pte\\[|\\[))|memcg \\S+|[^;,]+?(?= (?:[+-][a-z-]+|allocated|freed|refcount"
            + "|mapcount|private|mapping|index|data|page_cgroup|unlocked|locked)(?: |$))) ");

    /** {@code A: mm child, write fault   B: ...}, on more lines when long. */
    static String legend(List<String> names, List<String> threads, List<String> roles) {
        StringBuilder legend = new StringBuilder();
        int lineStart = 0;
        for (String t : names) {
            int i = threads == null ? -1 : threads.indexOf(t);
            String role = i >= 0 && roles != null && i < roles.size() ? roles.get(i)
                    : t.equals("io") ? "swap I/O completion" : "";
            String entry = t + (role.isEmpty() ? "" : ": " + role);
            if (legend.length() > lineStart) {
                if (legend.length() - lineStart + 3 + entry.length() > CONDENSED_WIDTH) {
                    legend.append('\n');
                    lineStart = legend.length();
                } else {
                    legend.append("   ");
                }
            }
            legend.append(entry);
        }
        return legend.toString();
    }

    /** How many leading steps {@code a} and {@code b} share (same thread, function, call, result and changes). */
    public static int commonPrefix(List<TraceStep> a, List<TraceStep> b) {
        int k = 0;
        while (k < a.size() && k < b.size() && same(a.get(k), b.get(k))) {
            k++;
        }
        return k;
    }

    private static boolean same(TraceStep x, TraceStep y) {
        return x.thread().equals(y.thread()) && x.function().equals(y.function()) && x.call().equals(y.call())
                && x.result().equals(y.result()) && x.changes().equals(y.changes());
    }

    /**
     * Two continuations of a common prefix side by side, a move (the steps one thread takes in one go) per row, one
     * line per step ({@code 94 B  PageSwapCache(page0) -> true  [changes]}, wrapped in its half); the first step
     * that differs, {@code firstDifferent} (a step index), marked {@link #MARK} on both sides.
     *
     * @param a the moves of the first policy, each the steps it took
     * @param b the moves of the second, as many (the same schedule)
     */
    public static String sideBySide(List<List<TraceStep>> a, List<List<TraceStep>> b, String nameA, String nameB,
                                    int firstDifferent) {
        int half = (TARGET_WIDTH - 6) / 2;
        List<List<String>> left = new ArrayList<>(), right = new ArrayList<>();
        int widthA = nameA.length();
        for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
            left.add(k < a.size() ? sideLines(a.get(k), half, firstDifferent) : List.of());
            right.add(k < b.size() ? sideLines(b.get(k), half, firstDifferent) : List.of());
            for (String l : left.get(k)) {
                widthA = Math.max(widthA, l.length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(pad(nameA, widthA, false)).append(" | ").append(nameB).append('\n');
        out.append("-".repeat(widthA)).append("-+-").append("-".repeat(Math.min(half, widthA))).append('\n');
        for (int k = 0; k < left.size(); k++) {
            int rows = Math.max(left.get(k).size(), right.get(k).size());
            for (int j = 0; j < rows; j++) {
                String l = j < left.get(k).size() ? left.get(k).get(j) : "";
                String r = j < right.get(k).size() ? right.get(k).get(j) : "";
                out.append((pad(l, widthA, false) + " | " + r).stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> sideLines(List<TraceStep> move, int width, int firstDifferent) {
        List<String> lines = new ArrayList<>();
        for (TraceStep s : move) {
            String text = call(s) + (s.result().isEmpty() ? "" : " -> " + s.result())
                    + (s.changes().isEmpty() ? "" : "  [" + grouped(s.changes()) + "]");
            String gutter = pad(s.index() == firstDifferent ? MARK : "", 2, false) + pad(Integer.toString(s.index()),
                    3, true) + " " + pad(s.thread(), 3, false) + " ";
            List<String> wrapped = wrap(text, width - gutter.length(), 2);
            for (int i = 0; i < wrapped.size(); i++) {
                lines.add((i == 0 ? gutter : " ".repeat(gutter.length())) + wrapped.get(i));
            }
        }
        return lines;
    }

    /** The column names: {@code threads} that take a step, then any other thread in order of appearance. */
    public static List<String> columns(List<TraceStep> steps, List<String> threads) {
        Map<String, Boolean> column = new LinkedHashMap<>();
        for (String t : threads == null ? List.<String>of() : threads) {
            if (steps.stream().anyMatch(s -> s.thread().equals(t))) {
                column.put(t, true);
            }
        }
        for (TraceStep s : steps) {
            column.putIfAbsent(s.thread(), true);
        }
        return new ArrayList<>(column.keySet());
    }

    /** {@code function(call)}, as {@link TraceStep#render()} writes it. */
    public static String call(TraceStep s) {
        return s.function() + (s.call().isEmpty() ? "" : "(" + s.call() + ")");
    }

    /** The lines of one step's cell, each at most {@code width} long. */
    static List<String> cellLines(TraceStep s, int width) {
        List<String> lines = new ArrayList<>();
        String head = call(s);
        String result = s.result().isEmpty() ? null : "-> " + s.result();
        if (result != null && head.length() + 1 + result.length() <= width) {
            lines.addAll(wrap(head + " " + result, width, 4));
        } else {
            lines.addAll(wrap(head, width, 4));
            if (result != null) {
                lines.addAll(wrap("  " + result, width, 5));
            }
        }
        for (String change : s.changes()) {
            lines.addAll(wrap("  " + change, width, 4));
        }
        if (lines.size() > MAX_LINES_PER_STEP) {
            int more = lines.size() - (MAX_LINES_PER_STEP - 1);
            lines = new ArrayList<>(lines.subList(0, MAX_LINES_PER_STEP - 1));
            lines.add("  (+" + more + " more)");
        }
        return lines;
    }

    /**
     * Splits {@code text} into lines of at most {@code width} (see {@link #cut}). Continuation lines are indented by
     * {@code indent} (at most a third of the width).
     */
    static List<String> wrap(String text, int width, int indent) {
        List<String> out = new ArrayList<>();
        String rest = text;
        String prefix = " ".repeat(Math.min(indent, width / 3));
        while (rest.length() > width) {
            int cut = cut(rest, width);
            out.add(rest.substring(0, cut).stripTrailing());
            rest = prefix + rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    /** Where to break {@code s} (longer than {@code width}): at a space, else after an arrow, else after a comma,
     *  else before an opening parenthesis, else at {@code width}; never before a third of the width. */
    private static int cut(String s, int width) {
        int min = Math.max(1, width / 3);
        for (int i = width; i >= min; i--) {
            if (s.charAt(i - 1) == ' ' || s.charAt(i) == ' ') {
                return i;
            }
        }
        for (int i = width; i >= min; i--) {
            if (s.charAt(i - 1) == '>' || s.charAt(i - 1) == '=') {
                return i;
            }
        }
        for (int i = width; i >= min; i--) {
            if (s.charAt(i - 1) == ',') {
                return i;
            }
        }
        for (int i = width; i >= min; i--) {
            if (s.charAt(i) == '(') {
                return i;
            }
        }
        return width;
    }

    private static void line(StringBuilder out, String gutter, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder(gutter);
        for (int i = 0; i < cells.size(); i++) {
            line.append(SEP).append(pad(cells.get(i), width[i], false));
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
