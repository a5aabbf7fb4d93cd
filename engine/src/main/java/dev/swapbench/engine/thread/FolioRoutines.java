package dev.swapbench.engine.thread;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;

import dev.swapbench.engine.model.v6.Layout6;
import dev.swapbench.engine.model.v6.Op6;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.Vma;
import dev.swapbench.spi.folio.Folio;
import dev.swapbench.spi.folio.FolioKernel;
import dev.swapbench.spi.folio.SwapInfo;

/**
 * The folio-era kernel's own routines around the fault handler, written like policies: straight-line code over v6
 * steps, each citing the function it follows. One episode is one user access with at most one fault, one reclaim
 * pass over one folio, or one swapoff slot.
 */
final class FolioRoutines {
    private static final int NO_MM = -1;

    private final FolioReplayKernel k;

    FolioRoutines(FolioReplayKernel k) {
        this.k = k;
    }

    int episode(ThreadProgram program, int pc) {
        int index = ThreadProgram.index(pc);
        Action a = program.action(pc);
        switch (a.op()) {
            case READ:
            case WRITE:
                return userAccess(program.mm(), a.address(), a.op() == Action.Op.WRITE) ? program.next(index) : pc;
            case RECLAIM:
                shrinkFolio();
                return program.next(index);
            case SWAPOFF:
                return swapoff(program, index, ThreadProgram.sub(pc));
            case EXIT:
                return exit(program, index, ThreadProgram.sub(pc));
            default:
                throw new IllegalStateException("action " + a.op() + " is not modelled in the v6 era");
        }
    }

    // ---- faults (mm/memory.c) ----

    /** One user access and, when the pte does not allow it, one pass of handle_pte_fault. */
    private boolean userAccess(int mm, int address, boolean write) {
        int r = k.call(Op6.USER_ACCESS, mm, address, write ? 1 : 0);
        if (r == -1) {
            return true;
        }
        Fault vmf = new Fault(mm, new Vma(mm), address, write ? FAULT_FLAG_WRITE : 0, new Pte(r));
        Pte entry = vmf.origPte();
        if (entry.isNone()) {
            doAnonymousPage(vmf);
        } else if (entry.isSwap()) {
            k.policy.doSwapPage(k, vmf);
        } else {
            Pte pte = k.pteOffsetMapLock(vmf);
            if (pteSame(pte, entry) && write && !entry.isWritable()) {
                doWpPage(vmf, entry);
                return false;
            }
            k.pteUnmapUnlock(vmf);
        }
        return false;
    }

    /** {@code do_anonymous_page} for a store to {@code pte_none}: a zeroed folio mapped writable. */
    private void doAnonymousPage(Fault vmf) {
        Folio folio = k.vmaAllocFolio(vmf);
        if (folio == null) {
            return;
        }
        k.call(Op6.MEM_CGROUP_CHARGE, folio.pfn(), vmf.mm());
        Pte pte = k.pteOffsetMapLock(vmf);
        if (!pte.isNone()) {
            k.pteUnmapUnlock(vmf);
            k.folioPut(folio);
            return;
        }
        k.folioAddNewAnonRmap(folio, vmf);
        k.folioAddLru(folio);
        k.setPteAt(vmf, Pte.mkPte(new Page(folio.pfn())).mkWrite());
        k.pteUnmapUnlock(vmf);
    }

