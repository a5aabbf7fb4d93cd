package ${package};

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
import dev.swapbench.spi.Vma;

/**
 * v2.6.36's do_swap_page() (mm/memory.c, lines 2621-2791 at v2.6.36) with only the page_private half of the recheck
 * after lock_page: line 2688 tests {@code !PageSwapCache(page) || page_private(page) != entry.val}, this variant only
 * {@code page_private(page) != entry.val}. A page leaves the swap cache through __delete_from_swap_cache()
 * (mm/swap_state.c), which sets its page_private to 0, and no swap entry in use is 0 (offset 0 of a swap area is its
 * header), so the one test also catches every page that left the swap cache.
 *
 * <p>To write your own variant, change doSwapPage (and the id), then list the id under {@code expect:} in a scenario
 * under src/test/swapbench.
 */
public final class PrivateOnlyRecheck implements SwapFaultPolicy {
    @Override public String id() { return "private-only-recheck"; }
    @Override public String description() { return "2.6.36 with only page_private(page) != entry.val after lock_page"; }
    @Override public String source() { return "example: 31c4a3d3a0f8 without the PageSwapCache half"; }
    @Override public KernelBaseline baseline() { return KernelBaseline.V2_6_36; }

    @Override
    public int doSwapPage(Kernel k, Fault fault) {
        Vma vma = fault.vma();
        int address = fault.address();
        int flags = fault.flags();
        Pte origPte = fault.origPte();
        int ret = 0;
        boolean exclusive = false;
        Page swapcache = null;

        SwapEntry entry = origPte.toSwapEntry();
        Page page = k.lookupSwapCache(entry);
        if (page == null) {
            page = k.swapinReadahead(entry, vma, address);
            if (page == null) {
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

        outPage:
        {
            if (k.pagePrivate(page) != entry.val()) {
                break outPage;
            }
            if (k.ksmMightNeedToCopy(page, vma, address)) {
                swapcache = page;
                page = k.ksmDoesNeedToCopy(page, vma, address);
                if (page == null) {
                    ret = VM_FAULT_OOM;
                    page = swapcache;
                    swapcache = null;
                    break outPage;
                }
            }
            MemCgroup ptr = k.memCgroupTryChargeSwapin(fault.mm(), page);

            outNomap:
            {
                Pte pte = k.pteOffsetMapLock(fault);
                if (!pteSame(pte, origPte)) {
                    break outNomap;
                }
                if (!k.pageUptodate(page)) {
                    ret = VM_FAULT_SIGBUS;
                    break outNomap;
                }
                pte = Pte.mkPte(page);
                if ((flags & FAULT_FLAG_WRITE) != 0 && reuseSwapPage(k, page)) {
                    pte = pte.mkWrite();
                    flags &= ~FAULT_FLAG_WRITE;
                    ret |= VM_FAULT_WRITE;
                    exclusive = true;
                }
                k.setPteAt(fault, pte);
                k.doPageAddAnonRmap(page, vma, address, exclusive);
                k.memCgroupCommitChargeSwapin(page, ptr);
                k.swapFree(entry);
                if (k.vmSwapFull()) {
                    k.tryToFreeSwap(page);
                }
                k.unlockPage(page);
                if (swapcache != null) {
                    k.unlockPage(swapcache);
                    k.pageCacheRelease(swapcache);
                }
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
            k.memCgroupCancelChargeSwapin(ptr);
            k.pteUnmapUnlock(fault);
        }
        k.unlockPage(page);
        k.pageCacheRelease(page);
        if (swapcache != null) {
            k.unlockPage(swapcache);
            k.pageCacheRelease(swapcache);
        }
        return ret;
    }
}
