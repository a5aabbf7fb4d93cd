package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;

/**
 * {@code Swapfile} is mm/swapfile.c: the swap_map counts (swap_entry_free, __swap_duplicate), slot allocation
 * (get_swap_page with scan_swap_map's reclaim), free_swap_and_cache, and swapoff's try_to_unuse as the steps the
 * model splits it into. It and {@link SwapState} call each other, as swapfile.c and swap_state.c do through
 * include/linux/swap.h; this class builds its {@code SwapState}.
 */
final class Swapfile {
    private final Layout l;
    private final Bug bug;
    private final Memcontrol memcontrol;
    private final PageAlloc pageAlloc;
    private final SwapState swapState;

    Swapfile(Layout layout, Bug bug, Memcontrol memcontrol, PageAlloc pageAlloc) {
        this.l = layout;
        this.bug = bug;
        this.memcontrol = memcontrol;
        this.pageAlloc = pageAlloc;
        this.swapState = new SwapState(layout, bug, memcontrol, pageAlloc, this);
    }

    SwapState swapState() {
        return swapState;
    }

    // ---- swap_map ----

    /** swap_entry_free's tail, v2.6.35 mm/swapfile.c:542-596: a slot with no count and no cache is free. */
    void freeSlotIfUnused(int[] s, int offset) {
        if (l.slotFree(s, offset)) {
            l.setDiskData(s, offset, 0);
            l.setCachePage(s, offset, -1);
        }
    }

    /**
     * One swap_map count less: swap_free, v2.6.35 mm/swapfile.c:602-611 (v2.6.36 :599-608), through swap_entry_free
     * (:542-596); the count of an unused slot is the kernel's "Unused swap offset entry" (here a BUG, as the count
     * would wrap). At zero the swap_cgroup record goes (mem_cgroup_uncharge_swap) and a slot without cache is free.
     */
    void swapEntryFree(int[] s, int offset, String fn) {
        requireValid(offset, fn);
        int c = l.swapCount(s, offset);
        if (c == 0) {
            throw Bug.bug(fn + ": Unused swap offset entry " + offset + " (swap_map underflow)");
        }
        l.setSwapCount(s, offset, c - 1);
        if (c == 1) {
            memcontrol.memCgroupUnchargeSwap(s, offset);
        }
        freeSlotIfUnused(s, offset);
    }

    /**
     * One swap_map count more: swap_duplicate, v2.6.35 mm/swapfile.c:2209-2216 (v2.6.36 :2224-2231), through
     * __swap_duplicate (:2132-2191), which refuses a slot with neither count nor cache.
     */
    void swapDuplicate(int[] s, int offset, String fn) {
        requireValid(offset, fn);
        if (l.slotFree(s, offset)) {
            throw Bug.bug(fn + ": swap_duplicate of unused slot " + offset);
        }
        l.setSwapCount(s, offset, l.swapCount(s, offset) + 1);
    }

    private void requireValid(int offset, String fn) {
        if (offset < 1 || offset > l.slots()) {
            throw Bug.bug(fn + ": bad swap entry " + offset);
        }
    }

    /** swap_free, v2.6.35 mm/swapfile.c:602-611. */
    void swapFree(int[] s, int offset) {
        swapEntryFree(s, offset, "swap_free");
    }

    /**
     * swapcache_prepare, v2.6.35 mm/swapfile.c:2226-2229 (v2.6.36 :2241-2244): __swap_duplicate(entry,
     * SWAP_HAS_CACHE). Returns 0, -EEXIST (another adder holds the cache bit) or -ENOENT (the slot was freed).
     */
    int swapcachePrepare(int[] s, int offset) {
        if (l.swapCount(s, offset) == 0) {
            return Op26.ENOENT;
        }
        if (l.hasCache(s, offset)) {
            return Op26.EEXIST;
        }
        l.setHasCache(s, offset, true);
        return 0;
    }

    /**
     * Whether swapcache_prepare may run: -EEXIST while the other adder has not inserted its page yet makes
     * read_swap_cache_async loop (v2.6.35 mm/swap_state.c:279-350); the model lets the thread wait instead.
     */
    boolean swapcachePrepareReady(int[] s, int offset) {
        return !(l.hasCache(s, offset) && l.cachePage(s, offset) < 0);
    }

