package dev.swapbench.policies.v6;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.folio.Folio;
import dev.swapbench.spi.folio.FolioKernel;

/**
 * Swap-in that never bypasses the swap cache, also on {@code SWP_SYNCHRONOUS_IO} devices: the swap cache (a folio
 * added under the SWAP_HAS_CACHE pin, then the folio lock) is the one synchronisation layer between concurrent
 * swap-ins of an entry, as in f1879e8a0c60 "mm, swap: never bypass the swap cache even for SWP_SYNCHRONOUS_IO" and
 * 2732acda82c9 "mm, swap: use swap cache as the swap in synchronize layer" (Kairui Song's swap table series), with
 * ab08be8dc96a "mm, swap: always try to free swap cache for SWP_SYNCHRONOUS_IO devices" deciding when the folio leaves
 * the swap cache after it is mapped.
 *
 * <p>The IDs and subjects were read in stored shortlogs; the code in the series' first posting, "[PATCH 12/28] mm,
 * swap: never bypass the swap cache for SWP_SYNCHRONOUS_IO" (Kairui Song, 2025-05-15, against mm/memory.c blob
 * 1b6e192de6ec): in {@code do_swap_page} a {@code SWP_SYNCHRONOUS_IO} device now always allocates and goes through
 * {@code swapin_entry}, which adds the folio to the swap cache under the SWAP_HAS_CACHE pin and reads it (the
 * skip-swapcache branch, {@code need_clear_cache} and {@code swapcache_wq} are removed: post-image lines 4595-4609,
 * 4872-4891), and {@code swap_free_nr} + {@code should_try_to_free_swap} move after the ptes are set (4839-4846). This
 * policy is v6.8's swap cache path ({@code __read_swap_cache_async}, the {@code else} branch of
 * {@link SwapcachePrepare68}) taken for every device, plus the free-after-map of ab08be8dc96a. It keeps v6.8's order
 * (swap_free before set_pte_at): both run under the pte lock and the folio lock, which every other modelled path to
 * the pte or the folio takes, and readahead of neighbours and mTHP swap-in are not modelled.
 */
public class NoBypass extends SwapcachePrepare68 {

    @Override
    public String id() {
        return "no-bypass";
    }

    @Override
    public String description() {
        return "never skip the swap cache: the swap cache folio and its lock synchronise every swap-in";
    }

    @Override
    public String source() {
        return "f1879e8a0c60, 2732acda82c9, ab08be8dc96a (swap table series; modelled on v6.8's swap cache path)";
    }

    @Override
    protected boolean skipSwapcache(FolioKernel k, SwapEntry entry) {
        return false;
    }

    /** ab08be8dc96a: on a {@code SWP_SYNCHRONOUS_IO} device, always try to free the swap cache once mapped. */
    @Override
    protected boolean shouldTryToFreeSwap(FolioKernel k, Folio folio, Fault vmf) {
        if (!k.folioTestSwapcache(folio)) {
            return false;
        }
        return k.swpSynchronousIo() || super.shouldTryToFreeSwap(k, folio, vmf);
    }
}
