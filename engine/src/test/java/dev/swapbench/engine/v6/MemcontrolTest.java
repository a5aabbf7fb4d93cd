package dev.swapbench.engine.v6;

import static dev.swapbench.engine.model.v6.Layout6.F_MEMCG;
import static dev.swapbench.engine.model.v6.Layout6.MEMCG_MEMORY;
import static dev.swapbench.engine.model.v6.Layout6.MEMCG_SWAP;
import static dev.swapbench.engine.model.v6.Layout6.S_MEMCG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.model.v6.Era6;
import dev.swapbench.engine.model.v6.Layout6;
import dev.swapbench.engine.model.v6.Op6;
import dev.swapbench.policies.v6.SwapcachePrepare68;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * mm/memcontrol.c of the v6 model and the memcg-drift check on its state: the swap-in charge and the v1 transfer of
 * the slot's charge, the v2 swap charge that lives as long as the slot, mem_cgroup_swapout, the uncharge on free,
 * and the counter underflow. Memcg 1 is the scenario's memcg a; 0 is the root, where P (frame 0, slot 2's swap cache
 * folio) is charged.
 */
class MemcontrolTest {
    private static final int A = 1;
    private static final int MEMCG_A = 1;
    private static final int ROOT = 0;

    private final Era6 v1 = new Era6(Scenarios.v6Memcg(true), new SwapcachePrepare68());
    private final Era6 v2 = new Era6(Scenarios.v6Memcg(false), new SwapcachePrepare68());

    private static int step(Era6 era, int[] s, Op6 op, int a0, int a1, int a2) {
        return era.perform(s, A, op.ordinal(), a0, a1, a2, 0, 0);
    }

    private static int counter(Era6 era, int[] s, int g, int counter) {
        return s[era.layout().memcg(g) + counter];
    }

    private static String drift(Era6 era, int[] s) {
        Check c = Arrays.stream(era.checks()).filter(k -> k.id() == CheckId.MEMCG_DRIFT).findFirst().orElseThrow();
        return c.violation(s);
    }

    /** A new folio charged by mem_cgroup_swapin_charge_folio for swap(1); returns its frame. */
    private static int swapinCharged(Era6 era, int[] s) {
        int pfn = step(era, s, Op6.VMA_ALLOC_FOLIO, 0, 0, 0);
        step(era, s, Op6.MEM_CGROUP_SWAPIN_CHARGE_FOLIO, pfn, 0, 1);
        return pfn;
    }

    @Test
    void theFirstStateCarriesTheChargesTheKernelWouldHaveLeftAndIsDriftFree() {
        int[] s1 = v1.initialState();
        Layout6 l = v1.layout();
        assertEquals(MEMCG_A + 1, s1[l.slot(1) + S_MEMCG], "v1: slot 1 was swapped out by memcg a");
        assertEquals(0, s1[l.slot(2) + S_MEMCG], "v1: a swap cache folio's slot has no record yet");
        assertEquals(1, counter(v1, s1, MEMCG_A, MEMCG_SWAP));
        assertEquals(1, counter(v1, s1, ROOT, MEMCG_MEMORY));
        assertEquals(1, counter(v1, s1, ROOT, MEMCG_SWAP), "v1: memsw counts P");
        assertNull(drift(v1, s1));
        int[] s2 = v2.initialState();
        assertEquals(ROOT + 1, s2[l.slot(2) + S_MEMCG], "v2: the slot was charged when it was allocated for P");
        assertEquals(1, counter(v2, s2, ROOT, MEMCG_SWAP));
        assertNull(drift(v2, s2));
    }

    @Test
    void onCgroupV1TheSwapinMovesTheMemswChargeFromTheSlotToTheFolio() {
        int[] s = v1.initialState();
        int pfn = swapinCharged(v1, s);
        assertEquals(MEMCG_A + 1, s[v1.layout().frame(pfn) + F_MEMCG], "charged to the memcg the record names");
        assertEquals(1, counter(v1, s, MEMCG_A, MEMCG_MEMORY));
        assertEquals(2, counter(v1, s, MEMCG_A, MEMCG_SWAP), "the folio and the slot, for a moment");
        step(v1, s, Op6.MEM_CGROUP_SWAPIN_UNCHARGE_SWAP, 1, 0, 0);
        assertEquals(0, s[v1.layout().slot(1) + S_MEMCG]);
        assertEquals(1, counter(v1, s, MEMCG_A, MEMCG_SWAP));
        assertNull(drift(v1, s));
    }

