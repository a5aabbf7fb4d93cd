package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_MLOCKED;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPBACKED;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;

/**
 * {@code Rmap} is mm/rmap.c: page->mapping and page->index as the anon rmap sets and checks them, the mapcount,
 * and the reverse walk reclaim uses to unmap a page. The two baselines differ in page_add_anon_rmap and
 * __page_check_anon_rmap (v2.6.36's 288468c334e9 and the anon_vma root of 76545066c8521f3e).
 */
final class Rmap {
    private final Layout l;
    private final Bug bug;
    private final PageAlloc pageAlloc;
    private final Memcontrol memcontrol;
    private final Swapfile swapfile;
    private final boolean debugVm;

    Rmap(Layout layout, Bug bug, PageAlloc pageAlloc, Memcontrol memcontrol, Swapfile swapfile) {
        this.l = layout;
        this.bug = bug;
        this.pageAlloc = pageAlloc;
        this.memcontrol = memcontrol;
        this.swapfile = swapfile;
        this.debugVm = layout.knobs().debugVm();
    }

    /**
     * page_add_anon_rmap, v2.6.35 mm/rmap.c:798-813 (v2.6.36 do_page_add_anon_rmap :870-885), with
     * __page_set_anon_rmap (v2.6.35 :735-759, v2.6.36 :789-819) on the first mapping and __page_check_anon_rmap
     * (v2.6.35 :767-785, v2.6.36 :827-846, CONFIG_DEBUG_VM) on the others. v2.6.35 always overwrites mapping and
     * index on the first mapping, with the vma's own anon_vma when exclusive and the oldest (the root) otherwise;
     * v2.6.36 keeps an anon mapping already set. A KSM page only counts the mapping.
     */
    void pageAddAnonRmap(int[] s, int pfn, int m, int address, int exclusive) {
        bug.requireAllocated(s, pfn, "page_add_anon_rmap");
        boolean first = l.mapcount(s, pfn) == 0;
        l.addMapcount(s, pfn, 1);
        if (Layout.isKsmMapping(l.mapping(s, pfn))) {
            return;
        }
        bug.requireLockedBy(s, pfn, "page_add_anon_rmap");
        int linear = l.linearPageIndex(m, address);
        if (first) {
            if (l.baseline() == KernelBaseline.V2_6_35 || l.mapping(s, pfn) == 0) {
                l.setMapping(s, pfn, Layout.MAPPING_ANON + (exclusive != 0 ? m : l.anonVmaRoot(m)));
                l.setIndex(s, pfn, linear);
            }
            return;
        }
        if (!debugVm) {
            return;
        }
        int av = Layout.anonVmaOf(l.mapping(s, pfn));
        if (l.baseline() == KernelBaseline.V2_6_36 && av >= 0 && l.anonVmaRoot(av) != l.anonVmaRoot(m)) {
            throw new Violation(CheckId.ANON_RMAP, "__page_check_anon_rmap: BUG_ON(page_anon_vma(page)->root != "
                    + "vma->anon_vma->root) for page" + pfn + " mapped into mm " + l.mmName(m) + " (page->mapping is "
                    + "mm " + l.mmName(av) + "'s anon_vma)");
        }
        if (l.index(s, pfn) != linear) {
            throw new Violation(CheckId.ANON_RMAP, "__page_check_anon_rmap: BUG_ON(page->index " + l.index(s, pfn)
                    + " != linear_page_index " + linear + ") for page" + pfn + " mapped into mm " + l.mmName(m));
        }
    }

    /**
     * page_add_new_anon_rmap, v2.6.35 mm/rmap.c:825-837 (v2.6.36 :897-909): SetPageSwapBacked, _mapcount = 0,
     * __page_set_anon_rmap with exclusive, and the page on the LRU; in a VM_LOCKED vma page_evictable's
     * is_mlocked_vma (mm/internal.h:84-96) sets PG_mlocked and the page goes to the unevictable list.
     */
    void pageAddNewAnonRmap(int[] s, int pfn, int m, int address) {
        l.set(s, pfn, PG_SWAPBACKED | PG_LRU | (l.vmLocked(m) ? PG_MLOCKED : 0));
        l.setMapcount(s, pfn, 1);
        l.setMapping(s, pfn, Layout.MAPPING_ANON + m);
        l.setIndex(s, pfn, l.linearPageIndex(m, address));
    }

    /**
     * page_move_anon_rmap, v2.6.35 mm/rmap.c:715-726 (v2.6.36 :769-780): its VM_BUG_ONs (locked; page->index the
     * linear index, CONFIG_DEBUG_VM), then page->mapping only.
     */
    void pageMoveAnonRmap(int[] s, int pfn, int m, int address) {
        bug.requireLockedBy(s, pfn, "page_move_anon_rmap");
        if (debugVm && l.index(s, pfn) != l.linearPageIndex(m, address)) {
            throw new Violation(CheckId.ANON_RMAP, "page_move_anon_rmap: VM_BUG_ON(page->index "
                    + l.index(s, pfn) + " != linear_page_index " + l.linearPageIndex(m, address) + ") for page" + pfn
                    + " in mm " + l.mmName(m));
        }
        l.setMapping(s, pfn, Layout.MAPPING_ANON + m);
    }

