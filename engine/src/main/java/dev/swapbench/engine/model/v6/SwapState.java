package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Bug.bug;
import static dev.swapbench.engine.model.v6.Bug.requireLockedBy;
import static dev.swapbench.engine.model.v6.Bug.requireSwapMap;
import static dev.swapbench.engine.model.v6.Layout6.*;

/**
 * mm/swap_state.c of the folio era: the swap cache ({@code swap_cache_get_folio}, {@code add_to_swap_cache},
 * {@code __delete_from_swap_cache} via {@code folio_free_swap}) and the -EEXIST wait of
 * {@code __read_swap_cache_async} (v6.8; function by function: lock, {@code swapcache_prepare}, charge,
 * {@code add_to_swap_cache}, {@code mem_cgroup_swapin_uncharge_swap}, {@code folio_add_lru}, in the order of
 * mm/swap_state.c blob 645f5bcad123 around line 495; v6.8's line numbers were not available here).
 */
final class SwapState {
    private final Layout6 l;
    private final Swapfile swapfile;

    SwapState(Layout6 l, Swapfile swapfile) {
        this.l = l;
        this.swapfile = swapfile;
    }

    /** {@code swap_cache_get_folio}: the swap cache folio of the slot with a reference, or -1. */
    int swapCacheGetFolio(int[] s, int offset) {
        requireSwapMap(l, s, "swap_cache_get_folio");
        int cache = s[l.slot(offset) + S_CACHE];
        if (cache == 0) {
            return -1;
        }
        s[l.frame(cache - 1) + F_REF]++;
        return cache - 1;
    }

    /**
     * {@code add_to_swap_cache} of a new locked folio after a successful {@code swapcache_prepare}: the folio becomes
     * the slot's swap cache folio (one more reference), {@code folio->swap} is the entry.
     */
    void addToSwapCache(int[] s, int pfn, int offset, int owner) {
        requireSwapMap(l, s, "add_to_swap_cache");
        requireLockedBy(l, s, pfn, owner, "add_to_swap_cache");
        int sl = l.slot(offset);
        if (s[sl + S_HAS_CACHE] == 0 || s[sl + S_CACHE] != 0) {
            throw bug("add_to_swap_cache of slot " + offset + " without the SWAP_HAS_CACHE pin of its adder");
        }
        s[sl + S_CACHE] = pfn + 1;
        int f = l.frame(pfn);
        s[f + F_FLAGS] |= PG_SWAPCACHE | PG_SWAPBACKED;
        s[f + F_SWAP] = offset;
        s[f + F_REF]++;
    }

    /**
     * The -EEXIST loop of {@code __read_swap_cache_async}: another adder holds SWAP_HAS_CACHE but has not added its
     * folio yet (or a fault pinned the slot). Modelled as a wait until that changes, then the loop starts over.
     */
    boolean pinWaitEnabled(int[] s, int offset) {
        int sl = l.slot(offset);
        return s[G_DEVICE] == DEVICE_OFF || s[sl + S_HAS_CACHE] == 0 || s[sl + S_CACHE] != 0;
    }

    /**
     * {@code folio_free_swap} (folio locked): when the folio is in the swap cache, not under writeback, and no pte
     * uses its slot, delete it from the swap cache ({@code delete_from_swap_cache}). Returns 1 when it did.
     */
    int folioFreeSwap(int[] s, int pfn, int owner) {
        requireLockedBy(l, s, pfn, owner, "folio_free_swap");
        int f = l.frame(pfn);
        if ((s[f + F_FLAGS] & PG_SWAPCACHE) == 0) {
            return 0;
        }
        int offset = s[f + F_SWAP];
        if (s[l.slot(offset) + S_COUNT] != 0) {
            return 0;
        }
        deleteFromSwapCache(s, pfn);
        return 1;
    }

    /** {@code delete_from_swap_cache}: the folio leaves the swap cache and drops the cache's reference. */
    void deleteFromSwapCache(int[] s, int pfn) {
        int f = l.frame(pfn);
        int offset = s[f + F_SWAP];
        if (s[l.slot(offset) + S_CACHE] != pfn + 1) {
            throw bug("delete_from_swap_cache: folio" + pfn + " is not slot " + offset + "'s swap cache folio");
        }
        s[f + F_FLAGS] &= ~PG_SWAPCACHE;
        s[f + F_SWAP] = 0;
        s[f + F_REF]--;
        swapfile.dropCache(s, offset);
    }
}
