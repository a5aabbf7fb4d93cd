package dev.swapbench.engine;

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
import java.util.List;
import java.util.Map;

/** Scenarios built in Java for the engine's own tests (the corpus proper lives in the scenarios module). */
public final class Scenarios {
    private Scenarios() {
    }

    static ThreadSpec user(String id, String mm, Action... actions) {
        return new ThreadSpec(id, mm, false, List.of(actions), 0);
    }

    static ThreadSpec daemon(String id, Action.Op op) {
        return new ThreadSpec(id, null, true, List.of(Action.of(op)), 0);
    }

    /** Hugh's R2: fork-shared slot, B stalls before lock_page, A COWs, C reuses, reclaim hands the slot out again. */
    public static Scenario r2() {
        var parent = new MmSpec("parent", null, false, 0, 1, 0, null, List.of(PteSpec.swap(0, 1)), 0);
        var child = new MmSpec("child", "parent", false, 0, 1, 0, null, List.of(PteSpec.swap(0, 1)), 0);
        var page1 = new PageSpec("page1", 0, 1, null, 0, false, false, 0);
        var memory = new Memory(3, 2, List.of(parent, child), List.of(page1), List.of(new SlotSpec(1, 0, 0)));
        var threads = List.of(
                user("A", "child", Action.at(Action.Op.WRITE, 0)),
                user("B", "child", Action.at(Action.Op.READ, 0)),
                user("C", "parent", Action.at(Action.Op.WRITE, 0)),
                daemon("R", Action.Op.RECLAIM));
        return new Scenario("R2", "Hugh's pte_same ABA", new Provenance("derived", "test", ""),
                new Knobs(true, false, true, false, Knobs.SlotAllocation.ANY, null), memory, threads,
                new Bounds(0, Bounds.DEFAULT_MAX_STATES, Bounds.DEFAULT_STEP_BUDGET),
                Map.of("legacy", new Expectation(java.util.Set.of("stale-mapping"), "", 0)),
                "test:R2");
    }

    /**
     * Issue 9's serial sequence: the parent maps P writable; A writes 0, then forks the child; the child's B reads 0;
     * R runs two reclaim passes; no preemption. Clean in the kernel: copy_one_pte keeps the pte dirty.
     */
    public static Scenario forkDirtyPte() {
        var parent = new MmSpec("parent", null, false, 0, 1, 0, null, List.of(PteSpec.present(0, "P", true)), 0);
        var child = new MmSpec("child", "parent", true, 0, 1, 0, null, List.of(), 0);
        var p = new PageSpec("P", 1, -1, "parent", 0, true, false, 0);
        var memory = new Memory(2, 1, List.of(parent, child), List.of(p), List.of());
        var threads = List.of(
                user("A", "parent", Action.at(Action.Op.WRITE, 0), new Action(Action.Op.FORK, 0, "child", 0)),
                user("B", "child", Action.at(Action.Op.READ, 0)),
                new ThreadSpec("R", null, false, List.of(Action.of(Action.Op.RECLAIM), Action.of(Action.Op.RECLAIM)),
                        0));
        return new Scenario("fork-dirty-pte", "fork keeps the pte dirty", new Provenance("derived", "test", ""),
                Knobs.defaults(), memory, threads, new Bounds(0, Bounds.DEFAULT_MAX_STATES, Bounds.DEFAULT_STEP_BUDGET),
                Map.of(), "test:fork-dirty-pte");
    }

    /** v6 knobs: the folio era on a SWP_SYNCHRONOUS_IO device, discarding freed slots or not. */
    static Knobs v6(boolean synchronousIo, boolean discardOnFree) {
        return new Knobs(true, false, false, false, Knobs.SlotAllocation.ANY, null, Knobs.ERA_V6, synchronousIo,
                discardOnFree, false, true);
    }

    /**
     * CVE-2024-26759 (13ddaf26be32): A loads and B stores through one swap pte of a synchronous device, one reclaim
     * pass; two slots so that reclaim can hand slot 1 out again.
     */
    public static Scenario skipSwapcacheRace(boolean discardOnFree) {
        var mm = new MmSpec("mm", null, false, 0, 1, 0, null, List.of(PteSpec.swap(0, 1)), 0);
        var memory = new Memory(3, 2, List.of(mm), List.of(), List.of(new SlotSpec(1, 1, 0)));
        var threads = List.of(user("A", "mm", Action.at(Action.Op.READ, 0)),
                user("B", "mm", Action.at(Action.Op.WRITE, 0)),
                user("R", null, Action.of(Action.Op.RECLAIM)));
        return new Scenario("skip-swapcache-race", "CVE-2024-26759", new Provenance("commit", "13ddaf26be32", ""),
                v6(true, discardOnFree), memory, threads, Bounds.defaults(), Map.of(), "test:skip-swapcache-race");
    }

    /**
     * One load through swap(1) of a synchronous device by an mm in memcg {@code a}, with cgroup v1's memory+swap
     * counter or v2's swap counter; slot 2 is free; frame 1 holds P, slot 2's swap cache folio in no pte.
     */
    public static Scenario v6Memcg(boolean memswAccount) {
        var mm = new MmSpec("mm", null, false, 0, 1, 0, "a", List.of(PteSpec.swap(0, 1)), 0);
        var p = new PageSpec("P", 2, 2, null, 0, false, false, 0);
        var memory = new Memory(3, 2, List.of(mm), List.of(p), List.of(new SlotSpec(1, 1, 0), new SlotSpec(2, 2, 0)));
        Knobs k = new Knobs(true, false, false, false, Knobs.SlotAllocation.ANY, null, Knobs.ERA_V6, true, false,
                memswAccount, true);
        return new Scenario("v6-memcg", "memcg", new Provenance("derived", "test", ""), k, memory,
                List.of(user("A", "mm", Action.at(Action.Op.READ, 0))), Bounds.defaults(), Map.of(), "test:v6-memcg");
    }

    /** One or two threads load through one swap pte of a synchronous device (nothing else runs). */
    public static Scenario v6Loads(int threads) {
        var mm = new MmSpec("mm", null, false, 0, 1, 0, null, List.of(PteSpec.swap(0, 1)), 0);
        var memory = new Memory(3, 1, List.of(mm), List.of(), List.of(new SlotSpec(1, 1, 0)));
        List<ThreadSpec> ts = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ts.add(user(String.valueOf((char) ('A' + t)), "mm", Action.at(Action.Op.READ, 0)));
        }
        return new Scenario("v6-loads-" + threads, "loads", new Provenance("derived", "test", ""), v6(true, false),
                memory, ts, Bounds.defaults(), Map.of(), "test:v6-loads");
    }

    /** No race: one thread swaps a page in and writes it. */
    public static Scenario sanity() {
        var mm = new MmSpec("mm", null, false, 0, 1, 0, null, List.of(PteSpec.swap(0, 1)), 0);
        var memory = new Memory(2, 2, List.of(mm), List.of(), List.of(new SlotSpec(1, 7, 0)));
        var threads = List.of(user("A", "mm", Action.at(Action.Op.READ, 0), Action.at(Action.Op.WRITE, 0)),
                daemon("R", Action.Op.RECLAIM));
        return new Scenario("sanity", "plain swap-in", new Provenance("derived", "test", ""),
                Knobs.defaults(), memory, threads, Bounds.defaults(), Map.of(), "test:sanity");
    }
}
