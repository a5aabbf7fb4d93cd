package dev.swapbench.policies;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;
import static dev.swapbench.spi.VmFault.VM_FAULT_ERROR;
import static dev.swapbench.spi.VmFault.VM_FAULT_MAJOR;
import static dev.swapbench.spi.VmFault.VM_FAULT_OOM;
import static dev.swapbench.spi.VmFault.VM_FAULT_SIGBUS;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.MemCgroup;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.spi.Vma;

/**
 * do_swap_page as in v2.6.35 (mm/memory.c, 9fe6206f4006): after lock_page nothing rechecks that the page is still
 * the swap cache page of {@code entry}, and ksm_does_need_to_copy drops the original's lock before copying.
 * Per-mm counters, delayacct, the swap token and hwpoison are not modelled.
 */
public final class Legacy implements SwapFaultPolicy {

    @Override
    public String id() {
        return "legacy";
    }

    @Override
    public String description() {
        return "do_swap_page of v2.6.35: pte_same is the only revalidation after lock_page";
    }

    @Override
    public String source() {
        return "v2.6.35 mm/memory.c, mm/ksm.c (9fe6206f4006)";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_35;
    }

    @Override
    public int doSwapPage(Kernel k, Fault fault) {
        Vma vma = fault.vma();
        int address = fault.address();
        int flags = fault.flags();
        Pte origPte = fault.origPte();
        int ret = 0;

        // pte_unmap_same() only rechecks where a pte is wider than a long; the model's are not.
        SwapEntry entry = origPte.toSwapEntry();
        Page page = k.lookupSwapCache(entry);
        if (page == null) {
            page = k.swapinReadahead(entry, vma, address);
            if (page == null) {
                // Back out if somebody else faulted in this pte while we released the pte lock.
                Pte pte = k.pteOffsetMapLock(fault);
                if (pteSame(pte, origPte)) {
                    ret = VM_FAULT_OOM;
                }
                k.pteUnmapUnlock(fault);
                return ret;
            }
            ret = VM_FAULT_MAJOR;
        }

        k.lockPage(page);

        // page = ksm_might_need_to_copy(page, vma, address)
        if (k.ksmMightNeedToCopy(page, vma, address)) {
            page = ksmDoesNeedToCopy(k, page, vma, address);
            if (page == null) {
                return VM_FAULT_OOM;
            }
        }

        MemCgroup[] ptr = new MemCgroup[1];

        outPage:
        {
            // A failed charge backs out through out_page (v2.6.35 mm/memory.c:2690-2693).
            if (k.memCgroupTryChargeSwapin(fault.mm(), page, ptr) != 0) {
                ret = VM_FAULT_OOM;
                break outPage;
            }

            outNomap:
            {
                // Back out if somebody else already faulted in this pte.
                Pte pte = k.pteOffsetMapLock(fault);
                if (!pteSame(pte, origPte)) {
                    break outNomap;
                }
                if (!k.pageUptodate(page)) {
                    ret = VM_FAULT_SIGBUS;
                    break outNomap;
                }

                // The page isn't present yet, go ahead with the fault.
                pte = Pte.mkPte(page);
                if ((flags & FAULT_FLAG_WRITE) != 0 && reuseSwapPage(k, page)) {
                    pte = pte.mkWrite();
                    flags &= ~FAULT_FLAG_WRITE;
                }
                k.setPteAt(fault, pte);
                k.pageAddAnonRmap(page, vma, address);
                // It's better to call commit-charge after rmap is established
                k.memCgroupCommitChargeSwapin(page, ptr[0]);

                k.swapFree(entry);
                if (k.vmSwapFull() || k.vmLocked(vma) || k.pageMlocked(page)) {
                    k.tryToFreeSwap(page);
                }
                k.unlockPage(page);

                if ((flags & FAULT_FLAG_WRITE) != 0) {
                    ret |= k.doWpPage(fault, pte);
                    if ((ret & VM_FAULT_ERROR) != 0) {
                        ret &= VM_FAULT_ERROR;
                    }
                    return ret;
                }
                k.pteUnmapUnlock(fault);
                return ret;
            }
            // out_nomap:
            k.memCgroupCancelChargeSwapin(ptr[0]);
            k.pteUnmapUnlock(fault);
        }
        // out_page:
        k.unlockPage(page);
        // out_release:
        k.pageCacheRelease(page);
        return ret;
    }

    /**
     * ksm_does_need_to_copy as in v2.6.35 mm/ksm.c: unlocks the original first ("any racers will COW it, not modify
     * it") and releases it at the end, which opens Andrea's window (R1).
     */
    static Page ksmDoesNeedToCopy(Kernel k, Page page, Vma vma, int address) {
        k.unlockPage(page);
        Page newPage = k.allocPageVma(vma, address);
        if (newPage != null) {
            k.copyUserHighpage(newPage, page);
            k.setPageDirty(newPage);
            k.setPageUptodate(newPage);
            k.setPageSwapBacked(newPage);
            k.setPageLocked(newPage);
            k.lruCacheAddLru(newPage);
        }
        k.pageCacheRelease(page);
        return newPage;
    }
}
