package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPBACKED;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_UPTODATE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;

/**
 * {@code SwapState} is mm/swap_state.c, the swap cache: pages entering it (add_to_swap, read_swap_cache_async's
 * insertion) and leaving it (delete_from_swap_cache), with the swap I/O completions of mm/page_io.c that end its
 * reads and writes. Built by {@link Swapfile}, which it calls for swapcache_free.
 */
final class SwapState {
    private final Layout l;
    private final Bug bug;
    private final Memcontrol memcontrol;
    private final PageAlloc pageAlloc;
    private final Swapfile swapfile;

    SwapState(Layout layout, Bug bug, Memcontrol memcontrol, PageAlloc pageAlloc, Swapfile swapfile) {
        this.l = layout;
        this.bug = bug;
        this.memcontrol = memcontrol;
        this.pageAlloc = pageAlloc;
        this.swapfile = swapfile;
    }

    /**
     * read_swap_cache_async's insertion, v2.6.35 mm/swap_state.c:279-350 (same in v2.6.36): __set_page_locked,
     * SetPageSwapBacked, __add_to_swap_cache (:74-108), lru_cache_add_anon, then swap_readpage (mm/page_io.c:118-135)
     * starts the read; the page stays locked by its I/O until {@link #endSwapBioRead}.
     */
    void addToSwapCacheAndRead(int[] s, int pfn, int offset) {
        l.set(s, pfn, PG_SWAPCACHE | PG_SWAPBACKED | PG_LRU | PG_READ_IO);
        l.setLockOwner(s, pfn, Layout.LOCK_IO);
        l.setPagePrivate(s, pfn, offset);
        l.addCount(s, pfn, 1);
        l.setCachePage(s, offset, pfn);
    }

    /** end_swap_bio_read, v2.6.35 mm/page_io.c:69-86: the slot's data is in, SetPageUptodate, unlock_page. */
    void endSwapBioRead(int[] s, int pfn) {
        l.setData(s, pfn, l.diskData(s, l.pagePrivate(s, pfn)));
        l.setFlags(s, pfn, (l.flags(s, pfn) & ~PG_READ_IO) | PG_UPTODATE);
        l.setLockOwner(s, pfn, 0);
    }

    /** end_swap_bio_write, v2.6.35 mm/page_io.c:43-67: end_page_writeback. */
    void endSwapBioWrite(int[] s, int pfn) {
        l.clear(s, pfn, PG_WRITEBACK);
    }

    /**
     * delete_from_swap_cache, v2.6.35 mm/swap_state.c:193-205 (same in v2.6.36): __delete_from_swap_cache (:127-139,
     * with its BUG_ONs: locked, in the swap cache, not under writeback), swapcache_free (mm/swapfile.c:616-628:
     * swap_entry_free of SWAP_HAS_CACHE, then mem_cgroup_uncharge_swapcache) and page_cache_release. With
     * {@code put} false the swap cache's reference is left for the caller to drop (__try_to_reclaim_swap,
     * __remove_mapping).
     */
    void deleteFromSwapCache(int[] s, int pfn, String fn, boolean put) {
        bug.requireAllocated(s, pfn, fn);
        bug.requireLockedBy(s, pfn, fn);
        if (!l.test(s, pfn, PG_SWAPCACHE)) {
            throw Bug.bug(fn + ": page" + pfn + " is not in the swap cache (BUG_ON(!PageSwapCache))");
        }
        if (l.test(s, pfn, PG_WRITEBACK)) {
            throw Bug.bug(fn + ": page" + pfn + " is under writeback (BUG_ON(PageWriteback))");
        }
        int i = l.pagePrivate(s, pfn);
        if (l.cachePage(s, i) != pfn) {
            throw Bug.bug(fn + ": swap cache entry " + i + " does not hold page" + pfn + " (page_private disagrees)");
        }
        l.clear(s, pfn, PG_SWAPCACHE);
        l.setPagePrivate(s, pfn, 0);
        l.setCachePage(s, i, -1);
        l.setHasCache(s, i, false);
        if (l.swapCount(s, i) == 0) {
            memcontrol.memCgroupUnchargeSwap(s, i);
        }
        memcontrol.memCgroupUnchargeSwapcache(s, pfn, i);
        swapfile.freeSlotIfUnused(s, i);
        if (put) {
            pageAlloc.putPage(s, pfn);
        }
    }

    /**
     * add_to_swap, v2.6.35 mm/swap_state.c:148-185 (same in v2.6.36): get_swap_page (the chosen slot),
     * add_to_swap_cache and SetPageDirty on the locked page. Returns the slot, or -1.
     */
    int addToSwap(int[] s, int pfn, int choice) {
        bug.requireLockedBy(s, pfn, "add_to_swap");
        int i = swapfile.getSwapPage(s, choice);
        if (i < 0) {
            return Op26.NULL;
        }
        l.setCachePage(s, i, pfn);
        l.set(s, pfn, PG_SWAPCACHE | PG_DIRTY);
        l.setPagePrivate(s, pfn, i);
        l.addCount(s, pfn, 1);
        return i;
    }
}
