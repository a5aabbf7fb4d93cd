package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;

/**
 * {@code Vmscan} is mm/vmscan.c's reclaim of one anon page, the steps of shrink_page_list (v2.6.35
 * mm/vmscan.c:623-840, v2.6.36 :646-865) that the reclaim routine strings together: isolate and trylock, pageout,
 * __remove_mapping, putback.
 */
final class Vmscan {
    private final Layout l;
    private final Bug bug;
    private final PageAlloc pageAlloc;
    private final SwapState swapState;

    Vmscan(Layout layout, Bug bug, PageAlloc pageAlloc, SwapState swapState) {
        this.l = layout;
        this.bug = bug;
        this.pageAlloc = pageAlloc;
        this.swapState = swapState;
    }

    /** How many pages reclaim can isolate: the unlocked pages on the LRU. */
    int isolateLruPageChoices(int[] s) {
        return Math.max(1, pageAlloc.countCandidates(s, PG_LRU));
    }

    /**
     * isolate_lru_page, v2.6.35 mm/vmscan.c:1069-1087 (v2.6.36 :1111-1129), then shrink_page_list's trylock_page:
     * the choice-th unlocked LRU page, off the LRU, referenced and locked. A page whose trylock would fail is put
     * back untouched, so only unlocked pages are offered and the failed attempt (a no-op) is not modelled.
     */
    int isolateLruPage(int[] s, int owner, int choice) {
        int p = pageAlloc.takeCandidate(s, PG_LRU, choice, owner);
        if (p >= 0) {
            l.clear(s, p, PG_LRU);
        }
        return p;
    }

    /**
     * pageout, v2.6.35 mm/vmscan.c:329-406 (v2.6.36 :332-411), for a dirty swap cache page (locked, isolated):
     * PAGE_KEEP unless is_page_cache_freeable (:265-273: the isolation's and the swap cache's references only);
     * otherwise clear_page_dirty_for_io and swap_writepage (mm/page_io.c:92-116): the data goes to the slot, the page
     * is under writeback and unlocked. Returns 1 for PAGE_SUCCESS.
     */
    int pageout(int[] s, int pfn) {
        bug.requireLockedBy(s, pfn, "pageout");
        if (l.count(s, pfn) != 2) {
            return 0;
        }
        l.setFlags(s, pfn, (l.flags(s, pfn) & ~PG_DIRTY) | PG_WRITEBACK);
        l.setDiskData(s, l.pagePrivate(s, pfn), l.data(s, pfn));
        l.setLockOwner(s, pfn, 0);
        return 1;
    }

    /**
     * __remove_mapping, v2.6.35 mm/vmscan.c:412-467 (v2.6.36 :417-472), for a swap cache page (locked):
     * page_freeze_refs(page, 2) must succeed and the page be clean; then __delete_from_swap_cache, swapcache_free,
     * unlock and free. Returns 1 when the page was freed.
     */
    int removeMapping(int[] s, int pfn) {
        bug.requireLockedBy(s, pfn, "__remove_mapping");
        int flags = l.flags(s, pfn);
        if (l.count(s, pfn) != 2 || (flags & (PG_DIRTY | PG_WRITEBACK)) != 0 || (flags & PG_SWAPCACHE) == 0) {
            return 0;
        }
        swapState.deleteFromSwapCache(s, pfn, "__remove_mapping", true);
        l.setLockOwner(s, pfn, 0);
        pageAlloc.putPage(s, pfn);
        return 1;
    }

    /** putback_lru_page, v2.6.35 mm/vmscan.c:498-559 (v2.6.36 :503-564): back on the LRU, isolation's ref dropped. */
    void putbackLruPage(int[] s, int pfn) {
        l.set(s, pfn, PG_LRU);
        pageAlloc.putPage(s, pfn);
    }
}
