package dev.swapbench.policies.v6;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;
import static dev.swapbench.spi.VmFault.VM_FAULT_MAJOR;
import static dev.swapbench.spi.VmFault.VM_FAULT_OOM;
import static dev.swapbench.spi.VmFault.VM_FAULT_SIGBUS;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.folio.Folio;
import dev.swapbench.spi.folio.FolioFaultPolicy;
import dev.swapbench.spi.folio.FolioKernel;
import dev.swapbench.spi.folio.SwapInfo;

/**
 * do_swap_page as in v6.8 (mm/memory.c), with 13ddaf26be32 "mm/swap: fix race when skipping swapcache" (Kairui Song,
 * 2024; CVE-2024-26759): before a fault on a {@code SWP_SYNCHRONOUS_IO} device reads the slot into a private folio,
 * it pins the slot with {@code swapcache_prepare(entry)} (the SWAP_HAS_CACHE bit), so that no other fault can free
 * the slot and reclaim cannot hand it out again before this fault's {@code pte_same} has run; the pin is dropped
 * with {@code swapcache_clear} after the pte lock is released. A fault that finds the slot pinned sleeps one tick
 * and returns, so the access faults again.
 *
 * <p>Read from the patch as merged (13ddaf26be32, the mm-hotfixes-stable mail of 2024-02-20, whose hunks are the
 * commit's): mm/memory.c {@code do_swap_page}, about lines 3795-4158 of 13ddaf26be32, with {@code need_clear_cache}
 * at 3802, the pin and the tick at 3871-3883 inside the skip-swapcache branch 3868-3887, the {@code out:} clear at
 * 4134-4140 and the {@code out_release:} clear at 4149-4156; mm/swapfile.c {@code swapcache_prepare} at 3363-3366 and
 * {@code swapcache_clear} at 3368-3379. The {@code get_swap_device} / {@code put_swap_device} pair around the fault is
 * 2799e77529c2 "swap: fix do_swap_page() race with swapoff" (v5.14; its v6 mail puts them at mm/memory.c
 * 3342-3345, 3520-3521 and 3533-3534 of that tree). The skip-swapcache branch's memcg calls
 * ({@code mem_cgroup_swapin_charge_folio}, then {@code mem_cgroup_swapin_uncharge_swap}) are v6.8's (see
 * docs/v6-era.md for what was read). v6.8 {@code __swap_duplicate} (mm/swapfile.c) gives {@code swapcache_prepare}
 * its three answers: set, -EEXIST, -ENOENT.
 *
 * <p>Not modelled: {@code pte_unmap_same} (a no-op where a pte fits in a long), device-private and migration
 * entries, memcg charge failure (it would be VM_FAULT_OOM) and the workingset shadow, KSM ({@code ksm_might_need_to_copy}), hwpoison, mTHP swap-in,
 * {@code pte_swp_exclusive} (a swap cache folio is exclusive only by its refcount), {@code folio_lock_or_retry}'s
 * mmap_lock drop (it is {@code folio_lock}). A write fault that cannot map writable returns, and the engine's user
 * access takes the write-protect fault ({@code do_wp_page}) next.
 */
public class SwapcachePrepare68 implements FolioFaultPolicy {

    @Override
    public String id() {
        return "swapcache-prepare-v6.8";
    }

    @Override
    public String description() {
        return "v6.8: skip the swap cache on SWP_SYNCHRONOUS_IO, pinned by swapcache_prepare; a loser sleeps a tick";
    }

    @Override
    public String source() {
        return "13ddaf26be32 (v6.8-rc6, CVE-2024-26759)";
    }

    /**
     * Whether to read into a private folio outside the swap cache: the device is {@code SWP_SYNCHRONOUS_IO} and this
     * pte is the slot's only user ({@code __swap_count(entry) == 1}).
     */
    protected boolean skipSwapcache(FolioKernel k, SwapEntry entry) {
        return k.swpSynchronousIo() && k.swapCount(entry) == 1;
    }

    /** After a failed {@code swapcache_prepare}: relax a bit to prevent rapid repeated page faults (one tick). */
    protected void relax(FolioKernel k) {
        k.scheduleTimeoutUninterruptible();
    }

    /** Drops the pin for direct swapin, after the pte lock is released. */
    protected void clearCache(FolioKernel k, SwapInfo si, SwapEntry entry) {
        k.swapcacheClear(si, entry);
    }

    /**
     * {@code should_try_to_free_swap} (v6.8 mm/memory.c): a swap cache folio about to be mapped writable is freed
     * from the swap cache when this fault holds the only other reference (memcg swap-full and mlock are not modelled).
     */
    protected boolean shouldTryToFreeSwap(FolioKernel k, Folio folio, Fault vmf) {
        if (!k.folioTestSwapcache(folio)) {
            return false;
        }
        return (vmf.flags() & FAULT_FLAG_WRITE) != 0 && k.folioRefCount(folio) == 2;
    }

