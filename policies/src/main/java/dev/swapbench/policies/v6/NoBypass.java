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
 * <p>The subjects and IDs of those commits were read in stored shortlogs; their code (the swap table) was not
 * available to read. This policy is therefore v6.8's swap cache path (the {@code else} branch of
 * {@link SwapcachePrepare68}, with {@code __read_swap_cache_async} as in v6.8 mm/swap_state.c) taken for every
 * device, which is what the series' subjects say it does, plus the free-after-map of ab08be8dc96a.
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
