package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
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
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ksmd's merge as the kernel's steps (issue 9 section 2d): the scan and tree search choices, write_protect_page's
 * checks, the half-KSM page set_page_stable_node(page, NULL) leaves, replace_page's pte_same, stable_tree_insert.
 */
class KsmStepsTest {
    private static final int PARENT = 0, CHILD = 1, Y = 2, A = 0, B = 1, KSMD = 1;

    /** The parent and its fork child share A read-only (index 3, pgoff 3); Y maps B writable and dirty; equal data. */
    private static Scenario scenario() {
        var parent = new MmSpec("parent", null, false, 0, 1, 3, null, List.of(PteSpec.present(0, "A", false)), 0);
        var child = new MmSpec("child", "parent", false, 0, 1, 3, null, List.of(PteSpec.present(0, "A", false)), 0);
        var y = new MmSpec("Y", null, false, 0, 1, 0, null, List.of(PteSpec.present(0, "B", true)), 0);
        var a = new PageSpec("A", 5, -1, "parent", 3, false, false, 0);
        var b = new PageSpec("B", 5, -1, "Y", 0, true, false, 0);
        var memory = new Memory(4, 1, List.of(parent, child, y), List.of(a, b), List.of());
        var k = new ThreadSpec("K", null, false, List.of(Action.of(Action.Op.KSM_MERGE)), 0);
        return new Scenario("ksm-steps", "ksmd's steps", new Provenance("derived", "test", ""), Knobs.defaults(), memory,
                List.of(k), new Bounds(0, Bounds.DEFAULT_MAX_STATES, Bounds.DEFAULT_STEP_BUDGET), Map.of(),
                "test:ksm-steps");
    }

    private static final class Model {
        final Layout l;
        final Ksm ksm;
        final Rmap rmap;
        final int[] s;

        Model(KernelBaseline baseline) {
            l = new Layout(scenario(), baseline);
            Bug bug = new Bug(l);
            PageAlloc pageAlloc = new PageAlloc(l, bug);
            Memcontrol memcontrol = new Memcontrol(l);
            Swapfile swapfile = new Swapfile(l, bug, memcontrol, pageAlloc);
            ksm = new Ksm(l, bug, pageAlloc, memcontrol);
            rmap = new Rmap(l, bug, pageAlloc, memcontrol, swapfile);
            s = InitialState.build(scenario(), l);
        }
    }

    @Test
    void ksmdScansEveryPresentAnonPteThatHasAnEqualPartnerAndPinsThePage() {
        Model m = new Model(KernelBaseline.V2_6_35);
        assertEquals(3, m.ksm.scanChoices(m.s), "parent's, child's and Y's ptes");
        int scanned = m.ksm.scan(m.s, 0);
        assertEquals(A, Ksm.pfnOf(scanned));
        assertEquals(m.l.position(PARENT, 0), Ksm.positionOf(scanned));
        assertEquals(3, m.l.count(m.s, A), "two ptes and ksmd's follow_page reference");
        assertEquals(1, m.ksm.treeSearchChoices(m.s, scanned), "the child maps A itself: only Y's B is a partner");
        int found = m.ksm.treeSearch(m.s, scanned, 0);
        assertEquals(B, Ksm.pfnOf(found));
        assertEquals(m.l.position(Y, 0), Ksm.positionOf(found));
        assertEquals(2, m.l.count(m.s, B));
    }

    @Test
    void aReadOnlyForkSharedPteIsWriteProtectedWithoutTheCountCheck() {
        Model m = new Model(KernelBaseline.V2_6_35);
        m.l.setLockOwner(m.s, A, KSMD);
        int pte = m.ksm.writeProtectPage(m.s, A, PARENT);
        assertEquals(m.l.pte(m.s, PARENT, 0), pte, "page_count 2 is not mapcount 2 + 1, but a read-only pte is not checked");
    }

    @Test
    void aWritablePteNeedsPageCountToBeMapcountPlusKsmdsReference() {
        Model m = new Model(KernelBaseline.V2_6_35);
        m.l.setLockOwner(m.s, B, KSMD);
        int before = m.l.pte(m.s, Y, 0);
        assertEquals(-1, m.ksm.writeProtectPage(m.s, B, Y), "no reference of ksmd: the count check fails");
        assertEquals(before, m.l.pte(m.s, Y, 0), "the pte is put back");
        m.l.addCount(m.s, B, 1);
        Pte pte = new Pte(m.ksm.writeProtectPage(m.s, B, Y));
        assertFalse(pte.isWritable());
        assertTrue(pte.isDirty(), "v2.6.35 keeps the dirty bit in the pte");
        assertEquals(pte.value(), m.l.pte(m.s, Y, 0));
    }

