package dev.swapbench.scenarios;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;

/**
 * Cross-reference checks on a scenario read by {@link ScenarioReader}: unique ids, references to declared mms and
 * pages, swap slots in range, addresses inside vmas, fork relations, and no page or pte in two states at once.
 * Errors point at the offending node through the {@link SourceMap}.
 */
final class ScenarioValidator {
    private static final Set<Action.Op> NEEDS_MM =
            Set.of(Action.Op.READ, Action.Op.WRITE, Action.Op.MADV_DONTNEED, Action.Op.EXIT, Action.Op.FORK);
    private static final Set<Action.Op> HAS_ADDRESS =
            Set.of(Action.Op.READ, Action.Op.WRITE, Action.Op.MADV_DONTNEED);

    private final Scenario scenario;
    private final SourceMap where;
    private final Map<String, MmSpec> mms = new LinkedHashMap<>();
    private final Map<String, PageSpec> pages = new LinkedHashMap<>();

    private ScenarioValidator(Scenario scenario, SourceMap where) {
        this.scenario = scenario;
        this.where = where;
    }

    static void validate(Scenario scenario, SourceMap where) throws ScenarioException {
        new ScenarioValidator(scenario, where).run();
    }

    /**
     * The largest sizes the engine's state layout holds, each with its reason. A state carries 9 ints per frame, 5
     * per swap slot and 2 per vma page of every mm, copied on every move; the thread programs pack a swapoff's slot
     * and an exit's page into 8 bits of the program counter (engine/thread/ThreadProgram.java); a swap pte keeps its
     * offset below the present-pte base 1 << 16 (spi/Pte.java); anon_vma chains are 32-bit sets (Machine.chain).
     */
    static final int MAX_FRAMES = 1024;
    static final int MAX_SWAP_SLOTS = 255;
    static final int MAX_VMA_PAGES = 256;
    static final int MAX_MMS = 32;
    static final int MAX_THREADS = 64;
    static final int MAX_ACTIONS = 1024;

    private void limits() throws ScenarioException {
        Memory memory = scenario.memory();
        if (memory.frames() > MAX_FRAMES) {
            throw where.error(memory, "frames", "frames: " + memory.frames() + " is more than the engine holds (at "
                    + "most " + MAX_FRAMES + "): every state carries 9 ints per frame and is copied on every move");
        }
        if (memory.swapSlots() > MAX_SWAP_SLOTS) {
            throw where.error(memory, "swap_slots", "swap_slots: " + memory.swapSlots() + " is more than the engine "
                    + "holds (at most " + MAX_SWAP_SLOTS + "): a thread's program counter keeps the slot a swapoff "
                    + "has reached in 8 bits, and every state carries 5 ints per slot");
        }
        if (memory.mms().size() > MAX_MMS) {
            throw where.error(where.node(memory.mms().get(MAX_MMS)), memory.mms().size() + " mms are more than the "
                    + "engine holds (at most " + MAX_MMS + "): anon_vma chains are kept as 32-bit sets");
        }
        for (MmSpec mm : memory.mms()) {
            if (mm.vmaPages() > MAX_VMA_PAGES) {
                throw where.error(mm, "vma_pages", "vma_pages: " + mm.vmaPages() + " is more than the engine holds "
                        + "(at most " + MAX_VMA_PAGES + "): an exit's progress is kept in 8 bits of the thread's "
                        + "program counter, and every state carries 2 ints per page of every mm");
            }
        }
        if (scenario.threads().size() > MAX_THREADS) {
            throw where.error(scenario, "threads", scenario.threads().size() + " threads are more than the engine "
                    + "holds (at most " + MAX_THREADS + ")");
        }
        for (ThreadSpec t : scenario.threads()) {
            if (t.actions().size() > MAX_ACTIONS) {
                throw where.error(where.node(t.actions().get(MAX_ACTIONS)), "thread '" + t.id() + "' has "
                        + t.actions().size() + " actions, more than the engine holds (at most " + MAX_ACTIONS + ")");
            }
        }
    }

