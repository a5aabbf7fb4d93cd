package dev.swapbench.engine.explore;

import dev.swapbench.engine.scenario.PageSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PageNames} gives a replayed trace's pages the names a person knows them by. The model words a page as
 * {@code page<frame>}; a page the scenario declares is named by its id ({@code P}, {@code page1}), and a page
 * allocated during the run by the thread that allocated it and what for ({@code A's COW copy}; the allocating step
 * says in which routine: {@code alloc_page_vma -> A's COW copy (in do_wp_page)}), from that step on (a frame freed
 * and allocated again takes the new name). Names are made only when a
 * trace is replayed, never during the search. The v6 era words a frame as {@code folio<frame>}: the same names.
 */
final class PageNames {
    private static final Pattern FRAME = Pattern.compile("\\b(?:page|folio)(\\d+)\\b");
    private static final Pattern ALLOCATED = Pattern.compile("(page|folio)(\\d+) allocated");

    /** {@code names.get(i)[frame]}: each frame's name after step i (0: the initial state). */
    private final List<String[]> names;
    /** {@code where[i]}: for step i+1 that allocates a page, the routine it allocates in (shown once), else null. */
    private final String[] where;

    private PageNames(List<String[]> names, String[] where) {
        this.names = names;
        this.where = where;
    }

    /** The names along a replayed trace of a scenario with these declared pages (frame i is page i). */
    static PageNames of(List<PageSpec> pages, int frames, List<TraceStep> steps) {
        String[] now = new String[frames];
        for (int p = 0; p < frames; p++) {
            // a frame no page is declared in is free until a step allocates (and names) it
            now[p] = p < pages.size() ? pages.get(p).id() : "frame" + p;
        }
        List<String[]> names = new ArrayList<>(steps.size() + 1);
        String[] where = new String[steps.size()];
        Map<String, Integer> given = new java.util.HashMap<>();
        names.add(now);
        for (int i = 0; i < steps.size(); i++) {
            TraceStep s = steps.get(i);
            for (String change : s.changes()) {
                Matcher m = ALLOCATED.matcher(change);
                if (m.matches()) {
                    int p = Integer.parseInt(m.group(2));
                    if (p < frames) {
                        now = now.clone();
                        String[] purpose = purpose(steps, i, m.group(1), p);
                        String name = s.thread() + "'s " + purpose[0];
                        int n = given.merge(name, 1, Integer::sum); // a second one is "A's COW copy #2"
                        now[p] = n == 1 ? name : name + " #" + n;
                        where[i] = purpose[1];
                    }
                }
            }
            names.add(now);
        }
        return new PageNames(names, where);
    }

    /**
     * What a thread allocated a frame for and in which kernel routine (null: the allocating step says it), told by
     * the first of its later steps that uses the frame: a copy into it is do_wp_page's COW copy, a read into it
     * read_swap_cache_async's swap-in page (v2.6.35 mm/memory.c do_wp_page, mm/swap_state.c
     * read_swap_cache_async: the callers of alloc_page_vma on the paths the model follows).
     */
    private static String[] purpose(List<TraceStep> steps, int allocatedAt, String word, int p) {
        String self = word + p; // the v6 era's frames are folios
        String thread = steps.get(allocatedAt).thread();
        for (int i = allocatedAt + 1; i < steps.size(); i++) {
            TraceStep s = steps.get(i);
            if (!s.thread().equals(thread)) {
                continue;
            }
            if (s.function().equals("copy_user_highpage") && s.call().startsWith(self + " <- ")) {
                // ksm_does_need_to_copy (v2.6.36 mm/ksm.c) marks its copy dirty right after copying; do_wp_page does not
                return nextOwnStep(steps, i, thread).startsWith("SetPageDirty(" + self + ")")
                        ? new String[] {"KSM copy", "ksm_does_need_to_copy"} : new String[] {"COW copy", "do_wp_page"};
            }
            if (s.function().startsWith("add_to_swap_cache") && s.call().startsWith(self + ",")) {
                return new String[] {"swap-in " + word, "read_swap_cache_async"};
            }
        }
        return new String[] {"new " + word, null};
    }

    /** The next step of {@code thread} after step index {@code i}, as {@code function(call)}, or "". */
    private static String nextOwnStep(List<TraceStep> steps, int i, String thread) {
        for (int j = i + 1; j < steps.size(); j++) {
            TraceStep s = steps.get(j);
            if (s.thread().equals(thread)) {
                return s.function() + "(" + s.call() + ")";
            }
        }
        return "";
    }

    /** The text as it stood after {@code step} steps, its frames named. */
    String rename(String text, int step) {
        if (text == null) {
            return null;
        }
        String[] now = names.get(Math.min(step, names.size() - 1));
        Matcher m = FRAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int p = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(p < now.length ? now[p] : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A replay with its steps and messages named. */
    Explorer.Replay rename(Explorer.Replay r) {
        List<TraceStep> steps = new ArrayList<>(r.steps().size());
        for (TraceStep s : r.steps()) {
            int i = s.index();
            String result = rename(s.result(), i) + (where[i - 1] == null ? "" : " (in " + where[i - 1] + ")");
            steps.add(new TraceStep(i, s.thread(), s.function(), rename(s.call(), i), result,
                    s.changes().stream().map(c -> rename(c, i)).toList()));
        }
        Map<dev.swapbench.engine.check.CheckId, Counterexample> fired = new EnumMap<>(
                dev.swapbench.engine.check.CheckId.class);
        r.fired().forEach((check, c) -> fired.put(check, rename(c, steps)));
        Counterexample first = r.violation() == null ? null : fired.get(r.violation().check());
        return new Explorer.Replay(steps, first, fired, r.movesTaken());
    }

    private Counterexample rename(Counterexample c, List<TraceStep> named) {
        int n = c.steps().size();
        return new Counterexample(c.check(), rename(c.message(), n), c.schedule(), named.subList(0, n), c.kind());
    }
}