    /** page_swapcount, v2.6.35 mm/swapfile.c:635-648 (v2.6.36 :632-645): the count of the page's slot. */
    int pageSwapcount(int[] s, int pfn) {
        bug.requireAllocated(s, pfn, "page_swapcount");
        return l.swapCount(s, l.pagePrivate(s, pfn));
    }

    /** vm_swap_full, v2.6.35 include/linux/swap.h:195: the scenario's knob, 1 or 0. */
    int vmSwapFull() {
        return l.knobs().vmSwapFull() ? 1 : 0;
    }

    /** swap_count(*swap_map) as try_to_unuse reads it, v2.6.35 mm/swapfile.c:1073-1277. */
    int slotCount(int[] s, int offset) {
        return l.swapCount(s, offset);
    }

    /**
     * free_swap_and_cache, v2.6.35 mm/swapfile.c:698-731 (v2.6.36 :713-746), the part under swap_lock:
     * swap_entry_free, and if only the cache is left, find_get_page + trylock_page. Returns the page, locked and
     * referenced, or -1; the caller goes on with try_to_free_swap's test and unlocks.
     */
    int freeSwapAndCache(int[] s, int owner, int offset) {
        int page = l.cachePage(s, offset);
        swapEntryFree(s, offset, "free_swap_and_cache");
        if (l.swapCount(s, offset) == 0 && l.hasCache(s, offset) && page >= 0) {
            l.addCount(s, page, 1);
            if (l.lockOwner(s, page) == 0) {
                l.setLockOwner(s, page, owner);
                return page;
            }
            pageAlloc.putPage(s, page);
        }
        return Op26.NULL;
    }

    // ---- slot allocation ----

    /**
     * Whether scan_swap_map may take back this slot with vm_swap_full (v2.6.35 mm/swapfile.c:213-440 calls
     * __try_to_reclaim_swap, :68-90): only its swap cache page holds it (count 0), and that page's trylock and
     * try_to_free_swap would succeed (unlocked, not under writeback).
     */
    private boolean reclaimableCacheSlot(int[] s, int offset) {
        int p = l.cachePage(s, offset);
        return l.knobs().vmSwapFull() && l.swapCount(s, offset) == 0 && l.hasCache(s, offset) && p >= 0
                && l.lockOwner(s, p) == 0 && !l.test(s, p, PG_WRITEBACK);
    }

    /** How many slots get_swap_page may hand out: one under LOWEST_FIRST, else each free or reclaimable slot. */
    int getSwapPageChoices(int[] s) {
        if (l.knobs().slotAllocation() == Knobs.SlotAllocation.LOWEST_FIRST || l.swapOff(s)) {
            return 1;
        }
        int n = 0;
        for (int i = 1; i <= l.slots(); i++) {
            if (l.slotFree(s, i) || reclaimableCacheSlot(s, i)) {
                n++;
            }
        }
        return Math.max(n, 1);
    }

    /**
     * get_swap_page, v2.6.35 mm/swapfile.c:442-482 (v2.6.36 :439-479), with scan_swap_map (:213-440): the choice-th
     * free slot, reclaiming a cache-only slot on the way when vm_swap_full (__try_to_reclaim_swap, :68-90: trylock,
     * try_to_free_swap, unlock). The slot is returned with SWAP_HAS_CACHE set; -1 when none is left or swapoff has
     * the device.
     */
    int getSwapPage(int[] s, int choice) {
        if (l.swapOff(s)) {
            return Op26.NULL;
        }
        int n = 0;
        for (int i = 1; i <= l.slots(); i++) {
            boolean reclaim = reclaimableCacheSlot(s, i);
            if ((l.slotFree(s, i) || reclaim) && n++ == choice) {
                if (reclaim) {
                    int cached = l.cachePage(s, i);
                    l.setLockOwner(s, cached, Layout.LOCK_IO);
                    swapState.deleteFromSwapCache(s, cached, "__try_to_reclaim_swap", false);
                    l.set(s, cached, PG_DIRTY);
                    l.setLockOwner(s, cached, 0);
                    pageAlloc.putPage(s, cached);
                }
                l.setHasCache(s, i, true);
                return i;
            }
        }
        return Op26.NULL;
    }

    // ---- swapoff ----

