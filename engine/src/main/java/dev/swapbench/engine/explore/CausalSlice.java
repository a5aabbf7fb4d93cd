package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The condensed form of a counterexample: the kernel steps its violation depends on, as mm commit messages draw a
 * race.
 *
 * <p>Each step reads and writes fields of kernel objects (a page's flags, lock, refcount, data...; a slot's count
 * and swap cache entry; a pte; an mm's page table lock and mmap_sem; a memcg's counters). What a step writes is read
 * off its {@link TraceStep#changes()}; what it reads is over-approximated from the objects its call and result name
 * (every field of them), plus, for the steps that search (page allocation, reclaim's LRU pick, add_to_swap's slot
 * search, rmap and swapoff walks, memcg accounting), every object of the kind searched. Two steps of different
 * threads conflict when one writes a field the other reads or writes.
 *
 * <p>The slice is read as a CPU-column diagram: each thread runs the steps it has up to and including its next
 * slice step, in the order of the slice; steps after a thread's last slice step are not run. The slice starts from
 * the violating (last) step and grows until that reading is equivalent to the trace: a step is added when the
 * reading would move it past a conflicting step of another thread (or drop it while a later kept step, or the
 * check, reads what it wrote). The guarantee, held for the whole corpus by a test that replays it: the schedule
 * that runs, in slice order, each slice step's move preceded by its thread's pending moves, and drops every
 * thread's moves after its last slice step, makes the same check fire. A check that is judged only once every
 * thread has finished (deadlock, memcg drift, leaks at quiescence) keeps every thread's last step.
 *
 * <p>Pure: the same steps give the same slice. It works from rendered steps only, so it also works on traces read
 * back from a report.
 *
 * @param steps    the slice's steps, in trace order, each keeping only its telling changes (ptes, data, swap cache
 *                 and anon_vma membership, slot counts, locks, memcg counters; the refcounts and mapcounts only when
 *                 the check speaks of them); function, call and result unchanged
 * @param total    the number of steps in the full trace
 */
public record CausalSlice(List<TraceStep> steps, int total) {
    public CausalSlice {
        steps = List.copyOf(steps);
    }

    /** The positions (1-based {@link TraceStep#index()}) of the slice's steps. */
    public List<Integer> indices() {
        return steps.stream().map(TraceStep::index).toList();
    }

    public static CausalSlice of(Counterexample c) {
        return of(c.steps(), c.check(), c.message());
    }

