package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;
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
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.spi.KernelBaseline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steps swapoff's try_to_unuse is made of (issue 9 section 2c): find_next_to_unuse over the whole swap_map byte,
 * unuse_vma's scan of one mm, swap_writepage's unlock, unuse_mm's down_read_trylock.
 */
class SwapoffStepsTest {
    private static final int X = 0, Y = 1, P = 0, OWNER = 1;

    /**
     * X and Y (Y's pgoff 3) name swap(1); P is X's page in the swap cache of slot 1, dirty; Q is mapped by X at 1 and
     * still in the swap cache of slot 2, which no pte names (count 0: only SWAP_HAS_CACHE).
     */
    private static Scenario scenario() {
        var x = new MmSpec("X", null, false, 0, 2, 0, null,
                List.of(PteSpec.swap(0, 1), PteSpec.present(1, "Q", false)), 0);
        var y = new MmSpec("Y", null, false, 0, 1, 3, null, List.of(PteSpec.swap(0, 1)), 0);
        var p = new PageSpec("P", 7, 1, "X", 0, true, false, 0);
        var q = new PageSpec("Q", 8, 2, "X", 1, false, false, 0);
        var memory = new Memory(3, 3, List.of(x, y), List.of(p, q), List.of(new SlotSpec(1, 7, 0), new SlotSpec(2, 8, 0)));
        var so = new ThreadSpec("SO", null, false, List.of(Action.of(Action.Op.SWAPOFF)), 0);
        return new Scenario("swapoff-steps", "swapoff's steps", new Provenance("derived", "test", ""), Knobs.defaults(),
                memory, List.of(so), new Bounds(0, Bounds.DEFAULT_MAX_STATES, Bounds.DEFAULT_STEP_BUDGET), Map.of(),
                "test:swapoff-steps");
    }

    private final Layout l = new Layout(scenario(), KernelBaseline.V2_6_35);
    private final Bug bug = new Bug(l);
    private final PageAlloc pageAlloc = new PageAlloc(l, bug);
    private final Memcontrol memcontrol = new Memcontrol(l);
    private final Swapfile swapfile = new Swapfile(l, bug, memcontrol, pageAlloc);
    private final dev.swapbench.engine.model.v2_6.Memory memory =
            new dev.swapbench.engine.model.v2_6.Memory(l, bug, pageAlloc, memcontrol, swapfile);

    private int[] initial() {
        return InitialState.build(scenario(), l);
    }

    @Test
    void findNextToUnuseVisitsASlotHeldOnlyBySwapHasCache() {
        int[] s = initial();
        assertEquals(0, l.swapCount(s, 2));
        assertTrue(l.hasCache(s, 2));
        assertEquals(2, swapfile.findNextToUnuse(s, 1));
    }

    @Test
    void findNextToUnuseWrapsRoundAndEndsAtThePreviousSlot() {
        int[] s = initial();
        assertEquals(1, swapfile.findNextToUnuse(s, 0));
        assertEquals(1, swapfile.findNextToUnuse(s, 2), "after slot 2 the scan wraps round to slot 1");
        int[] one = initial();
        l.setSwapCount(one, 1, 0);
        l.setHasCache(one, 1, false);
        l.setCachePage(one, 1, -1);
        l.setHasCache(one, 2, false);
        l.setCachePage(one, 2, -1);
        assertEquals(-1, swapfile.findNextToUnuse(one, 0), "no slot in use");
        l.setHasCache(one, 3, true);
        assertEquals(3, swapfile.findNextToUnuse(one, 3), "slot 3 itself, last");
    }

    @Test
    void unuseFindPteScansOnlyTheMmItStartsIn() {
        int[] s = initial();
        int fresh = 2; // a page swapoff read: no anon_vma, so unuse_vma scans the whole vma
        assertEquals(l.position(X, 0), swapfile.unuseFindPte(s, 1, l.position(X, 0), fresh));
        assertEquals(-1, swapfile.unuseFindPte(s, 1, l.position(X, 1), fresh), "X has no other pte naming slot 1");
        assertEquals(l.position(Y, 0), swapfile.unuseFindPte(s, 1, l.position(Y, 0), fresh));
    }

    @Test
    void unuseFindPteLooksOnlyWherePageIndexLeads() {
        int[] s = initial();
        assertEquals(l.position(X, 0), swapfile.unuseFindPte(s, 1, l.position(X, 0), P));
        assertEquals(-1, swapfile.unuseFindPte(s, 1, l.position(Y, 0), P),
                "index 0 with Y's pgoff 3 is outside Y's vma: page_address_in_vma says -EFAULT");
    }

    @Test
    void swapWritepageUnlocksThePageUnderWritebackAndKeepsItDirty() {
        int[] s = initial();
        l.setLockOwner(s, P, OWNER);
        l.setData(s, P, 9);
        assertEquals(1, swapfile.swapWritepage(s, P));
        assertEquals(0, l.lockOwner(s, P), "unlock_page before the write completes");
        assertTrue(l.test(s, P, PG_WRITEBACK));
        assertTrue(l.test(s, P, PG_DIRTY), "swap_writepage does not clear PG_dirty");
        assertTrue(l.test(s, P, PG_SWAPCACHE));
        assertEquals(9, l.diskData(s, 1));
    }

    @Test
    void swapWritepageFreesTheSwapOfASlotNoPteNames() {
        int[] s = initial();
        l.setLockOwner(s, 1, OWNER);
        assertEquals(0, swapfile.swapWritepage(s, 1));
        assertFalse(l.test(s, 1, PG_SWAPCACHE), "try_to_free_swap deleted it from the swap cache");
        assertTrue(l.test(s, 1, PG_DIRTY));
        assertFalse(l.test(s, 1, PG_WRITEBACK));
        assertEquals(0, l.lockOwner(s, 1));
        assertTrue(l.slotFree(s, 2));
    }

    @Test
    void downReadTrylockFailsWhileAWriterHoldsMmapSemAndSkipsAnExitedMm() {
        int[] s = initial();
        l.setMmapWriter(s, X, true);
        assertEquals(0, memory.downReadTrylock(s, X));
        assertEquals(0, l.mmapReaders(s, X));
        assertFalse(memory.downReadPinnedReady(s, X), "down_read sleeps until the writer is done");
        l.setMmapWriter(s, X, false);
        assertTrue(memory.downReadPinnedReady(s, X));
        assertEquals(1, memory.downReadTrylock(s, X));
        assertEquals(1, l.mmapReaders(s, X));
        l.setAlive(s, Y, false);
        assertEquals(-1, memory.downReadTrylock(s, Y), "mm_users is zero: swapoff skips the mm");
    }
}
