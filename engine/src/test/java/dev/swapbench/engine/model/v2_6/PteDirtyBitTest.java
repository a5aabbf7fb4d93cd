package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.InitialState;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.policies.AndreaRecheck;
import dev.swapbench.policies.KsmForcedWrite;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.Mainline2636;
import dev.swapbench.policies.ReuseRemap;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pte dirty bit: set with pte_mkdirty where the kernel makes an anon pte writable, kept by fork's copy_one_pte,
 * moved to the page by try_to_unmap_one. Reproduce the scenario with {@code ./swapbench run --scenario
 * fork-dirty-pte}: every policy prints {@code clean}.
 */
class PteDirtyBitTest {
    private static final int PARENT = 0, CHILD = 1, P = 0, OWNER = 1;

    private final Layout l = new Layout(Scenarios.forkDirtyPte(), KernelBaseline.V2_6_36);
    private final Bug bug = new Bug(l);
    private final PageAlloc pageAlloc = new PageAlloc(l, bug);
    private final Memcontrol memcontrol = new Memcontrol(l);
    private final Swapfile swapfile = new Swapfile(l, bug, memcontrol, pageAlloc);
    private final Memory memory = new Memory(l, bug, pageAlloc, memcontrol, swapfile);
    private final Rmap rmap = new Rmap(l, bug, pageAlloc, memcontrol, swapfile);

    private int[] initial() {
        return InitialState.build(Scenarios.forkDirtyPte(), l);
    }

    @Test
    void aWritablePteInTheScenarioIsDirty() {
        Pte pte = new Pte(l.pte(initial(), PARENT, 0));
        assertTrue(pte.isWritable());
        assertTrue(pte.isDirty());
    }

    @Test
    void forkWriteProtectsTheParentsPteAndKeepsItDirtyInBoth() {
        int[] s = initial();
        memory.copyPageRange(s, PARENT, CHILD);
        for (int m : new int[] {PARENT, CHILD}) {
            Pte pte = new Pte(l.pte(s, m, 0));
            assertFalse(pte.isWritable(), "mm " + m + ": " + pte);
            assertTrue(pte.isDirty(), "mm " + m + ": " + pte);
            assertEquals(P, pte.pfn());
        }
        assertEquals(2, l.mapcount(s, P));
    }

    @Test
    void tryToUnmapOneMovesAReadOnlyDirtyPteToTheCleanPage() {
        int[] s = initial();
        memory.copyPageRange(s, PARENT, CHILD);
        l.clear(s, P, PG_DIRTY);
        l.setLockOwner(s, P, OWNER);
        assertEquals(1, swapfile.swapState().addToSwap(s, P, 0));
        l.clear(s, P, PG_DIRTY); // as if written out and found clean again on a later pass
        int position = rmap.tryToUnmapOne(s, P, 0);
        assertEquals(l.position(PARENT, 0), position);
        assertTrue(l.test(s, P, PG_DIRTY), "the pte's dirty bit moved to the page");
        assertTrue(new Pte(l.pte(s, PARENT, 0)).isSwap());
    }

    @Test
    void aCleanPteLeavesTheCleanPageClean() {
        int[] s = initial();
        l.setPte(s, PARENT, 0, Pte.mkPte(new Page(P)).value());
        l.clear(s, P, PG_DIRTY);
        l.setLockOwner(s, P, OWNER);
        swapfile.swapState().addToSwap(s, P, 0);
        l.clear(s, P, PG_DIRTY);
        rmap.tryToUnmapOne(s, P, 0);
        assertFalse(l.test(s, P, PG_DIRTY));
    }

    @Test
    void theIssuesSerialSequenceIsCleanForEveryPolicy() {
        for (SwapFaultPolicy policy : List.of(new Legacy(), new AndreaRecheck(), new Mainline2636(),
                new KsmForcedWrite(), new ReuseRemap())) {
            Exploration e = new Explorer(Scenarios.forkDirtyPte(), policy).run();
            assertTrue(e.violations().isEmpty(), policy.id() + ": " + e.violations());
            assertTrue(e.complete(), policy.id());
            assertFalse(e.violations().containsKey(CheckId.STALE_MAPPING));
        }
    }
}
