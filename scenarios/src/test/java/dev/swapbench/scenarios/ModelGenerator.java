package dev.swapbench.scenarios;

import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeded generator of small scenarios whose initial memory is one a kernel could be in (unlike
 * {@link ScenarioGenerator}, which only has to be valid YAML): a parent mm and maybe a forked child sharing its
 * swap entries and read-only pages, pages in the swap cache with data matching what was last written, and a few
 * threads with short action lists. Also a shrinker that drops actions and threads while a property still fails.
 */
final class ModelGenerator {
    private ModelGenerator() {
    }

    /** @param threads how many threads (1 gives a sequential scenario: one thread does everything) */
    static Scenario generate(long seed, int threads) {
        Random r = new Random(seed);
        int slots = 1 + r.nextInt(2);
        int pages = 2;
        boolean forked = r.nextBoolean();
        List<PteSpec> parentPtes = new ArrayList<>();
        List<PteSpec> childPtes = new ArrayList<>();
        List<PageSpec> pageSpecs = new ArrayList<>();
        List<SlotSpec> slotSpecs = new ArrayList<>();
        int nextSlot = 1;
        int data = 1;
        for (int a = 0; a < pages; a++) {
            switch (r.nextInt(4)) {
                case 0:
                    break; // pte_none
                case 1: {
                    if (nextSlot > slots) {
                        break;
                    }
                    int s = nextSlot++;
                    int d = data++;
                    slotSpecs.add(new SlotSpec(s, d, 0));
                    if (r.nextBoolean()) {
                        pageSpecs.add(new PageSpec("p" + a, d, s, r.nextBoolean() ? "parent" : null, a, false, false, 0));
                    }
                    parentPtes.add(PteSpec.swap(a, s));
                    if (forked) {
                        childPtes.add(PteSpec.swap(a, s));
                    }
                    break;
                }
                default: {
                    int d = data++;
                    boolean shared = forked;
                    pageSpecs.add(new PageSpec("p" + a, d, -1, "parent", a, true, false, 0));
                    parentPtes.add(new PteSpec(a, PteSpec.Kind.PRESENT, -1, "p" + a, !shared, 0));
                    if (shared) {
                        childPtes.add(new PteSpec(a, PteSpec.Kind.PRESENT, -1, "p" + a, false, 0));
                    }
                }
            }
        }
        List<MmSpec> mms = new ArrayList<>();
        String[] memcgs = {null, "cg-a", "cg-b"};
        mms.add(new MmSpec("parent", null, false, 0, pages, 0, memcgs[r.nextInt(3)], parentPtes, 0));
        if (forked) {
            mms.add(new MmSpec("child", "parent", false, 0, pages, 0, memcgs[r.nextInt(3)], childPtes, 0));
        }
        List<ThreadSpec> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String mm = forked && r.nextBoolean() ? "child" : "parent";
            List<Action> actions = new ArrayList<>();
            int n = threads == 1 ? 3 + r.nextInt(6) : 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                actions.add(action(r, pages, threads == 1));
            }
            ts.add(new ThreadSpec("T" + t, mm, false, actions, 0));
        }
        if (threads > 1 && r.nextBoolean()) {
            ts.add(new ThreadSpec("R", null, true, List.of(Action.of(Action.Op.RECLAIM)), 0));
        }
        Knobs knobs = new Knobs(true, r.nextBoolean(), true, r.nextInt(4) == 0, Knobs.SlotAllocation.ANY, null);
        return new Scenario("gen-" + seed, "generated", new Provenance("derived", "ModelGenerator", "seed " + seed),
                knobs, new Memory(4, slots, mms, pageSpecs, slotSpecs), ts,
                new Bounds(threads == 1 ? -1 : 1, 100_000, 200), Map.of(), "generated:" + seed);
    }

    /**
     * A scenario for the serial oracle: a parent with private pages (present and writable, swapped out, or in the
     * swap cache) and a child that is either forked already (sharing the parent's swap entries and, read-only, its
     * pages) or forked by one of the parent's actions; two or three threads over both mms with short action lists,
     * and maybe a thread that runs one to three reclaim passes and other one-shot kernel work.
     */
    static Scenario generateEpisodes(long seed) {
        Random r = new Random(seed);
        int pages = 1 + r.nextInt(2);
        int slots = 1 + r.nextInt(2);
        boolean forkByAction = r.nextBoolean();
        boolean forked = forkByAction || r.nextBoolean();
        List<PteSpec> parentPtes = new ArrayList<>();
        List<PteSpec> childPtes = new ArrayList<>();
        List<PageSpec> pageSpecs = new ArrayList<>();
        List<SlotSpec> slotSpecs = new ArrayList<>();
        int nextSlot = 1;
        for (int a = 0; a < pages; a++) {
            int data = a + 1;
            int kind = r.nextInt(3);
            if (kind == 1 && nextSlot <= slots) {
                int slot = nextSlot++;
                slotSpecs.add(new SlotSpec(slot, data, 0));
                if (r.nextBoolean()) {
                    pageSpecs.add(new PageSpec("P" + a, data, slot, r.nextBoolean() ? "parent" : null, a, false,
                            false, 0));
                }
                parentPtes.add(PteSpec.swap(a, slot));
                if (forked && !forkByAction) {
                    childPtes.add(PteSpec.swap(a, slot));
                }
            } else if (kind == 2) {
                boolean shared = forked && !forkByAction;
                pageSpecs.add(new PageSpec("P" + a, data, -1, "parent", a, true, false, 0));
                parentPtes.add(PteSpec.present(a, "P" + a, !shared));
                if (shared) {
                    childPtes.add(PteSpec.present(a, "P" + a, false));
                }
            }
        }
        List<MmSpec> mms = new ArrayList<>();
        String[] memcgs = {null, null, "cg-a", "cg-b"};
        mms.add(new MmSpec("parent", null, false, 0, pages, 0, memcgs[r.nextInt(4)], parentPtes, 0));
        if (forked) {
            mms.add(new MmSpec("child", "parent", forkByAction, 0, pages, 0, memcgs[r.nextInt(4)], childPtes, 0));
        }
        List<ThreadSpec> ts = new ArrayList<>();
        int users = 2 + r.nextInt(2);
        boolean forkPlaced = false;
        for (int t = 0; t < users; t++) {
            String mm = forked && t > 0 && r.nextBoolean() ? "child" : "parent";
            List<Action> actions = new ArrayList<>();
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                int a = r.nextInt(pages);
                switch (r.nextInt(6)) {
                    case 0, 1 -> actions.add(Action.at(Action.Op.READ, a));
                    case 2, 3 -> actions.add(Action.at(Action.Op.WRITE, a));
                    case 4 -> actions.add(Action.at(Action.Op.MADV_DONTNEED, a));
                    default -> {
                        if (forkByAction && !forkPlaced && mm.equals("parent")) {
                            actions.add(new Action(Action.Op.FORK, -1, "child", 0));
                            forkPlaced = true;
                        } else {
                            actions.add(Action.at(Action.Op.READ, a));
                        }
                    }
                }
            }
            if (forkByAction && !forkPlaced && t == 0) {
                actions.add(r.nextInt(actions.size() + 1), new Action(Action.Op.FORK, -1, "child", 0));
                forkPlaced = true;
            }
            ts.add(new ThreadSpec("T" + t, mm, false, actions, 0));
        }
        if (r.nextInt(4) != 0) {
            List<Action> work = new ArrayList<>();
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                work.add(Action.of(switch (r.nextInt(8)) {
                    case 5 -> Action.Op.TRY_TO_FREE_SWAP;
                    case 6 -> Action.Op.SWAPOFF;
                    case 7 -> Action.Op.KSM_MERGE;
                    default -> Action.Op.RECLAIM;
                }));
            }
            ts.add(new ThreadSpec("R", null, false, work, 0));
        }
        Knobs knobs = new Knobs(r.nextBoolean(), r.nextInt(4) != 0, r.nextBoolean(), r.nextInt(4) == 0,
                Knobs.SlotAllocation.ANY, null);
        return new Scenario("episodes-" + seed, "generated for the serial oracle",
                new Provenance("derived", "ModelGenerator.generateEpisodes", "seed " + seed), knobs,
                new Memory(3 + r.nextInt(2), slots + 1, mms, pageSpecs, slotSpecs), ts,
                new Bounds(0, 200_000, 200), Map.of(), "generated:" + seed);
    }

    /**
     * {@link #generateEpisodes}'s scenario with memcg modelled: when no mm names a memcg, the parent is charged to
     * {@code cg-a} and a child to {@code cg-a} (even seeds) or {@code cg-b} (odd seeds), so that a knob that acts on
     * memcg ({@code memcg_charge_failure}) has something to act on. The random draws of {@link #generateEpisodes} are
     * not touched: every other test keeps the same scenario for the same seed, and a scenario that already names a
     * memcg is returned as it is.
     */
    static Scenario withMemcg(Scenario s, long seed) {
        if (s.memory().mms().stream().anyMatch(mm -> mm.memcg() != null)) {
            return s;
        }
        List<MmSpec> mms = new ArrayList<>();
        for (MmSpec mm : s.memory().mms()) {
            String memcg = mm.forkedFrom() == null || seed % 2 == 0 ? "cg-a" : "cg-b";
            mms.add(new MmSpec(mm.id(), mm.forkedFrom(), mm.bornByFork(), mm.vmaStart(), mm.vmaPages(), mm.pgoff(),
                    memcg, mm.ptes(), mm.line(), mm.vmLocked()));
        }
        Memory m = s.memory();
        return new Scenario(s.id(), s.title(), s.provenance(), s.knobs(), new Memory(m.frames(), m.swapSlots(), mms,
                m.pages(), m.slots()), s.threads(), s.bounds(), s.expectations(), s.origin());
    }

    private static Action action(Random r, int pages, boolean sequential) {
        int k = r.nextInt(sequential ? 10 : 6);
        int a = r.nextInt(pages);
        switch (k) {
            case 0:
            case 1:
                return Action.at(Action.Op.READ, a);
            case 2:
            case 3:
                return Action.at(Action.Op.WRITE, a);
            case 4:
                return Action.at(Action.Op.MADV_DONTNEED, a);
            case 5:
                return Action.of(Action.Op.TRY_TO_FREE_SWAP);
            case 6:
            case 7:
                return Action.of(Action.Op.RECLAIM);
            case 8:
                return Action.of(Action.Op.KSM_MERGE);
            default:
                return Action.of(Action.Op.SWAPOFF);
        }
    }

    /** Drops actions, then threads, as long as {@code fails} still holds; returns the smallest failing scenario. */
    static Scenario shrink(Scenario s, Predicate<Scenario> fails) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int t = 0; t < s.threads().size() && !progress; t++) {
                ThreadSpec th = s.threads().get(t);
                if (s.threads().size() > 1) {
                    List<ThreadSpec> fewer = new ArrayList<>(s.threads());
                    fewer.remove(t);
                    Scenario c = withThreads(s, fewer);
                    if (fails.test(c)) {
                        s = c;
                        progress = true;
                        break;
                    }
                }
                for (int i = 0; i < th.actions().size() && th.actions().size() > 1; i++) {
                    List<Action> fewer = new ArrayList<>(th.actions());
                    fewer.remove(i);
                    List<ThreadSpec> threads = new ArrayList<>(s.threads());
                    threads.set(t, new ThreadSpec(th.id(), th.mm(), th.daemon(), fewer, 0));
                    Scenario c = withThreads(s, threads);
                    if (fails.test(c)) {
                        s = c;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return s;
    }

    private static Scenario withThreads(Scenario s, List<ThreadSpec> threads) {
        return new Scenario(s.id(), s.title(), s.provenance(), s.knobs(), s.memory(), threads, s.bounds(),
                s.expectations(), s.origin());
    }
}
