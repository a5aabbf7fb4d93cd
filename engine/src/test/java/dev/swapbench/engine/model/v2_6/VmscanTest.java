package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.InitialState;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.KernelBaseline;
import org.junit.jupiter.api.Test;

/**
 * shrink_page_list's two callers of try_to_free_swap: activate_locked (only with vm_swap_full) and swap_writepage at
 * the start of pageout (a page whose slot no pte names any more).
 */
class VmscanTest {
    private static final int P = 0, SLOT = 1, OWNER = 1;

    private static Scenario withVmSwapFull(boolean full) {
        Scenario s = Scenarios.forkDirtyPte();
        Knobs k = s.knobs();
        return new Scenario(s.id(), s.title(), s.provenance(), new Knobs(k.debugVm(), k.ksm(), k.swapAccounting(), full,
                k.slotAllocation(), k.baseline()), s.memory(), s.threads(), s.bounds(), s.expectations(), s.origin());
    }

    private final class Model {
        final Scenario scenario;
        final Layout l;
        final PageAlloc pageAlloc;
        final Swapfile swapfile;
        final Vmscan vmscan;

        Model(boolean vmSwapFull) {
            scenario = withVmSwapFull(vmSwapFull);
            l = new Layout(scenario, KernelBaseline.V2_6_35);
            Bug bug = new Bug(l);
            pageAlloc = new PageAlloc(l, bug);
            swapfile = new Swapfile(l, bug, new Memcontrol(l), pageAlloc);
            vmscan = new Vmscan(l, bug, pageAlloc, swapfile.swapState());
        }

        /** P unmapped from the pte (zapped), in the swap cache of a slot no pte names: what is left after a zap. */
        int[] unmappedSwapCachePage() {
            int[] s = InitialState.build(scenario, l);
            l.setPte(s, 0, 0, 0);
            l.addMapcount(s, P, -1);
            l.addCount(s, P, -1);
            l.setLockOwner(s, P, OWNER);
            swapfile.swapState().addToSwap(s, P, 0);
            l.setLockOwner(s, P, 0);
            return s;
        }
    }

    @Test
    void activateLockedTakesNoPageWithoutVmSwapFull() {
        Model m = new Model(false);
        int[] s = m.unmappedSwapCachePage();
        assertEquals(1, m.vmscan.isolateToFreeSwapChoices(s));
        assertEquals(-1, m.vmscan.isolateToFreeSwap(s, OWNER, 0));
        assertEquals(0, m.l.lockOwner(s, P));
    }

    @Test
    void activateLockedTakesAnUnlockedSwapCachePageWithVmSwapFull() {
        Model m = new Model(true);
        int[] s = m.unmappedSwapCachePage();
        assertEquals(P, m.vmscan.isolateToFreeSwap(s, OWNER, 0));
        assertEquals(OWNER, m.l.lockOwner(s, P));
        assertEquals(2, m.l.count(s, P), "the swap cache's reference and the isolation's");
    }

    @Test
    void swapWritepageFreesTheSwapOfAPageNoPteNamesInsteadOfWritingIt() {
        Model m = new Model(false);
        int[] s = m.unmappedSwapCachePage();
        m.l.setLockOwner(s, P, OWNER);
        m.l.addCount(s, P, 1); // isolation
        assertEquals(1, m.vmscan.pageout(s, P));
        assertFalse(m.l.test(s, P, PG_SWAPCACHE));
        assertFalse(m.l.test(s, P, PG_WRITEBACK), "nothing was written");
        assertTrue(m.l.test(s, P, PG_DIRTY), "try_to_free_swap's SetPageDirty");
        assertTrue(m.l.slotFree(s, SLOT));
        assertEquals(0, m.l.lockOwner(s, P));
    }
}
