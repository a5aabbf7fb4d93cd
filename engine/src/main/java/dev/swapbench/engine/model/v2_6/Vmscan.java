package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_LRU;
import static dev.swapbench.engine.model.PageFlags.PG_MLOCKED;
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
    private final boolean vmSwapFull;

    Vmscan(Layout layout, Bug bug, PageAlloc pageAlloc, SwapState swapState) {
        this.vmSwapFull = layout.knobs().vmSwapFull();
        this.l = layout;
        this.bug = bug;
        this.pageAlloc = pageAlloc;
        this.swapState = swapState;
    }

    /** How many pages reclaim can isolate: the unlocked pages on the LRU. */
    int isolateLruPageChoices(int[] s) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (evictable(s, p)) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** An unlocked page on an evictable LRU list (an mlocked page is on the unevictable list). */
    private boolean evictable(int[] s, int pfn) {
        return l.test(s, pfn, PG_LRU) && !l.test(s, pfn, PG_MLOCKED) && l.lockOwner(s, pfn) == 0;
    }

    /**
     * isolate_lru_page, v2.6.35 mm/vmscan.c:1069-1087 (v2.6.36 :1111-1129), then shrink_page_list's trylock_page:
     * the choice-th unlocked LRU page, off the LRU, referenced and locked. A page whose trylock would fail is put
     * back untouched, so only unlocked pages are offered and the failed attempt (a no-op) is not modelled.
     */
    int isolateLruPage(int[] s, int owner, int choice) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (evictable(s, p) && n++ == choice) {
                l.addCount(s, p, 1);
                l.setLockOwner(s, p, owner);
                l.clear(s, p, PG_LRU);
                return p;
            }
        }
        return Op26.NULL;
    }

    /**
     * Whether a reclaim pass that ends in try_to_free_swap may take this page: an unlocked swap cache page on the
     * LRU, and vm_swap_full (activate_locked, v2.6.35 mm/vmscan.c:822-825, v2.6.36 :846-849, for a page that is
     * referenced or cannot be unmapped).
     */
    private boolean freeSwapCandidate(int[] s, int pfn) {
        return evictable(s, pfn) && l.test(s, pfn, PG_SWAPCACHE) && vmSwapFull;
    }

    /** How many pages {@link #isolateToFreeSwap} may take (at least one outcome: none). */
    int isolateToFreeSwapChoices(int[] s) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (freeSwapCandidate(s, p)) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /**
     * shrink_page_list's paths to try_to_free_swap (v2.6.35 mm/vmscan.c:623-840, v2.6.36 :646-865), up to the call:
     * isolate_lru_page and trylock_page of the choice-th page that activate_locked would free the swap of (a swap
     * cache page, vm_swap_full). The caller then runs try_to_free_swap, unlock_page and putback_lru_page. Returns the
     * page, off the LRU, referenced and locked; or -1 when no page qualifies (without vm_swap_full, never).
     */
    int isolateToFreeSwap(int[] s, int owner, int choice) {
        int n = 0;
        for (int p = 0; p < l.frames(); p++) {
            if (freeSwapCandidate(s, p) && n++ == choice) {
                l.addCount(s, p, 1);
                l.setLockOwner(s, p, owner);
                l.clear(s, p, PG_LRU);
                return p;
            }
        }
        return Op26.NULL;
    }

    /**
     * pageout, v2.6.35 mm/vmscan.c:329-406 (v2.6.36 :332-411), for a dirty swap cache page (locked, isolated):
     * PAGE_KEEP unless is_page_cache_freeable (:265-273: the isolation's and the swap cache's references only);
     * otherwise clear_page_dirty_for_io and swap_writepage (mm/page_io.c:92-116), which first calls try_to_free_swap:
     * a page whose slot no pte names any more leaves the swap cache, dirty, and is unlocked unwritten (shrink_page_list
     * then keeps it: PageDirty). Otherwise the data goes to the slot, the page is under writeback and unlocked.
     * Returns 1 for PAGE_SUCCESS.
     */
    int pageout(int[] s, int pfn) {
        bug.requireLockedBy(s, pfn, "pageout");
        if (l.count(s, pfn) != 2) {
            return 0;
        }
        if (l.swapCount(s, l.pagePrivate(s, pfn)) == 0) {
            swapState.deleteFromSwapCache(s, pfn, "swap_writepage: try_to_free_swap", true);
            l.setLockOwner(s, pfn, 0);
            return 1;
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
