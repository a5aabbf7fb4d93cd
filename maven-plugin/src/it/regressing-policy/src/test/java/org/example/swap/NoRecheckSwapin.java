package org.example.swap;

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

/**
 * do_swap_page that trusts pte_same alone once the page is locked: nothing checks that the page is still the swap
 * cache page of {@code entry}. When the slot was freed and handed out again while this thread slept in lock_page,
 * the pte reads the same swap entry and the old page gets mapped (Hugh's ABA). KSM is not handled: the IT's
 * scenario runs without CONFIG_KSM.
 */
public final class NoRecheckSwapin implements SwapFaultPolicy {

    @Override
    public String id() {
        return "no-recheck";
    }

    @Override
    public String description() {
        return "do_swap_page with pte_same as the only revalidation after lock_page";
    }

    @Override
    public String source() {
        return "mm/memory.c do_swap_page before 4969c1192d15, restated without KSM";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_35;
    }

    @Override
    public int doSwapPage(Kernel k, Fault f) {
        SwapEntry entry = f.origPte().toSwapEntry();
        int ret = 0;
        Page page = k.lookupSwapCache(entry);
        if (page == null) {
            page = k.swapinReadahead(entry, f.vma(), f.address());
            if (page == null) {
                Pte now = k.pteOffsetMapLock(f);
                int oom = pteSame(now, f.origPte()) ? VM_FAULT_OOM : 0;
                k.pteUnmapUnlock(f);
                return oom;
            }
            ret = VM_FAULT_MAJOR;
        }

        k.lockPage(page);
        // (no PageSwapCache / page_private recheck here: that is the bug)

        MemCgroup memcg = k.memCgroupTryChargeSwapin(f.mm(), page);
        Pte pte = k.pteOffsetMapLock(f);
        if (!pteSame(pte, f.origPte()) || !k.pageUptodate(page)) {
            if (pteSame(pte, f.origPte())) {
                ret = VM_FAULT_SIGBUS;
            }
            k.memCgroupCancelChargeSwapin(memcg);
            k.pteUnmapUnlock(f);
            k.unlockPage(page);
            k.pageCacheRelease(page);
            return ret;
        }

        int flags = f.flags();
        pte = Pte.mkPte(page);
        if ((flags & FAULT_FLAG_WRITE) != 0 && reuseSwapPage(k, page)) {
            pte = pte.mkWrite();
            flags &= ~FAULT_FLAG_WRITE;
        }
        k.setPteAt(f, pte);
        k.pageAddAnonRmap(page, f.vma(), f.address());
        k.memCgroupCommitChargeSwapin(page, memcg);
        k.swapFree(entry);
        if (k.vmSwapFull()) {
            k.tryToFreeSwap(page);
        }
        k.unlockPage(page);

        if ((flags & FAULT_FLAG_WRITE) != 0) {
            ret |= k.doWpPage(f, pte);
            return (ret & VM_FAULT_ERROR) != 0 ? ret & VM_FAULT_ERROR : ret;
        }
        k.pteUnmapUnlock(f);
        return ret;
    }
}