    /**
     * {@code do_wp_page} for an anon folio (v6), entered with the pte lock held, leaving it released: reuse in place
     * when {@code wp_can_reuse_anon_folio} says so, else {@code wp_page_copy}.
     */
    private void doWpPage(Fault vmf, Pte origPte) {
        int old = origPte.pfn();
        if (k.call(Op6.WP_CAN_REUSE, old, vmf.mm()) != 0) {
            k.setPteAt(vmf, origPte.mkWrite());
            k.pteUnmapUnlock(vmf);
            return;
        }
        k.call(Op6.FOLIO_GET, old);
        k.pteUnmapUnlock(vmf);
        Folio copy = k.vmaAllocFolio(vmf);
        if (copy != null) {
            k.call(Op6.MEM_CGROUP_CHARGE, copy.pfn(), vmf.mm());
            k.call(Op6.COPY_FOLIO, copy.pfn(), old);
            Pte pte = k.pteOffsetMapLock(vmf);
            if (pteSame(pte, origPte)) {
                k.folioAddNewAnonRmap(copy, vmf);
                k.folioAddLru(copy);
                k.setPteAt(vmf, Pte.mkPte(new Page(copy.pfn())).mkWrite());
                k.call(Op6.FOLIO_REMOVE_RMAP_PTE, old);
                k.call(Op6.FOLIO_PUT, old); // the old pte's reference
            } else {
                k.folioPut(copy);
            }
            k.pteUnmapUnlock(vmf);
        }
        k.call(Op6.FOLIO_PUT, old);
    }

    // ---- swap cache (mm/swap_state.c) ----

    /**
     * {@code __read_swap_cache_async} + {@code swap_read_folio} (v6.8): the swap cache folio if there is one;
     * otherwise a new folio under the SWAP_HAS_CACHE pin, added to the swap cache and read. On -EEXIST it waits for
     * the pin to change and starts over; on -ENOENT (the slot was freed) it returns null.
     */
    Folio readSwapCacheAsync(int offset, int mm, int address) {
        SwapEntry entry = new SwapEntry(offset);
        Folio folio = null;
        while (true) {
            Folio found = k.swapCacheGetFolio(entry);
            if (found != null) {
                if (folio != null) {
                    k.folioPut(folio);
                }
                return found;
            }
            if (folio == null) {
                folio = folioOf(k.call(Op6.VMA_ALLOC_FOLIO, mm, address));
                if (folio == null) {
                    return null;
                }
            }
            int err = k.swapcachePrepare(entry);
            if (err == 0) {
                break;
            }
            if (err != FolioKernel.EEXIST) {
                k.folioPut(folio);
                return null;
            }
            k.call(Op6.WAIT_SWAPCACHE_PIN, offset);
        }
        k.folioSetLocked(folio);
        k.folioSetSwapbacked(folio);
        k.call(Op6.MEM_CGROUP_SWAPIN_CHARGE_FOLIO, folio.pfn(), mm, offset);
        k.call(Op6.ADD_TO_SWAP_CACHE, folio.pfn(), offset);
        k.memCgroupSwapinUnchargeSwap(entry);
        k.folioAddLru(folio);
        k.swapReadFolio(folio, entry);
        return folio;
    }

    private static Folio folioOf(int pfn) {
        return pfn < 0 ? null : new Folio(pfn);
    }

    // ---- reclaim (mm/vmscan.c) ----

    /** {@code shrink_folio_list} for one anon folio of the explorer's choosing. */
    private void shrinkFolio() {
        int pfn = k.call(Op6.ISOLATE_FOLIO, 0);
        if (pfn < 0) {
            return;
        }
        Folio folio = new Folio(pfn);
        if (!k.folioTestSwapcache(folio) && k.call(Op6.FOLIO_ALLOC_SWAP, pfn) == 0) {
            k.call(Op6.PUTBACK_FOLIO, pfn);
            return;
        }
        k.call(Op6.TRY_TO_UNMAP, pfn);
        k.call(Op6.SWAP_WRITEPAGE, pfn);
        if (k.call(Op6.REMOVE_MAPPING, pfn) == 0) {
            k.call(Op6.PUTBACK_FOLIO, pfn);
        }
    }

    // ---- exit (kernel/fork.c mmput, mm/mmap.c exit_mmap, mm/memory.c zap_pte_range) ----

    /**
     * exit_mmap once mmput dropped the last mm_users reference (swapoff's unuse_mm skips the mm from then on), then
     * one pte per episode (sub = addresses done), as {@code unmap_vmas} walks them.
     */
    private int exit(ThreadProgram program, int index, int sub) {
        int mm = program.mm();
        Layout6 l = k.era.layout();
        if (sub == 0) {
            k.call(Op6.MM_EXIT, mm);
        }
        zapPte(mm, l.vmaStart(mm) + sub);
        return sub + 1 < l.vmaPages() ? ThreadProgram.pc(index, sub + 1) : program.next(index);
    }

