package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;

/**
 * {@code Filemap} is the page lock and the page cache lookup of mm/filemap.c and include/linux/pagemap.h, as the
 * swap cache (swapper_space) uses them.
 */
final class Filemap {
    private final Layout l;
    private final Bug bug;

    Filemap(Layout layout, Bug bug) {
        this.l = layout;
        this.bug = bug;
    }

    /**
     * find_get_page, v2.6.35 mm/filemap.c:623-653 (same in v2.6.36), on swapper_space: the page at this swap offset
     * with a speculative reference, no lock and no pin on the slot; -1 when none. lookup_swap_cache
     * (mm/swap_state.c:260-271) is this plus statistics.
     */
    int findGetPage(int[] s, int offset) {
        int p = l.cachePage(s, offset);
        if (p >= 0) {
            l.addCount(s, p, 1);
        }
        return p;
    }

    /** lock_page, v2.6.35 include/linux/pagemap.h:315-320: whether the lock is free to take (else the caller sleeps). */
    boolean lockPageReady(int[] s, int pfn) {
        return l.lockOwner(s, pfn) == 0;
    }

    /** lock_page once the lock is free (the sleep in __lock_page, mm/filemap.c:583-589, is the step's wait). */
    void lockPage(int[] s, int owner, int pfn) {
        bug.requireAllocated(s, pfn, "lock_page");
        l.setLockOwner(s, pfn, owner);
    }

    /** trylock_page, v2.6.35 include/linux/pagemap.h:307-310: 1 when taken. */
    int trylockPage(int[] s, int owner, int pfn) {
        bug.requireAllocated(s, pfn, "trylock_page");
        if (l.lockOwner(s, pfn) != 0) {
            return 0;
        }
        l.setLockOwner(s, pfn, owner);
        return 1;
    }

    /** __set_page_locked, v2.6.35 include/linux/pagemap.h:297-300: locking a page no one else can see. */
    void setPageLocked(int[] s, int owner, int pfn) {
        bug.requireAllocated(s, pfn, "__set_page_locked");
        l.setLockOwner(s, pfn, owner);
    }

    /** unlock_page, v2.6.35 mm/filemap.c:548-554: BUG on a page that is not locked. */
    void unlockPage(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "unlock_page");
        if (l.lockOwner(s, pfn) == 0) {
            throw Bug.bug("unlock_page: page" + pfn + " is not locked");
        }
        l.setLockOwner(s, pfn, 0);
    }

    /** wait_on_page_writeback, v2.6.35 include/linux/pagemap.h:368-372: whether the wait is over. */
    boolean writebackDone(int[] s, int pfn) {
        return !l.test(s, pfn, PG_WRITEBACK);
    }
}
