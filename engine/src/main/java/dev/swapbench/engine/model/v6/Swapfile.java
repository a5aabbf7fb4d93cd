package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Bug.requireSwapMap;
import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.folio.FolioKernel;

/**
 * mm/swapfile.c of the folio era: swap_map counts and SWAP_HAS_CACHE, get/put_swap_device, free_swap_and_cache, the
 * allocator and swapoff. Read, in the patches as merged (their hunks give the lines):
 * <ul>
 * <li>{@code swapcache_prepare} (lines 3363-3366 of 13ddaf26be32, a call of {@code __swap_duplicate(entry,
 * SWAP_HAS_CACHE)}, v5.x-v6.8 form) and {@code swapcache_clear} (3368-3379 of 13ddaf26be32);
 * <li>{@code get_swap_device} (eb085574a752, added at lines 1188-1247 by its V8 mail; a percpu_ref since 63d8620ecf93,
 * v5.14, killed by swapoff before it waits for the users and frees swap_map);
 * <li>{@code free_swap_and_cache} (lines 1609-1621 of the parent of 82b1c07a0af6, 1614-1632 after it: with the fix it
 * holds {@code get_swap_device} and checks that the entry is still in use before {@code __swap_entry_free});
 * <li>swapoff's {@code try_to_unuse} and {@code unuse_mm} (v6.8), {@code swap_page_trans_huge_swapped} and
 * {@code __try_to_reclaim_swap}: function by function, from the 82b1c07a0af6 commit message and diff context; their
 * v6.8 line numbers were not available here.
 * </ul>
 */
final class Swapfile {
    private final Layout6 l;
    private final Memcontrol memcontrol;

    Swapfile(Layout6 l, Memcontrol memcontrol) {
        this.l = l;
        this.memcontrol = memcontrol;
    }

    /** {@code get_swap_device}: 0 with a reference, or -1 (NULL) once swapoff has killed the users' reference. */
    int getSwapDevice(int[] s) {
        if (s[G_DEVICE] >= DEVICE_KILLED) {
            return -1;
        }
        s[G_USERS]++;
        return 0;
    }

    /** {@code put_swap_device}. */
    void putSwapDevice(int[] s) {
        if (s[G_USERS] == 0) {
            throw bug("put_swap_device without get_swap_device");
        }
        s[G_USERS]--;
    }

    /** {@code __swap_count}: reads swap_map. */
    int swapCount(int[] s, int offset) {
        requireSwapMap(l, s, "__swap_count");
        return s[l.slot(offset) + S_COUNT];
    }

    /** {@code swapcache_prepare} = {@code __swap_duplicate(entry, SWAP_HAS_CACHE)}: set, -EEXIST or -ENOENT. */
    int swapcachePrepare(int[] s, int offset) {
        requireSwapMap(l, s, "swapcache_prepare");
        int sl = l.slot(offset);
        if (s[sl + S_HAS_CACHE] != 0) {
            return FolioKernel.EEXIST;
        }
        if (s[sl + S_COUNT] == 0) {
            return FolioKernel.ENOENT;
        }
        s[sl + S_HAS_CACHE] = 1;
        return 0;
    }

    /** {@code swapcache_clear}: drop a SWAP_HAS_CACHE pin that has no swap cache folio. */
    void swapcacheClear(int[] s, int offset) {
        requireSwapMap(l, s, "swapcache_clear");
        int sl = l.slot(offset);
        if (s[sl + S_HAS_CACHE] == 0) {
            throw bug("swapcache_clear of slot " + offset + " without SWAP_HAS_CACHE");
        }
        if (s[sl + S_CACHE] != 0) {
            throw bug("swapcache_clear of slot " + offset + " while folio" + (s[sl + S_CACHE] - 1)
                    + " is its swap cache folio");
        }
        s[sl + S_HAS_CACHE] = 0;
        freeIfUnused(s, offset);
    }

    /** {@code swap_free}: drop one pte reference. */
    void swapFree(int[] s, int offset) {
        requireSwapMap(l, s, "swap_free");
        int sl = l.slot(offset);
        if (s[sl + S_COUNT] == 0) {
            throw bug("swap_free of slot " + offset + ", whose swap count is already 0");
        }
        s[sl + S_COUNT]--;
        freeIfUnused(s, offset);
    }

