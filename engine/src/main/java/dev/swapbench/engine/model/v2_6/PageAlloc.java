package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_ALLOC;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;

/**
 * {@code PageAlloc} is struct page's life: allocation (alloc_page_vma, mm/mempolicy.c), references (get_page,
 * put_page, mm/swap.c and include/linux/mm.h) and freeing (free_hot_cold_page with its free_pages_check,
 * mm/page_alloc.c), the page flag tests and sets of include/linux/page-flags.h, and the LRU add of mm/swap.c.
 */
final class PageAlloc {
    private final Layout l;
    private final Bug bug;

    PageAlloc(Layout layout, Bug bug) {
        this.l = layout;
        this.bug = bug;
    }

    /**
     * alloc_page_vma, v2.6.35 mm/mempolicy.c:1753-1786 (v2.6.36 :1809-1842): the lowest free frame, with one
     * reference; -1 when none is free. Frame numbers carry no meaning, so a fixed choice loses no behaviour.
     */
    int allocPageVma(int[] s) {
        for (int p = 0; p < l.frames(); p++) {
            if (!l.allocated(s, p)) {
                l.setFlags(s, p, PG_ALLOC);
                l.setCount(s, p, 1);
                return p;
            }
        }
        return Op26.NULL;
    }

    /** get_page, include/linux/mm.h (both baselines): one more reference on an allocated page. */
    void getPage(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "get_page");
        l.addCount(s, pfn, 1);
    }

    /**
     * put_page, v2.6.35 mm/swap.c:73-79 (same in v2.6.36): drops one reference and, at zero, frees the frame through
     * free_hot_cold_page, v2.6.35 mm/page_alloc.c:1153-1199, whose free_pages_check (:561-573) reports a page
     * still mapped, in the swap cache or locked (bad_page).
     */
    void putPage(int[] s, int pfn) {
        int ref = l.count(s, pfn) - 1;
        if (ref < 0) {
            throw Bug.bug("put_page: page" + pfn + " refcount underflow");
        }
        l.setCount(s, pfn, ref);
        if (ref == 0) {
            if (l.mapcount(s, pfn) != 0) {
                throw Bug.bug("freeing page" + pfn + " while it is still mapped (mapcount " + l.mapcount(s, pfn)
                        + ")");
            }
            if (l.test(s, pfn, PG_SWAPCACHE)) {
                throw Bug.bug("freeing page" + pfn + " while it is still in the swap cache");
            }
            if (l.lockOwner(s, pfn) != 0) {
                throw Bug.bug("freeing page" + pfn + " while it is locked");
            }
            l.clearFrame(s, pfn);
        }
    }

    /** put_page as a caller of the step makes it: on a free frame it is a use after free. */
    void putPageInUse(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "put_page");
        putPage(s, pfn);
    }

    /** PageAnon (include/linux/mm.h): page->mapping is set (an anon_vma or, for a KSM page, a stable node). */
    int pageAnon(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "PageAnon");
        return l.mapping(s, pfn) != 0 ? 1 : 0;
    }

    /** A Page* test of include/linux/page-flags.h on an allocated page: 1 or 0. */
    int testFlag(int[] s, int pfn, int flag) {
        bug.requireAllocated(s, pfn, "page flag test");
        return l.test(s, pfn, flag) ? 1 : 0;
    }

    /** A SetPage* / __SetPage* of include/linux/page-flags.h on an allocated page. */
    void setFlag(int[] s, int pfn, int flag, String fn) {
        bug.requireAllocated(s, pfn, fn);
        l.set(s, pfn, flag);
    }

    /** lru_cache_add_lru, v2.6.35 mm/swap.c:234-246: the page goes on an LRU list (the pagevec drain is merged). */
    void lruCacheAddLru(int[] s, int pfn) {
        setFlag(s, pfn, PG_LRU, "lru_cache_add_lru");
    }

    /** page_mapcount, include/linux/mm.h. */
    int pageMapcount(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "page_mapcount");
        return l.mapcount(s, pfn);
    }

    /** page_mapped, include/linux/mm.h: 1 when some pte maps the page. */
    int pageMapped(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "page_mapped");
        return l.mapcount(s, pfn) > 0 ? 1 : 0;
    }

    /** page_private, include/linux/mm.h: the swap entry of a swap cache page. */
    int pagePrivate(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "page_private");
        return l.pagePrivate(s, pfn);
    }

    /**
     * Model-only: a page only its holder can reach (one reference, not mapped, not on the LRU, not in the swap
     * cache, no I/O): what the holder does to it no other thread can see.
     */
    boolean privateToHolder(int[] s, int pfn) {
        if (pfn < 0 || pfn >= l.frames()) {
            return false;
        }
        int flags = l.flags(s, pfn);
        return (flags & PG_ALLOC) != 0 && l.count(s, pfn) == 1 && l.mapcount(s, pfn) == 0
                && (flags & (PG_LRU | PG_SWAPCACHE | PG_READ_IO | PG_WRITEBACK)) == 0;
    }

    /** Model-only: SetPageDirty is invisible on a page only its holder can reach, or under its own page lock. */
    boolean privateOrLockedBy(int[] s, int pfn, int owner) {
        return privateToHolder(s, pfn) || lockedBy(s, pfn, owner);
    }

    /** Model-only: whether thread {@code owner} holds the page's lock. */
    boolean lockedBy(int[] s, int pfn, int owner) {
        return pfn >= 0 && pfn < l.frames() && l.lockOwner(s, pfn) == owner;
    }

    /** Model-only: unlocked pages with the given flag, the ones a scanner can take with get_page + trylock_page. */
    int countCandidates(int[] s, int flag) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (l.test(s, p, flag) && l.lockOwner(s, p) == 0) {
                n++;
            }
        }
        return n;
    }

    /** Model-only: the choice-th candidate of {@link #countCandidates}, now referenced and locked by owner; or -1. */
    int takeCandidate(int[] s, int flag, int choice, int owner) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (l.test(s, p, flag) && l.lockOwner(s, p) == 0 && n++ == choice) {
                l.addCount(s, p, 1);
                l.setLockOwner(s, p, owner);
                return p;
            }
        }
        return Op26.NULL;
    }
}