    @Test
    void v2636MovesTheDirtyBitToThePage() {
        Model m = new Model(KernelBaseline.V2_6_36);
        m.l.setLockOwner(m.s, B, KSMD);
        m.l.addCount(m.s, B, 1);
        m.l.clear(m.s, B, PG_DIRTY);
        Pte pte = new Pte(m.ksm.writeProtectPage(m.s, B, Y));
        assertFalse(pte.isWritable());
        assertFalse(pte.isDirty());
        assertTrue(m.l.test(m.s, B, PG_DIRTY), "4e31635c: set_page_dirty");
    }

    @Test
    void theHalfKsmPageKeepsItsIndexAndNoRmapWalkFindsIt() {
        Model m = new Model(KernelBaseline.V2_6_35);
        m.l.setLockOwner(m.s, A, KSMD);
        m.ksm.setPageStableNodeNull(m.s, A);
        assertEquals(1, m.ksm.pageKsm(m.s, A));
        assertEquals(3, m.l.index(m.s, A));
        assertEquals(-1, m.rmap.nextRmapTarget(m.s, A, 0), "try_to_unmap_ksm: no stable node, SWAP_FAIL");
        assertEquals(1, m.ksm.stableTreeInsert(m.s, A));
        assertEquals(m.l.position(PARENT, 0), m.rmap.nextRmapTarget(m.s, A, 0), "with its node every pte is found");
    }

    @Test
    void onlyV2635WriteProtectsAHalfKsmPageThroughItsKeptIndex() {
        Model v35 = new Model(KernelBaseline.V2_6_35);
        v35.l.setLockOwner(v35.s, A, KSMD);
        v35.ksm.setPageStableNodeNull(v35.s, A);
        assertEquals(v35.l.pte(v35.s, CHILD, 0), v35.ksm.writeProtectPage(v35.s, A, CHILD));
        Model v36 = new Model(KernelBaseline.V2_6_36);
        v36.l.setLockOwner(v36.s, A, KSMD);
        v36.ksm.setPageStableNodeNull(v36.s, A);
        assertEquals(-1, v36.ksm.writeProtectPage(v36.s, A, CHILD),
                "4829b906: page_address_in_vma refuses a page with no anon_vma");
    }

    @Test
    void replacePageMapsTheKsmPageOrFailsWhenThePteChanged() {
        Model m = new Model(KernelBaseline.V2_6_35);
        m.l.setLockOwner(m.s, B, KSMD);
        m.l.addCount(m.s, B, 1);
        int orig = m.ksm.writeProtectPage(m.s, B, Y);
        m.l.setPte(m.s, Y, 0, new Pte(orig).mkClean().value()); // changed meanwhile
        assertEquals(Op26.EFAULT, m.ksm.replacePage(m.s, B, Y, A, orig));
        assertEquals(B, new Pte(m.l.pte(m.s, Y, 0)).pfn());
        m.l.setPte(m.s, Y, 0, orig);
        m.l.setData(m.s, B, 6);
        assertEquals(Op26.EFAULT, m.ksm.replacePage(m.s, B, Y, A, orig), "pages_identical fails");
        m.l.setData(m.s, B, 5);
        assertEquals(0, m.ksm.replacePage(m.s, B, Y, A, orig));
        assertEquals(Pte.mkPte(new Page(A)).value(), m.l.pte(m.s, Y, 0), "read-only, clean");
        assertEquals(3, m.l.mapcount(m.s, A));
        assertEquals(3, m.l.count(m.s, A));
        assertEquals(0, m.l.mapcount(m.s, B));
        assertEquals(1, m.l.count(m.s, B), "only ksmd's reference is left");
    }

    @Test
    void stableTreeInsertFailsWhenAnEqualStablePageExists() {
        Model m = new Model(KernelBaseline.V2_6_35);
        m.l.setMapping(m.s, B, Layout.MAPPING_KSM + B);
        m.l.setLockOwner(m.s, A, KSMD);
        assertEquals(0, m.ksm.stableTreeInsert(m.s, A));
        m.l.setData(m.s, B, 6);
        assertEquals(1, m.ksm.stableTreeInsert(m.s, A));
        assertEquals(Layout.MAPPING_KSM + A, m.l.mapping(m.s, A));
    }
}
