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
 * Andrea Arcangeli's proposal of 13 Jul 2010 (Message-ID {@code <20100713010804.GB31974@random.random>}): keep the
 * !PageSwapCache check after lock_page, delete ksm_does_need_to_copy and the swapcache variable, and when
 * ksm_might_need_to_copy() says a copy is needed set FAULT_FLAG_WRITE instead, so that do_wp_page makes the copy
 * ("it's just enough to do: if (ksm_might_need_to_copy()) flags |= FAULT_FLAG_WRITE;"). He gave no exact code; the
 * test sits right after the PageSwapCache check, as kernel-paths.md section 11 (c) places it. The rmap world is
 * the July -mm tree's, which had the anon_vma root series: v2.6.36.
 */
public class KsmForcedWrite implements SwapFaultPolicy {

    @Override
    public String id() {
        return "ksm-forced-write";
    }

    @Override
    public String description() {
        return "Andrea's proposal: no KSM copy in do_swap_page; force a write fault so do_wp_page copies";
    }

    @Override
    public String source() {
        return "linux-mm, Andrea Arcangeli, 13 Jul 2010, <20100713010804.GB31974@random.random>";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_36;
    }

    /** What happens to a page that reuse_swap_page let this fault reuse (page locked, pte lock held). */
    protected void swapReused(Kernel k, Page page, Vma vma, int address) {
    }

    @Override
    public int doSwapPage(Kernel k, Fault fault) {
        Vma vma = fault.vma();
        int address = fault.address();
        int flags = fault.flags();
        Pte origPte = fault.origPte();
        int ret = 0;
        boolean exclusive = false;

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
            // Make sure try_to_free_swap didn't release the swapcache from under us.
            if (!k.pageSwapCache(page)) {
                break outPage;
            }
            // Let do_wp_page make the copy that ksm_does_need_to_copy used to make.
            if (k.ksmMightNeedToCopy(page, vma, address)) {
                flags |= FAULT_FLAG_WRITE;
            }

            MemCgroup[] ptr = new MemCgroup[1];
            // A failed charge backs out through out_page (no KSM copy here, so no swapcache page to release).
            if (k.memCgroupTryChargeSwapin(fault.mm(), page, ptr) != 0) {
                ret = VM_FAULT_OOM;
                break outPage;
            }

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
                    swapReused(k, page, vma, address);
                    pte = pte.mkWrite();
                    flags &= ~FAULT_FLAG_WRITE;
                    ret |= VM_FAULT_WRITE;
                    exclusive = true;
                }
                k.setPteAt(fault, pte);
                k.doPageAddAnonRmap(page, vma, address, exclusive);
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
}
