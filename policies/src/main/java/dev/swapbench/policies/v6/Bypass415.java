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

/**
 * do_swap_page as v4.15 released it (mm/memory.c): 0bcac06f27d7 "mm, swap: skip swapcache for swapin of synchronous
 * device" (Minchan Kim) reads a {@code SWP_SYNCHRONOUS_IO} slot into a private page that never enters the swap cache,
 * and aa8d22a11da9 "mm: swap: SWP_SYNCHRONOUS_IO: skip swapcache only if swapped page has no other reference" (same
 * merge window) restricts that to a slot whose {@code __swap_count(si, entry) == 1}. Read in the patch of 0bcac06f27d7
 * as mailed to linux-mm (its hunks: {@code do_swap_page} from line 2842, the bypass at 2889-2912, the swap cache
 * recheck made conditional on {@code swapcache} at 2955-2957, rmap and memcg commit at 3010-3019, {@code out_release}
 * at 3057-3062) and in later diffs whose context shows the count test. Nothing pins the slot between
 * the read and {@code pte_same}: the race of CVE-2024-26759. It also predates {@code get_swap_device}
 * (eb085574a752, v5.1) and its hold across the whole fault (2799e77529c2, v5.14), so nothing keeps swapoff from
 * freeing the swap_map it reads.
 *
 * <p>In folio names: {@code lookup_swap_cache} is {@link FolioKernel#swapCacheGetFolio}, {@code alloc_page_vma} is
 * {@link FolioKernel#vmaAllocFolio}, {@code swap_readpage(page, true)} is {@link FolioKernel#swapReadFolio},
 * {@code lock_page_or_retry} is {@code folio_lock}. v4.15's {@code mem_cgroup_try_charge} / {@code commit_charge} /
 * {@code cancel_charge} are the v6 charge at creation ({@link FolioKernel#memCgroupSwapinChargeFolio}): the same
 * counters once the fault is done; its commit gave the slot's memsw charge back only for a swap cache page, so the
 * bypass page has no {@code mem_cgroup_swapin_uncharge_swap}. Not modelled: memcg charge failure, KSM,
 * {@code reuse_swap_page}'s
 * in-place reuse of a swap cache page on a write fault (the write takes the write-protect fault instead), the
 * mm counters.
 */
public class Bypass415 implements FolioFaultPolicy {

    @Override
    public String id() {
        return "bypass-v4.15";
    }

    @Override
    public String description() {
        return "v4.15: skip the swap cache on SWP_SYNCHRONOUS_IO when the swap count is 1, with no pin on the slot";
    }

    @Override
    public String source() {
        return "0bcac06f27d7 (v4.15)";
    }

    @Override
    public int doSwapPage(FolioKernel k, Fault vmf) {
        Pte origPte = vmf.origPte();
        SwapEntry entry = origPte.toSwapEntry();
        int ret = 0;

        Folio page = k.swapCacheGetFolio(entry);
        Folio swapcache = page;
        if (page == null) {
            if (k.swpSynchronousIo() && k.swapCount(entry) == 1) {
                // skip swapcache
                page = k.vmaAllocFolio(vmf);
                if (page != null) {
                    k.folioSetLocked(page);
                    k.folioSetSwapbacked(page);
                    // v4.15's mem_cgroup_try_charge / commit_charge, as the v6 charge at instantiation; its commit
                    // gave back the slot's swap charge only for a swap cache page, so no swapin_uncharge_swap here
                    k.memCgroupSwapinChargeFolio(page, vmf, entry);
                    k.folioAddLru(page);
                    k.swapReadFolio(page, entry);
                }
            } else {
                page = k.swapinReadahead(entry, vmf);
                swapcache = page;
            }
            if (page == null) {
                // Back out if somebody else faulted in this pte while we released the pte lock.
                Pte pte = k.pteOffsetMapLock(vmf);
                if (pteSame(pte, origPte)) {
                    ret = VM_FAULT_OOM;
                }
                k.pteUnmapUnlock(vmf);
                return ret;
            }
            ret = VM_FAULT_MAJOR;
        }

        k.folioLock(page);
        outPage:
        {
            // Make sure try_to_free_swap or swapoff did not release the swap cache from under us.
            if (swapcache != null && (!k.folioTestSwapcache(page) || k.folioSwap(page).val() != entry.val())) {
                break outPage;
            }
            // Back out if somebody else already faulted in this pte.
            Pte pte = k.pteOffsetMapLock(vmf);
            outNomap:
            {
                if (!pteSame(pte, origPte)) {
                    break outNomap;
                }
                if (!k.folioTestUptodate(page)) {
                    ret = VM_FAULT_SIGBUS;
                    break outNomap;
                }
                Pte newPte = Pte.mkPte(new Page(page.pfn()));
                // reuse_swap_page of a page outside the swap cache: mapped by no one else, so reused.
                if ((vmf.flags() & FAULT_FLAG_WRITE) != 0 && page != swapcache) {
                    newPte = newPte.mkWrite();
                }
                k.setPteAt(vmf, newPte);
                if (page == swapcache) {
                    k.folioAddAnonRmapPte(page, vmf);
                } else {
                    k.folioAddNewAnonRmap(page, vmf);
                }
                k.swapFree(entry);
                k.folioUnlock(page);
                k.pteUnmapUnlock(vmf);
                return ret;
            }
            // out_nomap:
            k.pteUnmapUnlock(vmf);
        }
        // out_page:
        k.folioUnlock(page);
        // out_release:
        k.folioPut(page);
        return ret;
    }
}