    /**
     * {@code zap_pte_range} for one address, under the pte lock: clear the pte; a present folio loses the pte's rmap
     * and, after the lock (the mmu_gather flush), its reference; a swap pte goes to {@code free_swap_and_cache}.
     */
    private void zapPte(int mm, int address) {
        Fault vmf = new Fault(mm, new Vma(mm), address, 0, Pte.NONE);
        k.pteOffsetMapLock(vmf);
        Pte old = new Pte(k.call(Op6.ZAP_PTE, mm, address));
        if (old.isPresent()) {
            k.call(Op6.FOLIO_REMOVE_RMAP_PTE, old.pfn());
        } else if (old.isSwap()) {
            freeSwapAndCache(old.toSwapEntry());
        }
        k.pteUnmapUnlock(vmf);
        if (old.isPresent()) {
            k.call(Op6.FOLIO_PUT, old.pfn());
        }
    }

    /**
     * {@code free_swap_and_cache(entry)} (mm/swapfile.c, v6.8): drop the pte's swap_map reference; if only the swap
     * cache is left, and {@code swap_page_trans_huge_swapped} says no pte uses the slot, try to reclaim the swap cache
     * folio. Before 82b1c07a0af6 (lines 1609-1621 of its parent) it found the device with {@code _swap_info_get},
     * which holds nothing against swapoff; with the fix (lines 1614-1632 of 82b1c07a0af6; the scenario's
     * {@code zap_gets_swap_device}) it holds {@code get_swap_device} across the whole, and its check that the entry is
     * still in use is the kernel-bug of {@code __swap_entry_free} on a free slot here.
     */
    private void freeSwapAndCache(SwapEntry entry) {
        boolean getsDevice = k.era.layout().zapGetsSwapDevice();
        SwapInfo si = null;
        if (getsDevice) {
            si = k.getSwapDevice(entry);
            if (si == null) {
                return;
            }
        }
        if (k.call(Op6.SWAP_ENTRY_FREE, entry.val()) != 0
                && k.call(Op6.SWAP_PAGE_TRANS_HUGE_SWAPPED, entry.val()) == 0) {
            k.call(Op6.TRY_TO_RECLAIM_SWAP, entry.val());
        }
        if (getsDevice) {
            k.putSwapDevice(si);
        }
    }

    // ---- swapoff (mm/swapfile.c) ----

    /**
     * swapoff: disable allocation, then one slot in use per episode ({@code try_to_unuse}, which starts over while
     * slots are in use), then kill the users' reference, wait for them and free swap_map. The device stays off.
     */
    private int swapoff(ThreadProgram program, int index, int sub) {
        if (sub == 0) {
            k.call(Op6.SWAPOFF_BEGIN, 0);
            return ThreadProgram.pc(index, 1);
        }
        int offset = k.call(Op6.SWAPOFF_NEXT_SLOT, sub);
        if (offset < 0) {
            k.call(Op6.SWAPOFF_KILL, 0);
            k.call(Op6.SWAPOFF_FREE, 0);
            return program.next(index);
        }
        unuseSlot(offset);
        return ThreadProgram.pc(index, offset);
    }

    /**
     * {@code unuse_pte_range} for one slot: the swap cache folio (read in if needed), locked; if it is still the
     * slot's swap cache folio, every pte holding the entry maps it; then {@code folio_free_swap}.
     */
    private void unuseSlot(int offset) {
        Folio folio = readSwapCacheAsync(offset, NO_MM, 0);
        if (folio == null) {
            return;
        }
        k.folioLock(folio);
        if (k.folioTestSwapcache(folio) && k.folioSwap(folio).val() == offset) {
            k.call(Op6.UNUSE_PTES, folio.pfn(), offset);
        }
        k.folioFreeSwap(folio);
        k.folioUnlock(folio);
        k.folioPut(folio);
    }
}