    public static CausalSlice of(List<TraceStep> trace, CheckId check, String message) {
        int n = trace.size();
        if (n == 0) {
            return new CausalSlice(List.of(), 0);
        }
        Pattern pages = pageNames(trace);
        List<List<Key>> reads = new ArrayList<>(n);
        List<List<Key>> writes = new ArrayList<>(n);
        String[] thread = new String[n];
        for (int i = 0; i < n; i++) {
            TraceStep s = trace.get(i);
            reads.add(reads(s, pages));
            writes.add(writes(s));
            // I/O completions are independent actors: no program order between two of them
            thread[i] = s.thread().equals("io") ? "io#" + i : s.thread();
        }
        TraceStep last = trace.get(n - 1);
        boolean firedInStep = last.result().endsWith(" fires");
        boolean atQuiescence = check == CheckId.DEADLOCK || check == CheckId.MEMCG_DRIFT
                || (check == CheckId.KERNEL_BUG && !firedInStep);
        List<Key> checkReads = atQuiescence ? List.of(Key.ANY) : named(message == null ? "" : message, pages);

        boolean[][] conflict = new boolean[n][n];
        boolean[] checkConflict = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                conflict[i][j] = !thread[i].equals(thread[j]) && conflicts(reads.get(i), writes.get(i),
                        reads.get(j), writes.get(j));
            }
            checkConflict[i] = overlaps(writes.get(i), checkReads);
        }

        BitSet in = story(trace, thread, check, message, pages);
        in.set(n - 1);
        if (atQuiescence) {
            Map<String, Integer> lastOf = new HashMap<>();
            for (int i = 0; i < n; i++) {
                lastOf.put(thread[i], i);
            }
            lastOf.values().forEach(in::set);
        }
        while (true) {
            int[] at = positions(thread, in);
            int add = -1;
            for (int i = n - 1; i >= 0 && add < 0; i--) {
                if (in.get(i)) {
                    continue;
                }
                if (at[i] < 0 && checkConflict[i]) {
                    add = i;
                }
                for (int j = i + 1; j < n && add < 0; j++) {
                    boolean flipped = at[j] >= 0 && (at[i] < 0 || at[i] > at[j]);
                    if (flipped && conflict[i][j]) {
                        add = i;
                    }
                }
            }
            if (add < 0) {
                break;
            }
            in.set(add);
        }

        List<TraceStep> kept = new ArrayList<>();
        for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
            TraceStep s = trace.get(i);
            List<String> changes = new ArrayList<>();
            for (String change : s.changes()) {
                Key w = writeKey(change);
                if (w == null) {
                    continue;
                }
                if (SHOWN.contains(w.kind() + "." + w.field()) || TELLING.contains(w.kind() + "." + w.field())
                        || message != null && message.contains(w.field())) {
                    changes.add(change);
                }
            }
            kept.add(new TraceStep(s.index(), s.thread(), s.function(), s.call(), s.result(), changes));
        }
        return new CausalSlice(kept, n);
    }

    /**
     * The steps that tell the story: walking back from the violation, each step that makes a telling change (a pte,
     * the data, a page entering or leaving the swap cache or its anon_vma, a slot's count or cache entry, a page
     * allocated or freed, a memcg counter) to an object the story already involves; the objects it names join the
     * story. Then the violating thread's last lock_page and pte_offset_map_lock (where it waited, and what it saw).
     */
    private static BitSet story(List<TraceStep> trace, String[] thread, CheckId check, String message,
                                Pattern pages) {
        int n = trace.size();
        BitSet in = new BitSet(n);
        List<Key> involved = new ArrayList<>(named(message == null ? "" : message, pages));
        TraceStep last = trace.get(n - 1);
        involved.addAll(named(last.call() + " " + last.result(), pages));
        boolean memcg = check == CheckId.MEMCG_DRIFT;
        for (int i = n - 2; i >= 0; i--) {
            TraceStep s = trace.get(i);
            boolean telling = false;
            for (String change : s.changes()) {
                Key w = writeKey(change);
                if (w != null && TELLING.contains(w.kind() + "." + w.field()) || memcg && w != null
                        && (w.kind().equals("memcg") || w.field().equals("memcg") || w.field().equals("cgroup"))) {
                    telling |= involved.stream().anyMatch(k -> k.kind().equals(w.kind()) && k.id().equals(w.id()));
                }
            }
            if (telling) {
                in.set(i);
                involved.addAll(named(s.call() + " " + s.result(), pages));
                for (String change : s.changes()) {
                    Key w = writeKey(change);
                    if (w != null) {
                        involved.add(new Key(w.kind(), w.id(), "*"));
                    }
                }
            }
        }
        boolean lockSeen = false, pteSeen = false;
        for (int i = n - 2; i >= 0 && thread[i].equals(thread[n - 1]); i--) {
            String f = trace.get(i).function();
            if (!lockSeen && f.equals("lock_page")) {
                in.set(i);
                lockSeen = true;
            } else if (!pteSeen && f.equals("pte_offset_map_lock")) {
                in.set(i);
                pteSeen = true;
            }
        }
        return in;
    }

    /** Changes shown in a condensed step besides the telling ones: locks, and what a reader waits for. */
    private static final java.util.Set<String> SHOWN = java.util.Set.of("page.lock", "page.uptodate", "mm.ptl",
            "mm.mmap_sem", "slot.data", "memcg.res", "memcg.memsw", "memcg.swapout", "memcg.pending", "page.memcg",
            "slot.cgroup");

    private static final java.util.Set<String> TELLING = java.util.Set.of("pte.pte", "pte.data", "page.data",
            "page.*", "page.swapcache", "page.private", "page.mapping", "slot.count", "slot.cache", "slot.page",
            "mm.alive", "swap.off");

    /**
     * Where each step runs when the slice is read as a diagram: a slice step at its turn, the steps of its thread
     * before it (not yet run) just before it; -1 for a step after its thread's last slice step.
     */
    private static int[] positions(String[] thread, BitSet in) {
        int n = thread.length;
        int[] at = new int[n];
        java.util.Arrays.fill(at, -1);
        Map<String, List<Integer>> pending = new LinkedHashMap<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            List<Integer> waiting = pending.computeIfAbsent(thread[i], t -> new ArrayList<>());
            if (!in.get(i)) {
                waiting.add(i);
                continue;
            }
            for (int w : waiting) {
                at[w] = next++;
            }
            waiting.clear();
            at[i] = next++;
        }
        return at;
    }

    // ---- what a step touches ----

    /**
     * A field of a kernel object. {@code kind} is page, slot, pte, mm, memcg or swap; {@code id} the page or slot
     * number, {@code "child [0]"} for a pte, the mm or memcg name; {@code "*"} stands for any id or field.
     */
    record Key(String kind, String id, String field) {
        static final Key ANY = new Key("*", "*", "*");

        boolean overlaps(Key o) {
            return match(kind, o.kind) && match(id, o.id) && match(field, o.field);
        }

        private static boolean match(String a, String b) {
            return a.equals("*") || b.equals("*") || a.equals(b);
        }
    }

    private static boolean overlaps(List<Key> a, List<Key> b) {
        for (Key x : a) {
            for (Key y : b) {
                if (x.overlaps(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean conflicts(List<Key> r1, List<Key> w1, List<Key> r2, List<Key> w2) {
        return overlaps(w1, r2) || overlaps(w1, w2) || overlaps(r1, w2);
    }

    /** A page as the model words it when it has no name: its frame. */
    private static final String FRAME = "page\\d+|folio\\d+|frame\\d+";

    /**
     * The pages a trace names: every page its changes name (a page no step changes cannot order two steps), longest
     * name first, and frames as the model words them.
     */
    static Pattern pageNames(List<TraceStep> trace) {
        java.util.Set<String> names = new java.util.TreeSet<>(
                java.util.Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));
        for (TraceStep s : trace) {
            for (String change : s.changes()) {
                Key k = writeKey(change);
                if (k != null && k.kind().equals("page")) {
                    names.add(k.id());
                }
            }
        }
        StringBuilder any = new StringBuilder();
        for (String name : names) {
            any.append(Pattern.quote(name)).append('|');
        }
        return Pattern.compile("(?<![\\w'])(" + any + FRAME + ")(?![\\w'])");
    }
    private static final Pattern SLOT = Pattern.compile("\\bswap\\((\\d+)\\)|\\bslot ?(\\d+)");
    private static final Pattern PTE = Pattern.compile("\\bmm (\\S+) (?:\\[|address )(\\d+)");
    private static final Pattern MM = Pattern.compile("\\bmm (\\S++)(?! \\[| address)");
    private static final Pattern MEMCG = Pattern.compile("\\bmemcg (\\S+)");

    /** Every field of every object the text names. */
    static List<Key> named(String text, Pattern pages) {
        List<Key> keys = new ArrayList<>();
        Matcher m = pages.matcher(text);
        while (m.find()) {
            keys.add(new Key("page", m.group(1), "*"));
        }
        m = SLOT.matcher(text);
        while (m.find()) {
            keys.add(new Key("slot", m.group(1) != null ? m.group(1) : m.group(2), "*"));
            keys.add(new Key("swap", "device", "*"));
        }
        m = PTE.matcher(text);
        while (m.find()) {
            keys.add(new Key("pte", m.group(1) + " [" + m.group(2) + "]", "*"));
        }
        m = MM.matcher(text);
        while (m.find()) {
            keys.add(new Key("mm", m.group(1), "*"));
        }
        m = MEMCG.matcher(text);
        while (m.find()) {
            keys.add(new Key("memcg", m.group(1), "*"));
        }
        return keys;
    }

    /** What a step reads: the objects it names, and what the searching steps search. */
    static List<Key> reads(TraceStep s, Pattern pages) {
        List<Key> keys = named(s.call() + " " + s.result(), pages);
        String f = s.function();
        if (f.startsWith("alloc_page_vma") || f.startsWith("isolate_lru_page") || f.startsWith("get_page + trylock")
                || f.startsWith("ksmd")) {
            keys.add(new Key("page", "*", "*"));
        }
        if (f.startsWith("add_to_swap") || f.startsWith("vm_swap_full") || f.startsWith("swapoff")
                || f.startsWith("try_to_unuse") || f.startsWith("page_swapcount") || f.startsWith("end_swap_bio")
                || f.startsWith("swap_writepage") || f.startsWith("pageout")) {
            keys.add(new Key("slot", "*", "*"));
            keys.add(new Key("swap", "*", "*"));
        }
        if (f.startsWith("try_to_unmap_one") || f.startsWith("unuse_pte_range") || f.startsWith("try_to_unuse")
                || f.startsWith("fork") || f.startsWith("ksmd") || f.startsWith("exit_mmap")
                || f.startsWith("page_mapped") || f.startsWith("swapoff")) {
            keys.add(new Key("pte", "*", "*"));
            keys.add(new Key("mm", "*", "*"));
        }
        if (f.startsWith("mem_cgroup")) {
            keys.add(new Key("memcg", "*", "*"));
            keys.add(new Key("page", "*", "memcg"));
            keys.add(new Key("slot", "*", "cgroup"));
        }
        if (f.startsWith("user access")) {
            keys.add(new Key("page", "*", "data"));
        }
        if (s.result().endsWith(" fires")) {
            keys.add(Key.ANY);
        }
        return keys;
    }

    /** What a step writes, one key per change it made. */
    static List<Key> writes(TraceStep s) {
        List<Key> keys = new ArrayList<>();
        for (String change : s.changes()) {
            Key k = writeKey(change);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** A page's change: its name (which may have spaces: {@code A's COW copy (do_wp_page)}), then the field. */
    private static final Pattern PAGE_CHANGE = Pattern.compile("(.+?) (?:[+-]([a-z-]+)|(allocated|freed|refcount"
            + "|mapcount|private|mapping|index|data|page_cgroup|unlocked|locked))(?: .*)?");
    private static final Pattern SLOT_CHANGE = Pattern.compile("slot(\\d+) [+-]?(\\S+).*");
    private static final Pattern PTE_CHANGE = Pattern.compile("mm (\\S+) (pte)?\\[(\\d+)\\] .*");
    private static final Pattern MM_CHANGE = Pattern.compile("mm (\\S+) (\\S+).*");
    private static final Pattern MEMCG_CHANGE = Pattern.compile("memcg (\\S+) (\\S+).*");

    /** The field a change line (as {@code StateDiff} words it) writes; null for a line that only restates others. */
    static Key writeKey(String change) {
        Matcher m = SLOT_CHANGE.matcher(change);
        if (m.matches()) {
            String field = m.group(2);
            return field.equals("free") ? null : new Key("slot", m.group(1), switch (field) {
                case "SWAP_HAS_CACHE" -> "cache";
                case "swap" -> "page";
                case "disk" -> "data";
                case "swap_cgroup" -> "cgroup";
                default -> field;
            });
        }
        m = PTE_CHANGE.matcher(change);
        if (m.matches()) {
            return new Key("pte", m.group(1) + " [" + m.group(3) + "]", m.group(2) != null ? "pte" : "data");
        }
        m = MM_CHANGE.matcher(change);
        if (m.matches()) {
            String field = m.group(2);
            return new Key("mm", m.group(1), field.equals("created") || field.equals("gone") ? "alive" : field);
        }
        m = MEMCG_CHANGE.matcher(change);
        if (m.matches()) {
            return new Key("memcg", m.group(1), m.group(2));
        }
        if (change.startsWith("swap device")) {
            return new Key("swap", "device", "off");
        }
        m = PAGE_CHANGE.matcher(change);
        if (m.matches()) {
            String field = m.group(2) != null ? m.group(2) : m.group(3);
            return new Key("page", m.group(1), switch (field) {
                case "allocated", "freed" -> "*";
                case "locked", "unlocked" -> "lock";
                case "page_cgroup" -> "memcg";
                default -> field;
            });
        }
        return Key.ANY;
    }
}