    /** sys_swapoff, v2.6.35 mm/swapfile.c:1531-1673: the device is disabled; no new slot is handed out. */
    void swapoffBegin(int[] s) {
        l.setSwapOff(s, true);
    }

    /** The end of sys_swapoff (the device back on, as a later swapon would have it). */
    void swapoffEnd(int[] s) {
        l.setSwapOff(s, false);
    }

    /**
     * find_next_to_unuse, v2.6.35 mm/swapfile.c:1034-1066 (v2.6.36 :1049-1081): the next slot after {@code prev} whose
     * swap_map byte is not zero, wrapping round to slot 1 and ending at {@code prev} itself; -1 when no slot is in use.
     * The byte holds SWAP_HAS_CACHE too, so a slot held only by its swap cache page is visited (try_to_unuse then
     * deletes that page from the swap cache).
     */
    int findNextToUnuse(int[] s, int prev) {
        for (int i = prev + 1; i <= l.slots(); i++) {
            if (!l.slotFree(s, i)) {
                return i;
            }
        }
        for (int i = 1; i <= prev; i++) {
            if (!l.slotFree(s, i)) {
                return i;
            }
        }
        return Op26.NULL;
    }

    /**
     * unuse_vma and unuse_pte_range's scan for the entry in one mm, v2.6.35 mm/swapfile.c:976-1004 and :900-934
     * (v2.6.36 :991-1019, :915-949): the next position at or after {@code from}, in from's mm, whose pte holds
     * swap(offset), read without the pte lock (unuse_pte rechecks under it); -1 when none. For a page with an anon_vma,
     * unuse_vma looks only at page_address_in_vma: the address from page->index, and in v2.6.36 (21d0d443cdc1,
     * v2.6.36 mm/rmap.c:381-399) only in an mm whose anon_vma root is the page's; a KSM page (no anon_vma) has the
     * whole vma scanned. Other ptes are left for a later pass of try_to_unuse, with a page read afresh.
     */
    int unuseFindPte(int[] s, int offset, int from, int pfn) {
        int m = Layout.positionMm(from);
        if (!l.alive(s, m)) {
            return Op26.NULL;
        }
        int want = Pte.swap(new SwapEntry(offset)).value();
        int av = Layout.anonVmaOf(l.mapping(s, pfn));
        boolean v36 = l.baseline() == KernelBaseline.V2_6_36;
        for (int address = l.positionAddress(from); address < l.vmaEnd(m); address++) {
            if (l.pte(s, m, address) != want) {
                continue;
            }
            if (av >= 0 && (l.vmaAddress(m, l.index(s, pfn)) != address
                    || (v36 && l.anonVmaRoot(av) != l.anonVmaRoot(m)))) {
                continue;
            }
            return l.position(m, address);
        }
        return Op26.NULL;
    }

    /**
     * swap_writepage as try_to_unuse calls it, mm/page_io.c:92-116 (same in both baselines), from v2.6.35
     * mm/swapfile.c:1237-1246 (v2.6.36 :1252-1261) for a dirty swap cache page whose slot is still referenced: first
     * try_to_free_swap (mm/swapfile.c:678-692: no pte names the slot any more, so the page leaves the swap cache and is
     * unlocked unwritten); otherwise set_page_writeback, unlock_page and the write I/O submitted (the disk gets the data
     * as submitted; end_swap_bio_write completes it as its own actor). PG_dirty stays: swap_writepage is called without
     * clear_page_dirty_for_io. Returns 1 when the write was submitted. The caller relocks and waits for the writeback.
     */
    int swapWritepage(int[] s, int pfn) {
        bug.requireLockedBy(s, pfn, "swap_writepage");
        int offset = l.pagePrivate(s, pfn);
        if (l.test(s, pfn, PG_SWAPCACHE) && !l.test(s, pfn, PG_WRITEBACK) && l.swapCount(s, offset) == 0) {
            swapState.deleteFromSwapCache(s, pfn, "swap_writepage: try_to_free_swap", true);
            l.set(s, pfn, PG_DIRTY);
            l.setLockOwner(s, pfn, 0);
            return 0;
        }
        l.set(s, pfn, PG_WRITEBACK);
        l.setDiskData(s, offset, l.data(s, pfn));
        l.setLockOwner(s, pfn, 0);
        return 1;
    }
}