    // ---- free_swap_and_cache (the zap path) ----

    /**
     * {@code __swap_entry_free} from {@code free_swap_and_cache} (after {@code _swap_info_get}, or with the fix after
     * {@code get_swap_device}): drops the zapped pte's reference. Returns 1 when only SWAP_HAS_CACHE is left
     * ({@code count == SWAP_HAS_CACHE}: the swap cache folio may now be reclaimed), else 0.
     */
    int swapEntryFree(int[] s, int offset) {
        swapFree(s, offset);
        int sl = l.slot(offset);
        return s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] != 0 ? 1 : 0;
    }

    /** {@code swap_page_trans_huge_swapped} for an order-0 entry: whether a pte still uses the slot (reads swap_map). */
    int swapPageTransHugeSwapped(int[] s, int offset) {
        requireSwapMap(l, s, "swap_page_trans_huge_swapped");
        return s[l.slot(offset) + S_COUNT] != 0 ? 1 : 0;
    }

    /**
     * {@code __try_to_reclaim_swap(si, offset, TTRS_UNMAPPED | TTRS_FULL)} in one step: the slot's swap cache folio
     * (looked up in the device's swap address space, which swapoff frees), if its trylock succeeds and no pte maps it,
     * leaves the swap cache ({@code folio_free_swap}); the lookup's reference is put in the same step. Returns 1 when
     * the folio left the swap cache.
     */
    int tryToReclaimSwap(int[] s, int offset, SwapState swapState, Folios folios) {
        requireSwapMap(l, s, "__try_to_reclaim_swap (filemap_get_folio on the swap address space)");
        int cache = s[l.slot(offset) + S_CACHE];
        if (cache == 0) {
            return 0;
        }
        int pfn = cache - 1;
        int f = l.frame(pfn);
        if (s[f + F_LOCK] != 0 || s[f + F_MAPCOUNT] != 0 || s[l.slot(offset) + S_COUNT] != 0) {
            return 0;
        }
        s[f + F_REF]++;
        swapState.deleteFromSwapCache(s, pfn);
        folios.folioPut(s, pfn);
        return 1;
    }

    /** Drops SWAP_HAS_CACHE with the swap cache entry (put_swap_folio after __delete_from_swap_cache). */
    void dropCache(int[] s, int offset) {
        int sl = l.slot(offset);
        s[sl + S_HAS_CACHE] = 0;
        s[sl + S_CACHE] = 0;
        freeIfUnused(s, offset);
    }

    /**
     * {@code swap_entry_free} once neither a pte nor the swap cache uses the slot: the slot can be handed out again,
     * its swap_cgroup record and charge go ({@code mem_cgroup_uncharge_swap}), and a device that discards on free
     * (zram's {@code swap_slot_free_notify}) forgets its data. free_swap_slot's per-cpu cache is taken as flushing at
     * once, as when it is full or disabled.
     */
    private void freeIfUnused(int[] s, int offset) {
        int sl = l.slot(offset);
        if (s[sl + S_COUNT] != 0 || s[sl + S_HAS_CACHE] != 0) {
            return;
        }
        memcontrol.unchargeSwap(s, offset, "swap_entry_free (mem_cgroup_uncharge_swap)");
        if (l.discardOnFree()) {
            s[sl + S_DATA] = 0;
        }
    }

    boolean slotFree(int[] s, int offset) {
        int sl = l.slot(offset);
        return s[sl + S_COUNT] == 0 && s[sl + S_HAS_CACHE] == 0;
    }

    /** Free slots {@code folio_alloc_swap} may return while the device is writable (one when lowest-first). */
    int allocChoices(int[] s) {
        if (s[G_DEVICE] != DEVICE_ON) {
            return 1;
        }
        int n = 0;
        for (int o = 1; o <= l.slots(); o++) {
            if (slotFree(s, o)) {
                n++;
                if (l.lowestFirst()) {
                    break;
                }
            }
        }
        return Math.max(1, n);
    }

    /**
     * {@code folio_alloc_swap} + {@code add_to_swap_cache} (add_to_swap, folio locked): the {@code choice}-th free
     * slot gets SWAP_HAS_CACHE and the folio, and on cgroup v2 the folio's swap charge
     * ({@code mem_cgroup_try_charge_swap}); returns the slot, or 0 when none is free or swapoff disabled the device.
     */
    int folioAllocSwap(int[] s, int pfn, int choice) {
        if (s[G_DEVICE] != DEVICE_ON) {
            return 0;
        }
        int k = 0;
        for (int o = 1; o <= l.slots(); o++) {
            if (slotFree(s, o)) {
                if (k++ == choice) {
                    int sl = l.slot(o);
                    s[sl + S_HAS_CACHE] = 1;
                    s[sl + S_CACHE] = pfn + 1;
                    int f = l.frame(pfn);
                    s[f + F_FLAGS] |= PG_SWAPCACHE | PG_DIRTY;
                    s[f + F_SWAP] = o;
                    s[f + F_REF]++;
                    memcontrol.tryChargeSwap(s, pfn, o);
                    return o;
                }
            }
        }
        return 0;
    }

    // ---- swapoff ----

    /** swapoff's start: {@code del_from_avail_list} and SWP_WRITEOK cleared: no slot is handed out any more. */
    void swapoffBegin(int[] s) {
        s[G_DEVICE] = DEVICE_UNUSING;
    }

    /**
     * {@code find_next_to_unuse}: the first slot at or after {@code from} still in use (count or cache); past the
     * last slot, try_to_unuse starts again from the first while {@code si->inuse_pages} is not 0. -1 once none is.
     */
    int nextToUnuse(int[] s, int from) {
        for (int i = 0; i < l.slots(); i++) {
            int o = (Math.max(1, from) - 1 + i) % l.slots() + 1;
            if (!slotFree(s, o)) {
                return o;
            }
        }
        return -1;
    }

    /**
     * unuse_pte_range walks every mm that {@code mmget_not_zero} can still pin (not an exiting one) and takes each pte
     * lock: enabled while they are all free.
     */
    boolean unuseEnabled(int[] s) {
        for (int m = 0; m < l.mms(); m++) {
            if (s[l.mmExiting(m)] == 0 && s[l.ptl(m)] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code unuse_pte_range} → {@code unuse_pte} for one slot, the swap cache folio locked: every pte holding the
     * entry maps the folio read-only instead ({@code folio_get}, {@code folio_add_anon_rmap_pte}, {@code swap_free}).
     * An exiting mm is skipped ({@code unuse_mm}'s {@code mmget_not_zero} fails). Returns how many ptes it replaced.
     */
    int unusePtes(int[] s, int pfn, int offset, int owner) {
        requireSwapMap(l, s, "unuse_pte");
        Bug.requireLockedBy(l, s, pfn, owner, "unuse_pte");
        int swapPte = Pte.swap(new SwapEntry(offset)).value();
        int f = l.frame(pfn);
        int n = 0;
        for (int m = 0; m < l.mms(); m++) {
            if (s[l.mmExiting(m)] != 0) {
                continue;
            }
            for (int i = 0; i < l.vmaPages(); i++) {
                int at = l.pteAt(m, l.address(m, i));
                if (s[at] == swapPte) {
                    s[at] = Pte.mkPte(new Page(pfn)).value();
                    s[f + F_REF]++;
                    s[f + F_MAPCOUNT]++;
                    s[f + F_FLAGS] |= PG_ANON;
                    swapFree(s, offset);
                    n++;
                }
            }
        }
        return n;
    }

    /** {@code percpu_ref_kill(&p->users)}: from now on get_swap_device fails. */
    void swapoffKill(int[] s) {
        s[G_DEVICE] = DEVICE_KILLED;
    }

    /** {@code wait_for_completion(&p->comp)} until no user holds the device, then swap_map is freed. */
    boolean swapoffFreeEnabled(int[] s) {
        return s[G_USERS] == 0;
    }

    void swapoffFree(int[] s) {
        for (int o = 1; o <= l.slots(); o++) {
            if (!slotFree(s, o)) {
                throw bug("swapoff frees swap_map while slot " + o + " is still in use");
            }
        }
        s[G_DEVICE] = DEVICE_OFF;
    }
}