    /** Model-only (Kernel.pageForceAnonRmap): a patch variant setting page->mapping and page->index itself. */
    void pageForceAnonRmap(int[] s, int pfn, int m, int address) {
        bug.requireLockedBy(s, pfn, "forcing page->mapping");
        l.setMapping(s, pfn, Layout.MAPPING_ANON + m);
        l.setIndex(s, pfn, l.linearPageIndex(m, address));
    }

    /**
     * page_remove_rmap, v2.6.35 mm/rmap.c:859-892 (v2.6.36 :931-970): one mapping less, and the memcg uncharge of a
     * page no longer mapped; page->mapping is deliberately left as it is.
     */
    void pageRemoveRmap(int[] s, int pfn) {
        if (l.mapcount(s, pfn) <= 0) {
            throw Bug.bug("page_remove_rmap: page" + pfn + " mapcount underflow");
        }
        l.addMapcount(s, pfn, -1);
        memcontrol.memCgroupUnchargePage(s, pfn, "page_remove_rmap(page" + pfn + ")");
    }

    /**
     * The next pte position at or after {@code from} that the rmap walk from the page reaches and that maps the
     * page, or -1. An anon page is walked through its anon_vma and index (try_to_unmap_anon, v2.6.35
     * mm/rmap.c:1164-1200, v2.6.36 :1242-1278: every mm whose anon_vma chain holds page->mapping, at vma_address);
     * a KSM page through its stable node, which lists every pte ksmd or a fault made map it (try_to_unmap_ksm,
     * v2.6.35 mm/ksm.c:1602-1650); a KSM page whose stable node is still NULL is not walked at all (:1613-1615).
     */
    int nextRmapTarget(int[] s, int pfn, int from) {
        int mapping = l.mapping(s, pfn);
        boolean ksm = Layout.isKsmMapping(mapping);
        int av = Layout.anonVmaOf(mapping);
        if ((!ksm && av < 0) || mapping == Layout.MAPPING_KSM_NO_NODE) {
            return Op26.NULL; // no anon_vma, or a half-KSM page: try_to_unmap_ksm finds no stable node (SWAP_FAIL)
        }
        int fromMm = Layout.positionMm(from);
        for (int m = fromMm; m < l.mms(); m++) {
            if (!l.alive(s, m) || (!ksm && !l.walkVisits(av, m))) {
                continue;
            }
            if (ksm) {
                int start = m == fromMm ? l.positionAddress(from) : l.vmaStart(m);
                for (int a = start; a < l.vmaEnd(m); a++) {
                    if (maps(l.pte(s, m, a), pfn)) {
                        return l.position(m, a);
                    }
                }
                continue;
            }
            int address = l.vmaAddress(m, l.index(s, pfn));
            if (address >= 0 && l.position(m, address) >= from && maps(l.pte(s, m, address), pfn)) {
                return l.position(m, address);
            }
        }
        return Op26.NULL;
    }

    private static boolean maps(int pte, int pfn) {
        Pte p = new Pte(pte);
        return p.isPresent() && p.pfn() == pfn;
    }

    /** Whether try_to_unmap_one can take the next pte's lock now (else it spins). */
    boolean tryToUnmapOneReady(int[] s, int pfn, int from) {
        int position = nextRmapTarget(s, pfn, from);
        return position < 0 || l.ptlOwner(s, Layout.positionMm(position)) == 0;
    }

    /**
     * try_to_unmap_one, v2.6.35 mm/rmap.c:898-1016 (v2.6.36 :976-1094), for the next pte the walk finds (page
     * locked; that mm's pte lock taken and dropped in the step). In a VM_LOCKED vma it goes to out_mlock (:996-1015):
     * with mmap_sem read-trylocked, mlock_vma_page (mm/mlock.c:79-89) and SWAP_MLOCK, which ends the walk
     * (try_to_unmap_anon, :1164-1200); a failed trylock (a writer holds mmap_sem) leaves the pte and the walk goes
     * on. Otherwise ptep_clear_flush, then pte_dirty moves to the page
     * (set_page_dirty, v2.6.35 mm/rmap.c:934-936, v2.6.36 :1012-1014), the pte becomes the swap entry, swap_duplicate, page_remove_rmap, put_page. Returns the pte's position, or -1 when
     * none is left.
     */
    int tryToUnmapOne(int[] s, int pfn, int from) {
        bug.requireLockedBy(s, pfn, "try_to_unmap");
        int position = nextRmapTarget(s, pfn, from);
        while (position >= 0 && l.vmLocked(Layout.positionMm(position))) {
            if (!l.mmapWriter(s, Layout.positionMm(position))) {
                l.set(s, pfn, PG_MLOCKED);
                return Op26.SWAP_MLOCK;
            }
            position = nextRmapTarget(s, pfn, position + 1);
        }
        if (position < 0) {
            return Op26.NULL;
        }
        int m = Layout.positionMm(position);
        int a = l.positionAddress(position);
        if (!l.test(s, pfn, PG_SWAPCACHE)) {
            throw Bug.bug("try_to_unmap_one: anon page" + pfn + " is not in the swap cache");
        }
        if (new Pte(l.pte(s, m, a)).isDirty()) {
            l.set(s, pfn, PG_DIRTY);
        }
        int entry = l.pagePrivate(s, pfn);
        swapfile.swapDuplicate(s, entry, "try_to_unmap_one: swap_duplicate");
        l.setPte(s, m, a, Pte.swap(new SwapEntry(entry)).value());
        l.addMapcount(s, pfn, -1);
        pageAlloc.putPage(s, pfn);
        return position;
    }
}