    private void run() throws ScenarioException {
        limits();
        Memory memory = scenario.memory();
        for (MmSpec mm : memory.mms()) {
            MmSpec first = mms.putIfAbsent(mm.id(), mm);
            if (first != null) {
                throw where.error(mm, "id", "duplicate mm id '" + mm.id() + "' (first declared at "
                        + SourceMap.place(where.node(first, "id")) + ")");
            }
        }
        for (PageSpec page : memory.pages()) {
            PageSpec first = pages.putIfAbsent(page.id(), page);
            if (first != null) {
                throw where.error(page, "id", "duplicate page id '" + page.id() + "' (first declared at "
                        + SourceMap.place(where.node(first, "id")) + ")");
            }
        }
        Map<String, ThreadSpec> threads = new HashMap<>();
        for (ThreadSpec thread : scenario.threads()) {
            ThreadSpec first = threads.putIfAbsent(thread.id(), thread);
            if (first != null) {
                throw where.error(thread, "id", "duplicate thread id '" + thread.id() + "' (first declared at "
                        + SourceMap.place(where.node(first, "id")) + ")");
            }
        }
        forks();
        for (MmSpec mm : memory.mms()) {
            ptes(mm, memory);
        }
        pages(memory);
        slots(memory);
        for (ThreadSpec thread : scenario.threads()) {
            thread(thread);
        }
    }

    private void forks() throws ScenarioException {
        for (MmSpec mm : mms.values()) {
            String parent = mm.forkedFrom();
            if (parent != null) {
                if (parent.equals(mm.id())) {
                    throw where.error(mm, "forked_from", "mm '" + mm.id() + "' cannot be forked_from itself");
                }
                if (!mms.containsKey(parent)) {
                    throw where.error(mm, "forked_from", "forked_from '" + parent + "' is not a declared mm; "
                            + declared("mms", mms.keySet()));
                }
            }
            if (mm.bornByFork() && parent == null) {
                throw where.error(mm, "born_by_fork",
                        "born_by_fork: true requires forked_from (the mm whose fork creates '" + mm.id() + "')");
            }
            if (mm.bornByFork() && !mm.ptes().isEmpty()) {
                throw where.error(mm, "ptes", "mm '" + mm.id()
                        + "' is born_by_fork: it does not exist before the fork, so it cannot list ptes");
            }
        }
        for (MmSpec mm : mms.values()) {
            List<String> path = new ArrayList<>(List.of(mm.id()));
            MmSpec cur = mm;
            while (cur.forkedFrom() != null) {
                MmSpec next = mms.get(cur.forkedFrom());
                if (next == mm) {
                    path.add(mm.id());
                    throw where.error(mm, "forked_from", "fork cycle in forked_from: " + String.join(" -> ", path)
                            + "; every chain of forked_from must end at an mm that is not forked");
                }
                if (path.contains(next.id())) {
                    break; // a cycle further up; reported for its first member in declaration order
                }
                path.add(next.id());
                cur = next;
            }
        }
    }

    private void ptes(MmSpec mm, Memory memory) throws ScenarioException {
        Map<Integer, PteSpec> byAddress = new HashMap<>();
        for (PteSpec pte : mm.ptes()) {
            if (!covers(mm, pte.address())) {
                throw where.error(pte, "address", notCovered(mm, pte.address()));
            }
            PteSpec first = byAddress.putIfAbsent(pte.address(), pte);
            if (first != null) {
                throw where.error(pte, "address", "mm " + mm.id() + " has two ptes at address " + pte.address()
                        + " (first at " + SourceMap.place(where.node(first)) + "); a pte holds one thing");
            }
            if (pte.kind() == PteSpec.Kind.SWAP) {
                checkSlot(pte.slot(), memory, pte, "swap");
            } else if (!pages.containsKey(pte.page())) {
                throw where.error(pte, "page", "page '" + pte.page() + "' is not a declared page; "
                        + declared("pages", pages.keySet()));
            }
        }
    }

