package dev.swapbench.engine.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.model.v6.Era6;
import dev.swapbench.engine.model.v6.Layout6;
import dev.swapbench.engine.model.v6.Op6;
import dev.swapbench.policies.v6.SwapcachePrepare68;
import dev.swapbench.spi.folio.FolioKernel;
import org.junit.jupiter.api.Test;

/** mm/swapfile.c of the v6 model: swapcache_prepare's three answers, swap_free, discard on free, swapoff. */
class SwapfileTest {
    private static final int A = 1;

    private static int step(Era6 era, int[] s, Op6 op, int a0) {
        return era.perform(s, A, op.ordinal(), a0, 0, 0, 0, 0);
    }

    private static Era6 era(boolean discard) {
        return new Era6(Scenarios.skipSwapcacheRace(discard), new SwapcachePrepare68());
    }

    @Test
    void swapcachePrepareSetsTheCacheBitThenSaysEexistThenEnoentOnceTheSlotIsFree() {
        Era6 era = era(false);
        Layout6 l = era.layout();
        int[] s = era.initialState();
        assertEquals(0, step(era, s, Op6.SWAPCACHE_PREPARE, 1));
        assertEquals(1, s[l.slot(1) + Layout6.S_HAS_CACHE]);
        assertEquals(FolioKernel.EEXIST, step(era, s, Op6.SWAPCACHE_PREPARE, 1));
        step(era, s, Op6.SWAP_FREE, 1);
        step(era, s, Op6.SWAPCACHE_CLEAR, 1);
        assertEquals(FolioKernel.ENOENT, step(era, s, Op6.SWAPCACHE_PREPARE, 1));
    }

    @Test
    void aDiscardingDeviceForgetsAFreedSlotAndAnOrdinaryOneKeepsIt() {
        for (boolean discard : new boolean[] {false, true}) {
            Era6 era = era(discard);
            int[] s = era.initialState();
            step(era, s, Op6.SWAP_FREE, 1);
            assertEquals(discard ? 0 : 1, s[era.layout().slot(1) + Layout6.S_DATA], "discard " + discard);
        }
    }

    @Test
    void thePinKeepsAFreedSlotFromBeingDiscarded() {
        Era6 era = era(true);
        int[] s = era.initialState();
        step(era, s, Op6.SWAPCACHE_PREPARE, 1);
        step(era, s, Op6.SWAP_FREE, 1);
        assertEquals(1, s[era.layout().slot(1) + Layout6.S_DATA]);
        step(era, s, Op6.SWAPCACHE_CLEAR, 1);
        assertEquals(0, s[era.layout().slot(1) + Layout6.S_DATA]);
    }

    @Test
    void swapFreeOfAFreeSlotIsAKernelBug() {
        Era6 era = era(false);
        int[] s = era.initialState();
        step(era, s, Op6.SWAP_FREE, 1);
        Violation v = assertThrows(Violation.class, () -> step(era, s, Op6.SWAP_FREE, 1));
        assertEquals(CheckId.KERNEL_BUG, v.check());
    }

    @Test
    void getSwapDeviceFailsOnceSwapoffKilledItsUsersAndSwapoffWaitsForTheHolders() {
        Era6 era = era(false);
        int[] s = era.initialState();
        assertEquals(0, step(era, s, Op6.GET_SWAP_DEVICE, 0));
        step(era, s, Op6.SWAPOFF_KILL, 0);
        assertEquals(-1, step(era, s, Op6.GET_SWAP_DEVICE, 0));
        assertEquals(false, era.enabled(s, 2, Op6.SWAPOFF_FREE.ordinal(), 0, 0, 0, 0));
        step(era, s, Op6.PUT_SWAP_DEVICE, 0);
        assertEquals(true, era.enabled(s, 2, Op6.SWAPOFF_FREE.ordinal(), 0, 0, 0, 0));
    }

    @Test
    void touchingSwapMapAfterSwapoffFreedItIsAKernelBug() {
        Era6 era = era(false);
        int[] s = era.initialState();
        s[Layout6.G_DEVICE] = Layout6.DEVICE_OFF;
        Violation v = assertThrows(Violation.class, () -> step(era, s, Op6.SWAP_COUNT, 1));
        assertEquals(CheckId.KERNEL_BUG, v.check());
    }

    @Test
    void freeSwapAndCacheSaysWhenOnlyTheSwapCacheIsLeftAndReclaimsAnUnmappedCacheFolio() {
        Era6 era = new Era6(Scenarios.v6Memcg(false), new SwapcachePrepare68());
        Layout6 l = era.layout();
        int[] s = era.initialState();
        assertEquals(0, step(era, s, Op6.SWAP_ENTRY_FREE, 1), "slot 1 had no swap cache: it is free now");
        s[l.slot(2) + Layout6.S_COUNT] = 1;
        assertEquals(1, step(era, s, Op6.SWAP_ENTRY_FREE, 2), "only SWAP_HAS_CACHE is left on slot 2");
        assertEquals(0, step(era, s, Op6.SWAP_PAGE_TRANS_HUGE_SWAPPED, 2));
        s[l.frame(0) + Layout6.F_LOCK] = 2;
        assertEquals(0, step(era, s, Op6.TRY_TO_RECLAIM_SWAP, 2), "the trylock of a locked folio fails");
        s[l.frame(0) + Layout6.F_LOCK] = 0;
        assertEquals(1, step(era, s, Op6.TRY_TO_RECLAIM_SWAP, 2));
        assertEquals(0, s[l.frame(0) + Layout6.F_FLAGS], "P left the swap cache and was freed");
        assertEquals(0, s[l.slot(2) + Layout6.S_HAS_CACHE]);
    }

    @Test
    void freeSwapAndCacheAfterSwapoffFreedSwapMapIsAKernelBug() {
        Era6 era = new Era6(Scenarios.v6Memcg(false), new SwapcachePrepare68());
        int[] s = era.initialState();
        s[Layout6.G_DEVICE] = Layout6.DEVICE_OFF;
        for (Op6 op : new Op6[] {Op6.SWAP_PAGE_TRANS_HUGE_SWAPPED, Op6.TRY_TO_RECLAIM_SWAP}) {
            Violation v = assertThrows(Violation.class, () -> step(era, s, op, 2));
            assertEquals(CheckId.KERNEL_BUG, v.check(), op.name());
        }
    }

    @Test
    void swapoffSkipsAnExitingMmItNeitherWaitsForItsPteLockNorUnusesItsPtes() {
        Era6 era = new Era6(Scenarios.v6Memcg(false), new SwapcachePrepare68());
        Layout6 l = era.layout();
        int[] s = era.initialState();
        s[l.ptl(0)] = 2;
        assertEquals(false, era.enabled(s, A, Op6.UNUSE_PTES.ordinal(), 0, 0, 0, 0));
        step(era, s, Op6.MM_EXIT, 0);
        assertEquals(true, era.enabled(s, A, Op6.UNUSE_PTES.ordinal(), 0, 0, 0, 0));
        s[l.frame(0) + Layout6.F_LOCK] = A;
        assertEquals(0, era.perform(s, A, Op6.UNUSE_PTES.ordinal(), 0, 1, 0, 0, 0), "swap(1) stays in the exiting mm");
    }
}