    @Test
    void onCgroupV2TheSwapChargeLivesAsLongAsTheSlot() {
        int[] s = v2.initialState();
        swapinCharged(v2, s);
        step(v2, s, Op6.MEM_CGROUP_SWAPIN_UNCHARGE_SWAP, 1, 0, 0);
        assertEquals(1, counter(v2, s, MEMCG_A, MEMCG_SWAP), "swapin_uncharge_swap does nothing on v2");
        step(v2, s, Op6.SWAP_FREE, 1, 0, 0);
        assertEquals(0, s[v2.layout().slot(1) + S_MEMCG], "swap_entry_free clears the record");
        assertEquals(0, counter(v2, s, MEMCG_A, MEMCG_SWAP));
    }

    @Test
    void onCgroupV2AllocatingASlotChargesTheFolioMemcgsSwap() {
        int[] s = v2.initialState();
        int pfn = swapinCharged(v2, s);
        step(v2, s, Op6.SWAP_FREE, 1, 0, 0);
        assertEquals(1, v2.perform(s, A, Op6.FOLIO_ALLOC_SWAP.ordinal(), pfn, 0, 0, 0, 0));
        assertEquals(MEMCG_A + 1, s[v2.layout().slot(1) + S_MEMCG]);
        assertEquals(1, counter(v2, s, MEMCG_A, MEMCG_SWAP));
    }

    @Test
    void reclaimFreeingASwapCacheFolioMovesItsChargeToTheSlotOnV1AndDropsItOnV2() {
        for (Era6 era : new Era6[] {v1, v2}) {
            int[] s = era.initialState();
            assertEquals(0, era.perform(s, A, Op6.ISOLATE_FOLIO.ordinal(), 0, 0, 0, 0, 0), "P is the candidate");
            assertEquals(1, step(era, s, Op6.REMOVE_MAPPING, 0, 0, 0));
            assertEquals(0, counter(era, s, ROOT, MEMCG_MEMORY));
            assertEquals(0, counter(era, s, ROOT, MEMCG_SWAP), "no pte names slot 2: it is freed with its charge");
            assertNull(drift(era, s));
        }
    }

    @Test
    void aMappedFolioChargedToNoMemcgAndACounterThatMissesAFolioAreDrift() {
        int[] s = v2.initialState();
        int pfn = step(v2, s, Op6.VMA_ALLOC_FOLIO, 0, 0, 0);
        assertTrue(drift(v2, s).contains("folio" + pfn + " is in use but charged to no memcg"), drift(v2, s));
        step(v2, s, Op6.MEM_CGROUP_SWAPIN_CHARGE_FOLIO, pfn, 0, 1);
        s[v2.layout().memcg(MEMCG_A) + MEMCG_MEMORY] = 2;
        assertEquals("memcg a memory is 2 but 1 folio(s) are charged to it", drift(v2, s));
    }

    @Test
    void aCounterTakenBelowZeroIsDriftInsideTheStep() {
        int[] s = v1.initialState();
        int pfn = swapinCharged(v1, s);
        s[v1.layout().memcg(MEMCG_A) + MEMCG_MEMORY] = 0;
        Violation v = assertThrows(Violation.class, () -> step(v1, s, Op6.FOLIO_PUT, pfn, 0, 0));
        assertEquals(CheckId.MEMCG_DRIFT, v.check());
        assertTrue(v.getMessage().contains("memcg a memory below zero"), v.getMessage());
    }

    @Test
    void chargingAChargedFolioIsAKernelBug() {
        int[] s = v2.initialState();
        int pfn = swapinCharged(v2, s);
        Violation v = assertThrows(Violation.class,
                () -> step(v2, s, Op6.MEM_CGROUP_SWAPIN_CHARGE_FOLIO, pfn, 0, 1));
        assertEquals(CheckId.KERNEL_BUG, v.check());
    }
}
