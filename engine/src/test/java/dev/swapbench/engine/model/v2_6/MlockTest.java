package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_MLOCKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.InitialState;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Pte;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VM_LOCKED (the vm_locked knob): reclaim's out_mlock and the unevictable list, page_add_new_anon_rmap's mlock. */
class MlockTest {
    private static final int P = 0, OWNER = 1, LOCKED = 0, UNLOCKED = 1;

    /** P mapped by a VM_LOCKED mm and by a forked, unlocked one; a free frame. */
    private static Scenario scenario() {
        var locked = new MmSpec("locked", null, false, 0, 1, 0, null, List.of(PteSpec.present(0, "P", false)), 0,
                true);
        var child = new MmSpec("child", "locked", false, 0, 1, 0, null, List.of(PteSpec.present(0, "P", false)), 0);
        var p = new PageSpec("P", 1, -1, "locked", 0, false, false, 0);
        var threads = List.of(new ThreadSpec("R", null, false, List.of(Action.of(Action.Op.RECLAIM)), 0));
        return new Scenario("mlock", "mlock", new Provenance("derived", "test", ""), Knobs.defaults(),
                new Memory(2, 1, List.of(locked, child), List.of(p), List.of()), threads, Bounds.defaults(), Map.of(),
                "test:mlock");
    }

    private final Layout l = new Layout(scenario(), KernelBaseline.V2_6_35);
    private final Bug bug = new Bug(l);
    private final PageAlloc pageAlloc = new PageAlloc(l, bug);
    private final Memcontrol memcontrol = new Memcontrol(l);
    private final Swapfile swapfile = new Swapfile(l, bug, memcontrol, pageAlloc);
    private final Rmap rmap = new Rmap(l, bug, pageAlloc, memcontrol, swapfile);
    private final Vmscan vmscan = new Vmscan(l, bug, pageAlloc, swapfile.swapState());

    @Test
    void tryToUnmapOneStopsAtTheLockedVmasPteAndMlocksThePage() {
        int[] s = InitialState.build(scenario(), l);
        assertEquals(P, vmscan.isolateLruPage(s, OWNER, 0));
        swapfile.swapState().addToSwap(s, P, 0);
        assertEquals(Op26.SWAP_MLOCK, rmap.tryToUnmapOne(s, P, 0));
        assertTrue(l.test(s, P, PG_MLOCKED));
        assertTrue(new Pte(l.pte(s, LOCKED, 0)).isPresent(), "the mlocked pte stays");
        assertEquals(0, l.swapCount(s, 1), "nothing was unmapped to the slot");
    }

    @Test
    void aWriterOnTheLockedMmsMmapSemMakesTheWalkSkipItsPte() {
        int[] s = InitialState.build(scenario(), l);
        vmscan.isolateLruPage(s, OWNER, 0);
        swapfile.swapState().addToSwap(s, P, 0);
        l.setMmapWriter(s, LOCKED, true);
        int position = rmap.tryToUnmapOne(s, P, 0);
        assertEquals(l.position(UNLOCKED, 0), position);
        assertFalse(l.test(s, P, PG_MLOCKED));
    }

    @Test
    void reclaimDoesNotIsolateAnMlockedPage() {
        int[] s = InitialState.build(scenario(), l);
        l.set(s, P, PG_MLOCKED);
        assertEquals(-1, vmscan.isolateLruPage(s, OWNER, 0));
    }

    @Test
    void aNewAnonPageInALockedVmaIsMlocked() {
        int[] s = InitialState.build(scenario(), l);
        int page = pageAlloc.allocPageVma(s);
        rmap.pageAddNewAnonRmap(s, page, LOCKED, 0);
        assertTrue(l.test(s, page, PG_MLOCKED));
        int other = P;
        assertFalse(l.test(s, other, PG_MLOCKED));
    }
}