    @Override
    public int doSwapPage(FolioKernel k, Fault vmf) {
        Pte origPte = vmf.origPte();
        SwapEntry entry = origPte.toSwapEntry();
        int flags = vmf.flags();
        int ret = 0;
        boolean needClearCache = false;

        // Prevent swapoff from happening to us.
        SwapInfo si = k.getSwapDevice(entry);
        if (si == null) {
            return ret;
        }
        Folio folio = k.swapCacheGetFolio(entry);
        Folio swapcache = folio;

        outRelease:
        {
            if (folio == null) {
                if (skipSwapcache(k, entry)) {
                    // Keep a parallel swapin of the same entry out with the cache flag: otherwise it may map, free
                    // the entry, and see reclaim reuse it, and our pte_same would pass on the reused entry.
                    if (k.swapcachePrepare(entry) != 0) {
                        relax(k);
                        return out(k, si, entry, false, ret);
                    }
                    needClearCache = true;
                    // skip swapcache
                    folio = k.vmaAllocFolio(vmf);
                    if (folio != null) {
                        k.folioSetLocked(folio);
                        k.folioSetSwapbacked(folio);
                        if (k.memCgroupSwapinChargeFolio(folio, vmf, entry) != 0) {
                            // goto out_page
                            k.folioUnlock(folio);
                            k.folioPut(folio);
                            return out(k, si, entry, needClearCache, VM_FAULT_OOM);
                        }
                        k.memCgroupSwapinUnchargeSwap(entry);
                        k.folioAddLru(folio);
                        k.swapReadFolio(folio, entry);
                    }
                } else {
                    folio = k.swapinReadahead(entry, vmf);
                    swapcache = folio;
                }
                if (folio == null) {
                    // Back out if somebody else faulted in this pte while we released the pte lock.
                    Pte pte = k.pteOffsetMapLock(vmf);
                    if (pteSame(pte, origPte)) {
                        ret = VM_FAULT_OOM;
                    }
                    k.pteUnmapUnlock(vmf);
                    return out(k, si, entry, needClearCache, ret);
                }
                // Had to read the page from swap area: major fault.
                ret = VM_FAULT_MAJOR;
            }

            k.folioLock(folio);
            outPage:
            {
                if (swapcache != null) {
                    // folio_free_swap() or swapoff may have released the swap cache from under us: the reference
                    // and pte_same are not enough; the folio's swap entry must still be ours too.
                    if (!k.folioTestSwapcache(folio) || k.folioSwap(folio).val() != entry.val()) {
                        break outPage;
                    }
                }
                // Back out if somebody else already faulted in this pte.
                Pte pte = k.pteOffsetMapLock(vmf);
                outNomap:
                {
                    if (!pteSame(pte, origPte)) {
                        break outNomap;
                    }
                    if (!k.folioTestUptodate(folio)) {
                        ret = VM_FAULT_SIGBUS;
                        break outNomap;
                    }
                    // A fresh folio never exposed to the swap cache is certainly exclusive.
                    boolean exclusive = folio != swapcache;
                    // Remove the swap entry and conditionally try to free up the swap cache.
                    k.swapFree(entry);
                    if (shouldTryToFreeSwap(k, folio, vmf)) {
                        k.folioFreeSwap(folio);
                    }
                    Pte newPte = Pte.mkPte(new Page(folio.pfn()));
                    if (exclusive || k.folioRefCount(folio) == 1) {
                        if ((flags & FAULT_FLAG_WRITE) != 0) {
                            newPte = newPte.mkWrite();
                        }
                    }
                    k.folioAddAnonRmapPte(folio, vmf);
                    k.setPteAt(vmf, newPte);
                    k.folioUnlock(folio);
                    k.pteUnmapUnlock(vmf);
                    return out(k, si, entry, needClearCache, ret);
                }
                // out_nomap:
                k.pteUnmapUnlock(vmf);
            }
            // out_page:
            k.folioUnlock(folio);
        }
        // out_release:
        k.folioPut(folio);
        return out(k, si, entry, needClearCache, ret);
    }

    /** The {@code out:} label: clear the swap cache pin for direct swapin after the pte lock is released. */
    private int out(FolioKernel k, SwapInfo si, SwapEntry entry, boolean needClearCache, int ret) {
        if (needClearCache) {
            clearCache(k, si, entry);
        }
        k.putSwapDevice(si);
        return ret;
    }
}