    private void pages(Memory memory) throws ScenarioException {
        if (memory.pages().size() > memory.frames()) {
            PageSpec extra = memory.pages().get(memory.frames());
            throw where.error(where.node(extra), "memory has " + memory.pages().size() + " pages but only "
                    + memory.frames() + " frames; each page takes a frame (raise 'frames' to at least "
                    + memory.pages().size() + ")");
        }
        Map<Integer, PageSpec> bySlot = new HashMap<>();
        for (PageSpec page : memory.pages()) {
            if (page.swapCacheSlot() != -1) {
                checkSlot(page.swapCacheSlot(), memory, page, "swapcache");
                PageSpec first = bySlot.putIfAbsent(page.swapCacheSlot(), page);
                if (first != null) {
                    throw where.error(page, "swapcache", "swap slot " + page.swapCacheSlot()
                            + " is the swap cache of two pages: " + first.id() + " and " + page.id()
                            + "; a slot has at most one swap cache page");
                }
            }
            if (page.mappingMm() != null && !mms.containsKey(page.mappingMm())) {
                throw where.error(page, "mapping", "mapping '" + page.mappingMm() + "' is not a declared mm; "
                        + declared("mms", mms.keySet()));
            }
            if (page.ksm() && page.mappingMm() != null) {
                throw where.error(page, "ksm", "page " + page.id() + " has ksm: true and a mapping; a KSM page"
                        + " points at its stable node, not an anon_vma: leave out 'mapping' or set ksm: false");
            }
        }
    }

    private void slots(Memory memory) throws ScenarioException {
        Map<Integer, SlotSpec> seen = new HashMap<>();
        for (SlotSpec slot : memory.slots()) {
            checkSlot(slot.slot(), memory, slot, "slot");
            SlotSpec first = seen.putIfAbsent(slot.slot(), slot);
            if (first != null) {
                throw where.error(slot, "slot", "duplicate slot " + slot.slot() + " in 'slots' (first at "
                        + SourceMap.place(where.node(first)) + ")");
            }
        }
    }

    private void thread(ThreadSpec thread) throws ScenarioException {
        MmSpec mm = null;
        if (thread.mm() != null) {
            mm = mms.get(thread.mm());
            if (mm == null) {
                throw where.error(thread, "mm", "mm '" + thread.mm() + "' is not a declared mm; "
                        + declared("mms", mms.keySet()));
            }
        }
        for (Action action : thread.actions()) {
            String keyword = action.op().name().toLowerCase(Locale.ROOT);
            if (NEEDS_MM.contains(action.op()) && mm == null) {
                throw where.error(where.node(action), "action '" + keyword + "' needs a thread with an mm, but"
                        + " thread " + thread.id() + " has none; add 'mm: ID' to the thread, or use only"
                        + " machine-wide actions (reclaim, try_to_free_swap, swapoff, ksm_merge)");
            }
            if (HAS_ADDRESS.contains(action.op()) && !covers(mm, action.address())) {
                throw where.error(where.node(action), notCovered(mm, action.address()));
            }
            if (action.op() == Action.Op.FORK) {
                MmSpec child = mms.get(action.target());
                if (child == null) {
                    throw where.error(where.node(action), "fork target '" + action.target()
                            + "' is not a declared mm; " + declared("mms", mms.keySet()));
                }
                if (!child.bornByFork() || !mm.id().equals(child.forkedFrom())) {
                    throw where.error(where.node(action), "fork target '" + child.id()
                            + "' must be declared with born_by_fork: true and forked_from: " + mm.id());
                }
            }
        }
    }

    private void checkSlot(int slot, Memory memory, Object record, String field) throws ScenarioException {
        if (slot < 1 || slot > memory.swapSlots()) {
            throw where.error(record, field, "swap slot " + slot + " is outside 1.." + memory.swapSlots()
                    + " (swap_slots: " + memory.swapSlots() + "; offset 0 is the swap header)");
        }
    }

    private static boolean covers(MmSpec mm, int address) {
        return address >= mm.vmaStart() && (long) address < (long) mm.vmaStart() + mm.vmaPages();
    }

    private static String notCovered(MmSpec mm, int address) {
        return "address " + address + " is not covered by mm " + mm.id() + "'s vma " + mm.vmaStart() + ".."
                + ((long) mm.vmaStart() + mm.vmaPages() - 1);
    }

    private static String declared(String what, Set<String> ids) {
        return "declared " + what + ": " + (ids.isEmpty() ? "none" : String.join(", ", ids));
    }
}
