package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;

/**
 * {@code Ksm} is mm/ksm.c's merge of equal anon pages into a KSM page, as the steps ksmd takes (the choices of its
 * scan and tree search, write_protect_page, set_page_stable_node, replace_page, stable_tree_insert; the routine that
 * strings them together is KernelRoutines.ksmdScanOne), and include/linux/ksm.h's ksm_might_need_to_copy that the
 * swap-in fault asks.
 */
final class Ksm {
    private final Layout l;
    private final Bug bug;
    private final PageAlloc pageAlloc;
    private final Memcontrol memcontrol;
    private final boolean on;

    Ksm(Layout layout, Bug bug, PageAlloc pageAlloc, Memcontrol memcontrol) {
        this.l = layout;
        this.bug = bug;
        this.pageAlloc = pageAlloc;
        this.memcontrol = memcontrol;
        this.on = layout.knobs().ksm();
    }

    /** PageKsm (include/linux/ksm.h): page->mapping is a stable node. */
    int pageKsm(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "PageKsm");
        return Layout.isKsmMapping(l.mapping(s, pfn)) ? 1 : 0;
    }

    /**
     * ksm_might_need_to_copy, v2.6.35 include/linux/ksm.h:75-86 (v2.6.36 :76-84): a page with an anon_vma other than
     * the faulting vma's (v2.6.35) or of another root (v2.6.36), or at another index, must be copied.
     */
    boolean ksmMightNeedToCopy(int[] s, int pfn, int m, int address) {
        if (!on) {
            return false;
        }
        bug.requireAllocated(s, pfn, "ksm_might_need_to_copy");
        int av = Layout.anonVmaOf(l.mapping(s, pfn));
        if (av < 0) {
            return false; // no anon_vma: never mapped, or a KSM page
        }
        boolean other = l.baseline() == KernelBaseline.V2_6_35 ? av != m : l.anonVmaRoot(av) != l.anonVmaRoot(m);
        return other || l.index(s, pfn) != l.linearPageIndex(m, address);
    }

    /** Model-only: ksm_might_need_to_copy reads mapping and index, which change only under the page lock. */
    boolean ksmMightNeedToCopyIsLocal(int[] s, int pfn, int owner) {
        return pageAlloc.lockedBy(s, pfn, owner) || !on;
    }

    // ---- ksmd's choices: which rmap_item it scans, which identical page the trees give it ----

    /** A scan or tree search result: the page (referenced by ksmd) and its pte position; {@link #STABLE} for none. */
    static int encode(int pfn, int position) {
        return (pfn << 16) | position;
    }

    static int pfnOf(int encoded) {
        return encoded >>> 16;
    }

    static int positionOf(int encoded) {
        return encoded & 0xFFFF;
    }

    /** The position part of a stable tree page: get_ksm_page reaches it through its stable node, not a pte. */
    static final int STABLE = 0xFFFF;

    /** A KSM page whose stable node is set (not the half-KSM page of a merge in progress or left over). */
    private static boolean stableKsm(int mapping) {
        return Layout.isKsmMapping(mapping) && mapping != Layout.MAPPING_KSM_NO_NODE;
    }

    /** Whether ksmd can look at mm m now: down_read(mmap_sem) and follow_page's pte lock would not wait. */
    private boolean reachable(int[] s, int m, boolean ignoreLocks) {
        return l.alive(s, m) && (ignoreLocks || (!l.mmapWriter(s, m) && l.ptlOwner(s, m) == 0));
    }

    /**
     * The pages the trees offer for page {@code pfn} scanned at {@code position}, as stable_tree_search (v2.6.35
     * mm/ksm.c:966-1000, v2.6.36 :949-983) and unstable_tree_search_insert (v2.6.35 :1072-1122, v2.6.36 :1055-1105)
     * would find them: a KSM page with a stable node and equal data, else (the stable tree found nothing) an anon page
     * at another pte with equal data, not the scanned page itself ("Don't substitute a ksm page for a forked page") and
     * not a stable KSM page (get_mergeable_page, v2.6.35 :433-461). With {@code choice >= 0}, returns that candidate
     * encoded; otherwise their number. The rb-trees' order and the checksum's "unchanged since the last scan" are
     * not modelled: any equal page may be the one found (a superset of the kernel's matches).
     */
    private int treeCandidates(int[] s, int pfn, int position, boolean ignoreLocks, int choice) {
        int n = 0;
        for (int q = 0; q < l.frames(); q++) {
            if (q != pfn && l.allocated(s, q) && stableKsm(l.mapping(s, q)) && l.data(s, q) == l.data(s, pfn)) {
                if (n++ == choice) {
                    return encode(q, STABLE);
                }
            }
        }
        if (n > 0) {
            return choice >= 0 ? Op26.NULL : n;
        }
        for (int m = 0; m < l.mms(); m++) {
            if (!reachable(s, m, ignoreLocks)) {
                continue;
            }
            for (int a = l.vmaStart(m); a < l.vmaEnd(m); a++) {
                Pte q = new Pte(l.pte(s, m, a));
                if (l.position(m, a) == position || !q.isPresent() || q.pfn() == pfn) {
                    continue;
                }
                int mapping = l.mapping(s, q.pfn());
                if (mapping != 0 && !stableKsm(mapping) && l.data(s, q.pfn()) == l.data(s, pfn) && n++ == choice) {
                    return encode(q.pfn(), l.position(m, a));
                }
            }
        }
        return choice >= 0 ? Op26.NULL : n;
    }

    /**
     * The rmap_items scan_get_next_rmap_item (v2.6.35 mm/ksm.c:1255-1361, v2.6.36 :1238-1344) may return and
     * ksm_do_scan (v2.6.35 :1367-1381) hand to cmp_and_merge_page: a present pte whose page is PageAnon and not a KSM
     * page already in the stable tree. Only items that some tree page matches are offered (for the others ksmd only
     * takes and drops a reference). With {@code choice >= 0}, returns that item encoded; otherwise their number.
     */
    private int scanCandidates(int[] s, boolean ignoreLocks, int choice) {
        int n = 0;
        for (int m = 0; m < l.mms(); m++) {
            if (!reachable(s, m, ignoreLocks)) {
                continue;
            }
            for (int a = l.vmaStart(m); a < l.vmaEnd(m); a++) {
                Pte p = new Pte(l.pte(s, m, a));
                if (!p.isPresent()) {
                    continue;
                }
                int mapping = l.mapping(s, p.pfn());
                if (mapping == 0 || stableKsm(mapping)
                        || treeCandidates(s, p.pfn(), l.position(m, a), ignoreLocks, -1) == 0) {
                    continue;
                }
                if (n++ == choice) {
                    return encode(p.pfn(), l.position(m, a));
                }
            }
        }
        return choice >= 0 ? Op26.NULL : n;
    }

    /** Whether ksmd's scan can go on: some item is reachable now, or there is none even when the locks are free. */
    boolean scanReady(int[] s) {
        return scanCandidates(s, false, -1) > 0 || scanCandidates(s, true, -1) == 0;
    }

    int scanChoices(int[] s) {
        return Math.max(1, scanCandidates(s, false, -1));
    }

    /**
     * scan_get_next_rmap_item's follow_page(vma, address, FOLL_GET) under mmap_sem for read (v2.6.35 mm/ksm.c:1279-1309):
     * the choice-th item, its page referenced for ksmd; -1 when there is none.
     */
    int scan(int[] s, int choice) {
        int r = scanCandidates(s, false, choice);
        if (r >= 0) {
            l.addCount(s, pfnOf(r), 1);
        }
        return r;
    }

    boolean treeSearchReady(int[] s, int scanned) {
        return treeCandidates(s, pfnOf(scanned), positionOf(scanned), false, -1) > 0
                || treeCandidates(s, pfnOf(scanned), positionOf(scanned), true, -1) == 0;
    }

    int treeSearchChoices(int[] s, int scanned) {
        return Math.max(1, treeCandidates(s, pfnOf(scanned), positionOf(scanned), false, -1));
    }

    /**
     * cmp_and_merge_page's search (v2.6.35 mm/ksm.c:1162-1192, v2.6.36 :1145-1175) for the page ksmd scanned: the
     * choice-th identical page, referenced (get_ksm_page, :511-534, or get_mergeable_page's follow_page); -1 when the
     * trees hold none (the page went into the unstable tree).
     */
    int treeSearch(int[] s, int scanned, int choice) {
        int r = treeCandidates(s, pfnOf(scanned), positionOf(scanned), false, choice);
        if (r >= 0) {
            l.addCount(s, pfnOf(r), 1);
        }
        return r;
    }

    // ---- try_to_merge_one_page's steps ----

    /**
     * page_address_in_vma (v2.6.35 mm/rmap.c:341-352; v2.6.36 :381-399 with 21d0d443cdc1 and 4829b906cc06) for mm m's
     * vma: v2.6.36 refuses a page whose anon_vma root is not the vma's, and a page with no anon_vma at all: a KSM page,
     * and the half-KSM page that 4829b906 (in v2.6.36) stopped from oopsing there. v2.6.35 asks nothing of an anon
     * page. Then vma_address from page->index (which KSM keeps); -1 for -EFAULT.
     */
    private int pageAddressInVma(int[] s, int pfn, int m) {
        int mapping = l.mapping(s, pfn);
        if (mapping == 0) {
            return -1;
        }
        if (l.baseline() == KernelBaseline.V2_6_36) {
            int av = Layout.anonVmaOf(mapping);
            if (av < 0 || l.anonVmaRoot(av) != l.anonVmaRoot(m)) {
                return -1;
            }
        }
        return l.vmaAddress(m, l.index(s, pfn));
    }

    /** Whether write_protect_page can take the pte lock now (page_check_address spins on it). */
    boolean writeProtectPageReady(int[] s, int pfn, int m) {
        return pageAddressInVma(s, pfn, m) < 0 || l.ptlOwner(s, m) == 0;
    }

    /**
     * write_protect_page, v2.6.35 mm/ksm.c:716-767 (v2.6.36 :697-750), page locked by ksmd: page_address_in_vma, then
     * under the pte lock (taken and dropped in the step) page_check_address (the pte maps the page). A writable pte
     * (v2.6.36, 4e31635c "ksm: fix bad user data when swapping": also a dirty one) is cleared, page_count is checked
     * against page_mapcount + 1 (ksmd's reference) + PageSwapCache, and on a mismatch the pte is put back and the merge
     * fails; otherwise the pte is write-protected (v2.6.36: its dirty bit moved to the page with set_page_dirty and
     * the pte made clean). A read-only pte (a fork-shared page) passes unchecked. Returns the pte as left (orig_pte
     * for replace_page), or -1 for -EFAULT.
     */
    int writeProtectPage(int[] s, int pfn, int m) {
        bug.requireLockedBy(s, pfn, "write_protect_page");
        int address = pageAddressInVma(s, pfn, m);
        if (address < 0 || !l.alive(s, m)) {
            return Op26.NULL;
        }
        Pte pte = new Pte(l.pte(s, m, address));
        if (!pte.isPresent() || pte.pfn() != pfn) {
            return Op26.NULL;
        }
        boolean v35 = l.baseline() == KernelBaseline.V2_6_35;
        if (pte.isWritable() || (!v35 && pte.isDirty())) {
            int expected = l.mapcount(s, pfn) + 1 + (l.test(s, pfn, PG_SWAPCACHE) ? 1 : 0);
            if (l.count(s, pfn) != expected) {
                return Op26.NULL;
            }
            if (v35) {
                pte = pte.wrprotect();
            } else {
                if (pte.isDirty()) {
                    l.set(s, pfn, PG_DIRTY);
                }
                pte = pte.wrprotect().mkClean();
            }
            l.setPte(s, m, address, pte.value());
        }
        return pte.value();
    }

    /**
     * set_page_stable_node(page, NULL) in try_to_merge_one_page, v2.6.35 mm/ksm.c:866-875 (v2.6.36 :849-858), page
     * locked: the page becomes PageKsm with no stable node (page->index is kept) until stable_tree_insert gives it one.
     * No rmap walk finds its ptes meanwhile (try_to_unmap_ksm, v2.6.35 :1602-1615: SWAP_FAIL).
     */
    void setPageStableNodeNull(int[] s, int pfn) {
        bug.requireLockedBy(s, pfn, "set_page_stable_node");
        l.setMapping(s, pfn, Layout.MAPPING_KSM_NO_NODE);
    }

    /** Whether replace_page can take the pte lock now. */
    boolean replacePageReady(int[] s, int pfn, int m) {
        return pageAddressInVma(s, pfn, m) < 0 || l.ptlOwner(s, m) == 0;
    }

    /**
     * try_to_merge_one_page's pages_identical (v2.6.35 mm/ksm.c:876) and replace_page (:778-826; v2.6.36 :859, :761-809),
     * page locked and write-protected: the data must be equal (one step with replace_page: neither page has a writable
     * pte left, so the data cannot change in between); page_address_in_vma; under the pte lock the pte must
     * still be orig_pte, else -EFAULT (a fault or reclaim changed it since write_protect_page); then get_page and
     * page_add_anon_rmap of kpage (a KSM page: only the mapcount), the pte set to mk_pte(kpage) (read-only, clean),
     * page_remove_rmap and put_page of the old page. Returns 0, or {@link Op26#EFAULT}.
     */
    int replacePage(int[] s, int pfn, int m, int kpage, int origPte) {
        bug.requireLockedBy(s, pfn, "replace_page");
        bug.requireAllocated(s, kpage, "pages_identical");
        if (l.data(s, pfn) != l.data(s, kpage)) {
            return Op26.EFAULT;
        }
        int address = pageAddressInVma(s, pfn, m);
        if (address < 0 || !l.alive(s, m) || l.pte(s, m, address) != origPte) {
            return Op26.EFAULT;
        }
        l.addCount(s, kpage, 1);
        l.addMapcount(s, kpage, 1);
        l.setPte(s, m, address, Pte.mkPte(new Page(kpage)).value());
        if (l.mapcount(s, pfn) <= 0) {
            throw Bug.bug("replace_page: page_remove_rmap: page" + pfn + " mapcount underflow");
        }
        l.addMapcount(s, pfn, -1);
        memcontrol.memCgroupUnchargePage(s, pfn, "replace_page: page_remove_rmap(page" + pfn + ")");
        pageAlloc.putPage(s, pfn);
        return 0;
    }

    /**
     * stable_tree_insert, v2.6.35 mm/ksm.c:1009-1056 (v2.6.36 :992-1039), kpage locked: fails (0) when the stable tree
     * already holds a page with equal data (stable_tree_search ran before the page was write-protected); otherwise
     * set_page_stable_node gives the page its node (1).
     */
    int stableTreeInsert(int[] s, int kpage) {
        bug.requireLockedBy(s, kpage, "stable_tree_insert");
        for (int q = 0; q < l.frames(); q++) {
            if (q != kpage && l.allocated(s, q) && stableKsm(l.mapping(s, q)) && l.data(s, q) == l.data(s, kpage)) {
                return 0;
            }
        }
        l.setMapping(s, kpage, Layout.MAPPING_KSM + kpage);
        return 1;
    }
}
