package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;

/**
 * {@code Ksm} is mm/ksm.c's merge of two equal anon pages into one KSM page, and include/linux/ksm.h's
 * ksm_might_need_to_copy that the swap-in fault asks. The merge is one step here (see {@link #ksmMerge}).
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

    /** How many pairs ksmd could merge now. */
    int ksmMergeChoices(int[] s) {
        return Math.max(1, ksmCandidates(s, -1, null));
    }

    /**
     * Pairs ksmd could merge: a page p1 (anon or already KSM) and a different anon page p2, mapped by different mms,
     * with equal data, both unlocked and held only by their ptes and the swap cache (write_protect_page's
     * page_count check), their mms' pte locks free. With {@code choice >= 0}, stores that pair's
     * {p1, m1, a1, p2, m2, a2} in {@code out}; returns the number of pairs.
     */
    private int ksmCandidates(int[] s, int choice, int[] out) {
        int n = 0;
        for (int m1 = 0; m1 < l.mms(); m1++) {
            for (int a1 = l.vmaStart(m1); a1 < l.vmaEnd(m1); a1++) {
                Pte p = new Pte(l.pte(s, m1, a1));
                if (!p.isPresent() || !mergeable(s, p.pfn(), m1, true)) {
                    continue;
                }
                for (int m2 = 0; m2 < l.mms(); m2++) {
                    if (m2 == m1) {
                        continue;
                    }
                    for (int a2 = l.vmaStart(m2); a2 < l.vmaEnd(m2); a2++) {
                        Pte q = new Pte(l.pte(s, m2, a2));
                        if (!q.isPresent() || q.pfn() == p.pfn() || !mergeable(s, q.pfn(), m2, false)
                                || l.data(s, q.pfn()) != l.data(s, p.pfn())) {
                            continue;
                        }
                        if (n++ == choice) {
                            out[0] = p.pfn();
                            out[1] = m1;
                            out[2] = a1;
                            out[3] = q.pfn();
                            out[4] = m2;
                            out[5] = a2;
                        }
                    }
                }
            }
        }
        return n;
    }

    private boolean mergeable(int[] s, int pfn, int m, boolean mayBeKsm) {
        boolean ksm = Layout.isKsmMapping(l.mapping(s, pfn));
        int expected = l.mapcount(s, pfn) + (l.test(s, pfn, PG_SWAPCACHE) ? 1 : 0);
        return l.alive(s, m) && l.ptlOwner(s, m) == 0 && l.lockOwner(s, pfn) == 0
                && !l.test(s, pfn, PG_READ_IO | PG_WRITEBACK) && l.count(s, pfn) == expected
                && (mayBeKsm ? (ksm || l.mapcount(s, pfn) == 1) : (!ksm && l.mapcount(s, pfn) == 1));
    }

    /**
     * ksmd merges a pair, one step here: try_to_merge_one_page (v2.6.35 mm/ksm.c:837-893, v2.6.36 :820-876) with
     * write_protect_page (:716-767) makes p1 the KSM page (set_page_stable_node, its pte write-protected), and
     * replace_page (:778-826) points p2's pte at it read-only, page_add_anon_rmap (just the mapcount for a KSM page),
     * page_remove_rmap and put_page on p2. The kernel takes p1's page lock and each pte lock in turn.
     */
    int ksmMerge(int[] s, int choice) {
        int[] c = new int[6];
        if (ksmCandidates(s, choice, c) <= choice) {
            return Op26.NULL;
        }
        int p1 = c[0], p2 = c[3];
        if (!Layout.isKsmMapping(l.mapping(s, p1))) {
            l.setMapping(s, p1, Layout.MAPPING_KSM + p1);
            l.setIndex(s, p1, 0);
        }
        l.setPte(s, c[1], c[2], l.pte(s, c[1], c[2]) & ~1);
        l.setPte(s, c[4], c[5], Pte.mkPte(new Page(p1)).value());
        l.addMapcount(s, p1, 1);
        l.addCount(s, p1, 1);
        l.addMapcount(s, p2, -1);
        memcontrol.memCgroupUnchargePage(s, p2, "replace_page: page_remove_rmap(page" + p2 + ")");
        pageAlloc.putPage(s, p2);
        return p1;
    }
}
