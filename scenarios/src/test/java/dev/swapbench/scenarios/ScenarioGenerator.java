package dev.swapbench.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;

/**
 * Seeded generator of small valid scenarios (1–2 mms, 1–3 pages, 2–3 threads), built in Java with every line
 * field 0. The same seed always gives the same scenario. Strings are chosen to stress YAML quoting.
 */
public final class ScenarioGenerator {
    static final List<String> POLICIES =
            List.of("legacy", "andrea-recheck", "mainline-2.6.36", "ksm-forced-write", "reuse-remap");
    private static final List<String> ODD = List.of(
            "plain words", "with \"double\" quotes", "it's", "back\\slash", "colon: value", "# not a comment",
            "é ü ß", "日本語", "emoji \uD83D\uDE00", "tab\there", "- dash", "null", "true", "123", "0x1F",
            "  padded  ", "{braces}", "[brackets]", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick`",
            "|pipe", ">fold", "~", "bell\u0007", "nel\u0085", "line\u2028sep", "<alpine.LSU.2.00@sister.anvils>");
    private static final List<String> PAGE_IDS = List.of("P", "Q", "K", "page.1", "x-2", "7");
    private static final List<String> THREAD_IDS = List.of("A", "B", "C", "R", "kswapd_0");
    private static final List<String> CHECKS = Arrays.stream(CheckId.values()).map(CheckId::id).toList();

    private ScenarioGenerator() {}

    public static Scenario generate(long seed) {
        Random r = new Random(seed);
        int swapSlots = 1 + r.nextInt(3);

        List<MmSpec> mms = new ArrayList<>();
        int pageCount = 1 + r.nextInt(3);
        List<String> pageIds = pick(r, PAGE_IDS, pageCount);
        String parentId = pick(r, List.of("parent", "m0", "mm_a"), 1).get(0);
        int start0 = r.nextInt(4);
        int pages0 = 1 + r.nextInt(3);
        mms.add(new MmSpec(parentId, null, false, start0, pages0, r.nextBoolean() ? start0 : r.nextInt(10),
                r.nextBoolean() ? null : "cg" + r.nextInt(3), ptes(r, start0, pages0, swapSlots, pageIds), 0));
        MmSpec child = null;
        if (r.nextBoolean()) {
            boolean born = r.nextBoolean();
            int start1 = r.nextInt(4);
            int pages1 = 1 + r.nextInt(3);
            child = new MmSpec("child", parentId, born, start1, pages1, r.nextBoolean() ? start1 : r.nextInt(10),
                    r.nextBoolean() ? null : "cg" + r.nextInt(3),
                    born ? List.of() : ptes(r, start1, pages1, swapSlots, pageIds), 0);
            mms.add(child);
        }

        List<Integer> freeSlots = new ArrayList<>();
        for (int i = 1; i <= swapSlots; i++) {
            freeSlots.add(i);
        }
        Collections.shuffle(freeSlots, r);
        List<PageSpec> pages = new ArrayList<>();
        for (String id : pageIds) {
            boolean ksm = r.nextInt(4) == 0;
            int swapcache = !freeSlots.isEmpty() && r.nextBoolean() ? freeSlots.remove(0) : -1;
            String mapping = ksm || r.nextBoolean() ? null : mms.get(r.nextInt(mms.size())).id();
            pages.add(new PageSpec(id, r.nextInt(6), swapcache, mapping, r.nextInt(6), r.nextBoolean(), ksm, 0));
        }
        List<SlotSpec> slots = new ArrayList<>();
        for (int i = 1; i <= swapSlots; i++) {
            if (r.nextBoolean()) {
                slots.add(new SlotSpec(i, r.nextInt(6), 0));
            }
        }
        Memory memory = new Memory(pageCount + r.nextInt(3), swapSlots, mms, pages, slots);

        int threadCount = 2 + r.nextInt(2);
        List<String> threadIds = pick(r, THREAD_IDS, threadCount);
        List<ThreadSpec> threads = new ArrayList<>();
        for (int i = 0; i < threadCount; i++) {
            MmSpec mm;
            if (i == 0) {
                mm = mms.get(0);
            } else {
                int choice = r.nextInt(mms.size() + 1);
                mm = choice < mms.size() ? mms.get(choice) : null;
            }
            List<Action> actions = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) {
                actions.add(action(r, mm, child));
            }
            threads.add(new ThreadSpec(threadIds.get(i), mm == null ? null : mm.id(), r.nextInt(3) == 0, actions, 0));
        }

        Knobs knobs = new Knobs(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean() ? Knobs.SlotAllocation.ANY : Knobs.SlotAllocation.LOWEST_FIRST,
                oneOf(r, Arrays.asList(null, "v2.6.35", "v2.6.36")));
        Bounds bounds = switch (r.nextInt(3)) {
            case 0 -> Bounds.defaults();
            case 1 -> new Bounds(-1 + r.nextInt(5), 1 + r.nextInt(1_000_000), 1 + r.nextInt(500));
            default -> new Bounds(r.nextInt(3), Long.MAX_VALUE - r.nextInt(10), Integer.MAX_VALUE);
        };
        Map<String, Expectation> expectations = new LinkedHashMap<>();
        for (String policy : pick(r, POLICIES, r.nextInt(3))) {
            Set<String> checks = new LinkedHashSet<>();
            for (String c : CHECKS) {
                if (r.nextInt(3) == 0) {
                    checks.add(c);
                }
            }
            expectations.put(policy, new Expectation(checks, oneLine(oneOf(r, ODD)), 0));
        }
        Provenance provenance = new Provenance(oneOf(r, List.of("message-id", "commit", "derived")),
                oneOf(r, ODD), r.nextBoolean() ? "" : oneOf(r, ODD) + "\n" + oneOf(r, ODD));
        String title = r.nextInt(4) == 0 ? oneOf(r, ODD) + "\n" + oneOf(r, ODD) : oneOf(r, ODD);
        return new Scenario("gen-" + seed, title, provenance, knobs, memory, threads, bounds, expectations,
                "generated:" + seed);
    }

    private static List<PteSpec> ptes(Random r, int start, int count, int swapSlots, List<String> pageIds) {
        List<PteSpec> ptes = new ArrayList<>();
        for (int a = start; a < start + count; a++) {
            switch (r.nextInt(3)) {
                case 1 -> ptes.add(PteSpec.swap(a, 1 + r.nextInt(swapSlots)));
                case 2 -> ptes.add(PteSpec.present(a, oneOf(r, pageIds), r.nextBoolean()));
                default -> { }
            }
        }
        Collections.shuffle(ptes, r);
        return ptes;
    }

    private static Action action(Random r, MmSpec mm, MmSpec child) {
        if (mm == null) {
            return Action.of(oneOf(r, List.of(Action.Op.RECLAIM, Action.Op.TRY_TO_FREE_SWAP, Action.Op.SWAPOFF)));
        }
        boolean canFork = child != null && child.bornByFork() && mm.id().equals(child.forkedFrom());
        int k = r.nextInt(canFork ? 6 : 5);
        int address = mm.vmaStart() + r.nextInt(mm.vmaPages());
        return switch (k) {
            case 0 -> Action.at(Action.Op.READ, address);
            case 1 -> Action.at(Action.Op.WRITE, address);
            case 2 -> Action.at(Action.Op.MADV_DONTNEED, address);
            case 3 -> Action.of(Action.Op.EXIT);
            case 4 -> Action.at(Action.Op.READ, address);
            default -> new Action(Action.Op.FORK, -1, child.id(), 0);
        };
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.isBlank() ? "x" : t;
    }

    private static <T> T oneOf(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    private static <T> List<T> pick(Random r, List<T> items, int n) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, r);
        return new ArrayList<>(copy.subList(0, n));
    }

    /** The scenario with every line field 0 and origin "", for comparisons that ignore where it was read from. */
    public static Scenario withoutLines(Scenario s) {
        Memory m = s.memory();
        List<MmSpec> mms = m.mms().stream().map(mm -> new MmSpec(mm.id(), mm.forkedFrom(), mm.bornByFork(),
                mm.vmaStart(), mm.vmaPages(), mm.pgoff(), mm.memcg(),
                mm.ptes().stream().map(p -> new PteSpec(p.address(), p.kind(), p.slot(), p.page(), p.writable(), 0))
                        .toList(), 0)).toList();
        List<PageSpec> pages = m.pages().stream().map(p -> new PageSpec(p.id(), p.data(), p.swapCacheSlot(),
                p.mappingMm(), p.index(), p.dirty(), p.ksm(), 0)).toList();
        List<SlotSpec> slots = m.slots().stream().map(sl -> new SlotSpec(sl.slot(), sl.data(), 0)).toList();
        List<ThreadSpec> threads = s.threads().stream().map(t -> new ThreadSpec(t.id(), t.mm(), t.daemon(),
                t.actions().stream().map(a -> new Action(a.op(), a.address(), a.target(), 0)).toList(), 0)).toList();
        Map<String, Expectation> expectations = new LinkedHashMap<>();
        s.expectations().forEach((k, e) -> expectations.put(k, new Expectation(e.checks(), e.reason(), 0)));
        return new Scenario(s.id(), s.title(), s.provenance(), s.knobs(),
                new Memory(m.frames(), m.swapSlots(), mms, pages, slots), threads, s.bounds(), expectations, "");
    }
}
