package dev.swapbench.policies;

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
 * do_swap_page as in v2.6.36 (mm/memory.c, f6f94e2ab1b3): after lock_page, the page must still be the swap cache
 * page of {@code entry} (4969c1192d15 added the PageSwapCache half, 31c4a3d3a0f8 the page_private half), and the
 * original swap cache page stays locked, pinning the slot, until swap_free is done.
 */
public class Mainline2636 implements SwapFaultPolicy {

    @Override
    public String id() {
        return "mainline-2.6.36";
    }

    @Override
    public String description() {
        return "do_swap_page of v2.6.36: !PageSwapCache || page_private != entry.val after lock_page";
    }

    @Override
    public String source() {
        return "31c4a3d3a0f8 (v2.6.36-rc5) on top of 4969c1192d15 (v2.6.36-rc4)";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_36;
    }

    /**
     * Make sure try_to_free_swap or reuse_swap_page or swapoff did not release the swapcache from under us. The
     * page pin, and pte_same test below, are not enough to exclude that. Even if it is still swapcache, we need to
     * check that the page's swap has not changed (31c4a3d3a0f8).
     */
    protected boolean swapcacheReleased(Kernel k, Page page, SwapEntry entry) {
        return !k.pageSwapCache(page) || k.pagePrivate(page) != entry.val();
    }

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

        outPage:
        {
            if (swapcacheReleased(k, page, entry)) {
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

            MemCgroup[] ptr = new MemCgroup[1];
            // A failed charge backs out through out_page, which also unlocks and releases the original swap cache
            // page of a KSM copy (v2.6.36 mm/memory.c:2703-2706, 2782-2789).
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
                    ret |= VM_FAULT_WRITE;
                    exclusive = true;
                }
                k.setPteAt(fault, pte);
                k.doPageAddAnonRmap(page, vma, address, exclusive);
                // It's better to call commit-charge after rmap is established
                k.memCgroupCommitChargeSwapin(page, ptr[0]);

                k.swapFree(entry);
                if (k.vmSwapFull() || k.vmLocked(vma) || k.pageMlocked(page)) {
                    k.tryToFreeSwap(page);
                }
                k.unlockPage(page);
                if (swapcache != null) {
                    // Hold the lock to avoid the swap entry to be reused until we take the PT lock for the
                    // pte_same() check (to avoid false positives from pte_same). For further safety release the
                    // lock after the swap_free so that the swap count won't change under a parallel locked
                    // swapcache.
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
            // out_nomap:
            k.memCgroupCancelChargeSwapin(ptr[0]);
            k.pteUnmapUnlock(fault);
        }
        // out_page:
        k.unlockPage(page);
        // out_release:
        k.pageCacheRelease(page);
        if (swapcache != null) {
            k.unlockPage(swapcache);
            k.pageCacheRelease(swapcache);
        }
        return ret;
    }
}
