package org.example.swap;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;
import static dev.swapbench.spi.VmFault.VM_FAULT_ERROR;
import static dev.swapbench.spi.VmFault.VM_FAULT_MAJOR;
import static dev.swapbench.spi.VmFault.VM_FAULT_OOM;
import static dev.swapbench.spi.VmFault.VM_FAULT_SIGBUS;
import static dev.swapbench.spi.VmFault.VM_FAULT_WRITE;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.MemCgroup;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.SwapFaultPolicy;

/**
 * A downstream restatement of mm/memory.c do_swap_page() after the 2.6.36 fixes: once the page is locked it must
 * still be the swap cache page of {@code entry} (PageSwapCache and page_private), otherwise the fault backs out and
 * is retried. The KSM copy keeps the original locked until swap_free is done.
 */
public final class RecheckedSwapin implements SwapFaultPolicy {

    @Override
    public String id() {
        return "rechecked-swapin";
    }

    @Override
    public String description() {
        return "do_swap_page with the swap cache recheck after lock_page (an IT's own policy)";
    }

    @Override
    public String source() {
        return "mm/memory.c do_swap_page as of v2.6.36, restated";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_36;
    }

    @Override
    public int doSwapPage(Kernel k, Fault f) {
        SwapEntry entry = f.origPte().toSwapEntry();
        int ret = 0;

        Page page = k.lookupSwapCache(entry);
        if (page == null) {
            page = k.swapinReadahead(entry, f.vma(), f.address());
            if (page == null) {
                // OOM only if nobody else faulted the pte in meanwhile
                Pte now = k.pteOffsetMapLock(f);
                int oom = pteSame(now, f.origPte()) ? VM_FAULT_OOM : 0;
                k.pteUnmapUnlock(f);
                return oom;
            }
            ret = VM_FAULT_MAJOR;
        }

        k.lockPage(page);
        if (!k.pageSwapCache(page) || k.pagePrivate(page) != entry.val()) {
            // try_to_free_swap, reuse_swap_page or swapoff took the page out of the swap cache: retry
            return putLockedPage(k, page, ret);
        }

        Page original = null;
        if (k.ksmMightNeedToCopy(page, f.vma(), f.address())) {
            Page copy = k.ksmDoesNeedToCopy(page, f.vma(), f.address());
            if (copy == null) {
                return putLockedPage(k, page, VM_FAULT_OOM);
            }
            original = page;
            page = copy;
        }

        MemCgroup memcg = k.memCgroupTryChargeSwapin(f.mm(), page);
        Pte pte = k.pteOffsetMapLock(f);
        boolean stillSwapped = pteSame(pte, f.origPte());
        if (!stillSwapped || !k.pageUptodate(page)) {
            if (stillSwapped) {
                ret = VM_FAULT_SIGBUS;
            }
            k.memCgroupCancelChargeSwapin(memcg);
            k.pteUnmapUnlock(f);
            ret = putLockedPage(k, page, ret);
            return original == null ? ret : putLockedPage(k, original, ret);
        }

        int flags = f.flags();
        boolean exclusive = false;
        pte = Pte.mkPte(page);
        if ((flags & FAULT_FLAG_WRITE) != 0 && reuseSwapPage(k, page)) {
            pte = pte.mkWrite();
            flags &= ~FAULT_FLAG_WRITE;
            ret |= VM_FAULT_WRITE;
            exclusive = true;
        }
        k.setPteAt(f, pte);
        k.doPageAddAnonRmap(page, f.vma(), f.address(), exclusive);
        k.memCgroupCommitChargeSwapin(page, memcg);

        k.swapFree(entry);
        if (k.vmSwapFull()) {
            k.tryToFreeSwap(page);
        }
        k.unlockPage(page);
        if (original != null) {
            // only now may the slot be reused: the original pinned it until swap_free
            k.unlockPage(original);
            k.pageCacheRelease(original);
        }

        if ((flags & FAULT_FLAG_WRITE) != 0) {
            ret |= k.doWpPage(f, pte);
            return (ret & VM_FAULT_ERROR) != 0 ? ret & VM_FAULT_ERROR : ret;
        }
        k.pteUnmapUnlock(f);
        return ret;
    }

    /** out_page + out_release: unlock and drop our reference. */
    private static int putLockedPage(Kernel k, Page page, int ret) {
        k.unlockPage(page);
        k.pageCacheRelease(page);
        return ret;
    }
}
