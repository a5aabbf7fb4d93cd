package dev.swapbench.engine.thread;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;
import static dev.swapbench.spi.VmFault.VM_FAULT_OOM;
import static dev.swapbench.spi.VmFault.VM_FAULT_WRITE;

import dev.swapbench.engine.model.v2_6.Op26;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.spi.Vma;

/**
 * The kernel's own routines around the fault handler, written the way policies are: straight-line code over kernel
 * steps, so that a trace reads the same whoever made the call. Each cites the v2.6.35 function it follows
 * (kernel-paths.md gives the step lists).
 */
final class KernelRoutines {
    private final ReplayKernel k;
    private final SwapFaultPolicy policy;

    KernelRoutines(ReplayKernel k, SwapFaultPolicy policy) {
        this.k = k;
        this.policy = policy;
    }

    private static Page page(int pfn) {
        return pfn < 0 ? null : new Page(pfn);
    }

    // ---- faults (mm/memory.c) ----

    /**
     * One user access and, when the pte does not allow it, one pass of handle_mm_fault under mmap_sem. Returns
     * true once the access has happened; false when the user retries it.
     */
    boolean userAccess(int mm, int address, boolean write) {
        int r = k.call(Op26.USER_ACCESS, mm, address, write ? 1 : 0);
        if (r == Op26.DONE) {
            return true;
        }
        k.call(Op26.MMAP_DOWN_READ, mm);
        handlePteFault(new Fault(mm, new Vma(mm), address, write ? FAULT_FLAG_WRITE : 0, new Pte(r)));
        k.call(Op26.MMAP_UP_READ, mm);
        return false;
    }

    /** handle_pte_fault with the pte the access saw (read without the pte lock). */
    private void handlePteFault(Fault fault) {
        Pte entry = fault.origPte();
        if (entry.isNone()) {
            doAnonymousPage(fault);
        } else if (entry.isSwap()) {
            k.faultEntry = entry.toSwapEntry().val();
            policy.doSwapPage(k, fault);
        } else {
            Pte pte = k.pteOffsetMapLock(fault);
            if (!pteSame(pte, entry)) {
                k.pteUnmapUnlock(fault);
                return;
            }
            if ((fault.flags() & FAULT_FLAG_WRITE) != 0 && !entry.isWritable()) {
                k.doWpPage(fault, entry);
                return;
            }
            k.pteUnmapUnlock(fault);
        }
    }

    /** do_anonymous_page for a write fault on pte_none. */
    private void doAnonymousPage(Fault fault) {
        Page page = k.allocPageVma(fault.vma(), fault.address());
        if (page == null) {
            return; // VM_FAULT_OOM
        }
        k.setPageUptodate(page);
        k.call(Op26.MEMCG_NEWPAGE_CHARGE, page.pfn(), fault.mm());
        Pte pte = k.pteOffsetMapLock(fault);
        if (!pte.isNone()) {
            k.pteUnmapUnlock(fault);
            k.call(Op26.MEMCG_UNCHARGE_PAGE, page.pfn());
            k.pageCacheRelease(page);
            return;
        }
        k.call(Op26.PAGE_ADD_NEW_ANON_RMAP, page.pfn(), fault.mm(), fault.address());
        k.setPteAt(fault, Pte.mkPte(page).mkWrite());
        k.pteUnmapUnlock(fault);
    }

    /** do_wp_page (v2.6.35 mm/memory.c): entered with the pte lock held, leaves it released. */
    int doWpPage(Fault fault, Pte origPte) {
        Page oldPage = new Page(origPte.pfn());
        if (!k.pageKsm(oldPage)) {
            if (!k.trylockPage(oldPage)) {
                k.getPage(oldPage);
                k.pteUnmapUnlock(fault);
                k.lockPage(oldPage);
                Pte pte = k.pteOffsetMapLock(fault);
                if (!pteSame(pte, origPte)) {
                    k.unlockPage(oldPage);
                    k.pageCacheRelease(oldPage);
                    k.pteUnmapUnlock(fault);
                    return 0;
                }
                k.pageCacheRelease(oldPage);
            }
            boolean reuse = policy.reuseSwapPage(k, oldPage);
            if (reuse) {
                policy.wpPageReuse(k, fault, oldPage);
            }
            k.unlockPage(oldPage);
            if (reuse) {
                k.setPteAt(fault, origPte.mkWrite());
                k.pteUnmapUnlock(fault);
                return VM_FAULT_WRITE;
            }
        }
        // gotta COW: pin the old page, drop the pte lock, copy, retake the lock and recheck
        k.getPage(oldPage);
        k.pteUnmapUnlock(fault);
        Page newPage = k.allocPageVma(fault.vma(), fault.address());
        if (newPage == null) {
            k.pageCacheRelease(oldPage);
            return VM_FAULT_OOM;
        }
        k.copyUserHighpage(newPage, oldPage);
        k.setPageUptodate(newPage);
        k.call(Op26.MEMCG_NEWPAGE_CHARGE, newPage.pfn(), fault.mm());
        Pte pte = k.pteOffsetMapLock(fault);
        if (pteSame(pte, origPte)) {
            k.call(Op26.PAGE_ADD_NEW_ANON_RMAP, newPage.pfn(), fault.mm(), fault.address());
            k.setPteAt(fault, Pte.mkPte(newPage).mkWrite());
            k.pageRemoveRmap(oldPage);
            k.pageCacheRelease(oldPage); // the old pte's reference (new_page = old_page)
        } else {
            k.call(Op26.MEMCG_UNCHARGE_PAGE, newPage.pfn());
            k.pageCacheRelease(newPage);
        }
        k.pageCacheRelease(oldPage); // the pin
        k.pteUnmapUnlock(fault);
        return VM_FAULT_WRITE;
    }

    // ---- mm/swapfile.c ----

    /** reuse_swap_page (v2.6.35 mm/swapfile.c), page locked. */
    boolean reuseSwapPage(Page page) {
        if (k.pageKsm(page)) {
            return false;
        }
        int count = k.pageMapcount(page);
        if (count <= 1 && k.pageSwapCache(page)) {
            count += k.pageSwapcount(page);
            if (count == 1 && !k.pageWriteback(page)) {
                k.deleteFromSwapCache(page);
                k.setPageDirty(page);
            }
        }
        return count <= 1;
    }

    /** try_to_free_swap (v2.6.35 mm/swapfile.c), page locked. */
    boolean tryToFreeSwap(Page page) {
        if (!k.pageSwapCache(page)) {
            return false;
        }
        if (k.pageWriteback(page)) {
            return false;
        }
        if (k.pageSwapcount(page) != 0) {
            return false;
        }
        k.deleteFromSwapCache(page);
        k.setPageDirty(page);
        return true;
    }

    // ---- mm/swap_state.c ----

    /**
     * read_swap_cache_async (v2.6.35 mm/swap_state.c) for one entry. The -EEXIST retry is a wait in the model
     * (swapcache_prepare is not enabled while another adder holds SWAP_HAS_CACHE without a page yet).
     */
    Page readSwapCacheAsync(SwapEntry entry, Vma vma, int address) {
        Page newPage = null;
        Page found;
        while (true) {
            found = page(k.call(Op26.FIND_GET_PAGE, entry.val()));
            if (found != null) {
                break;
            }
            if (newPage == null) {
                newPage = k.allocPageVma(vma, address);
                if (newPage == null) {
                    break;
                }
            }
            int err = k.call(Op26.SWAPCACHE_PREPARE, entry.val());
            if (err == Op26.EEXIST) {
                continue;
            }
            if (err != 0) {
                break;
            }
            k.call(Op26.ADD_TO_SWAP_CACHE_AND_READ, newPage.pfn(), entry.val());
            return newPage;
        }
        if (newPage != null) {
            k.pageCacheRelease(newPage);
        }
        return found;
    }

    // ---- mm/ksm.c ----

    /** ksm_does_need_to_copy as in v2.6.36 (after 4969c1192d15): the original is left locked and referenced. */
    Page ksmDoesNeedToCopy(Page page, Vma vma, int address) {
        Page newPage = k.allocPageVma(vma, address);
        if (newPage != null) {
            k.copyUserHighpage(newPage, page);
            k.setPageDirty(newPage);
            k.setPageUptodate(newPage);
            k.setPageSwapBacked(newPage);
            k.setPageLocked(newPage);
            k.lruCacheAddLru(newPage);
        }
        return newPage;
    }

    // ---- thread actions outside the fault path ----

    /** zap_pte_range for one address (MADV_DONTNEED, or one pte of exit_mmap). */
    void zap(int mm, int address) {
        Fault f = new Fault(mm, new Vma(mm), address, 0, Pte.NONE);
        k.pteOffsetMapLock(f);
        Pte old = new Pte(k.call(Op26.ZAP_PTE, mm, address));
        Page locked = null;
        if (old.isSwap()) {
            // free_swap_and_cache: swap_entry_free; if only the cache is left, trylock its page
            locked = page(k.call(Op26.FREE_SWAP_AND_CACHE, old.toSwapEntry().val()));
            if (locked != null) {
                if (k.pageSwapCache(locked) && !k.pageWriteback(locked)
                        && (k.call(Op26.PAGE_MAPPED, locked.pfn()) == 0 || k.vmSwapFull())) {
                    k.deleteFromSwapCache(locked);
                    k.setPageDirty(locked);
                }
                k.unlockPage(locked);
                k.pageCacheRelease(locked);
            }
        }
        k.pteUnmapUnlock(f);
        if (old.isPresent()) {
            // tlb_remove_page -> free_page_and_swap_cache: free_swap_cache, then put_page
            Page page = new Page(old.pfn());
            if (k.call(Op26.PAGE_MAPPED, page.pfn()) == 0 && k.pageSwapCache(page) && k.trylockPage(page)) {
                k.tryToFreeSwap(page);
                k.unlockPage(page);
            }
            k.pageCacheRelease(page);
        }
    }

    /**
     * shrink_page_list (v2.6.35 mm/vmscan.c) for one page the explorer picks among the unlocked LRU pages:
     * add_to_swap, try_to_unmap, pageout (PAGE_KEEP while pinned), __remove_mapping.
     */
    void shrinkOnePage() {
        int pfn = k.call(Op26.ISOLATE_LRU_PAGE, 0);
        if (pfn < 0) {
            return;
        }
        Page page = new Page(pfn);
        if (k.pageWriteback(page)) {
            keep(page);
            return;
        }
        if (!k.pageSwapCache(page)) {
            // only "PageAnon(page) && !PageSwapCache(page)" is added to swap: a page that was never mapped has no
            // page_mapping(), so pageout and __remove_mapping keep it
            if (k.call(Op26.PAGE_ANON, pfn) == 0 || k.call(Op26.ADD_TO_SWAP, pfn) < 0) {
                keep(page);
                return;
            }
        }
        int pte = -1;
        while ((pte = k.call(Op26.TRY_TO_UNMAP_ONE, pfn, pte + 1)) >= 0) {
            // one pte at a time, each under its mm's pte lock
        }
        if (k.call(Op26.PAGE_MAPPED, pfn) != 0) {
            keep(page); // SWAP_AGAIN: a pte the rmap walk cannot reach
            return;
        }
        if (k.call(Op26.PAGE_DIRTY, pfn) != 0) {
            if (k.call(Op26.PAGEOUT, pfn) == 0) {
                keep(page); // PAGE_KEEP: pinned by someone (is_page_cache_freeable)
                return;
            }
            k.call(Op26.PUTBACK_LRU_PAGE, pfn); // PAGE_SUCCESS: under writeback, unlocked; freed on a later pass
            return;
        }
        if (k.call(Op26.REMOVE_MAPPING, pfn) == 0) {
            keep(page);
        }
        // freed: __remove_mapping dropped the swap cache and isolation references
    }

    private void keep(Page page) {
        k.unlockPage(page);
        k.call(Op26.PUTBACK_LRU_PAGE, page.pfn());
    }

    /** A caller of try_to_free_swap that holds a reference (free_swap_cache, activate_page's vm_swap_full path). */
    void tryToFreeSwapSomewhere() {
        int pfn = k.call(Op26.PICK_SWAPCACHE_PAGE, 0);
        if (pfn < 0) {
            return;
        }
        Page page = new Page(pfn);
        k.tryToFreeSwap(page);
        k.unlockPage(page);
        k.pageCacheRelease(page);
    }

    /**
     * try_to_unuse (v2.6.35 mm/swapfile.c) for one slot: read the page, lock it, unuse_pte every pte that holds
     * the entry, then delete the page from the swap cache if it is still that slot's.
     */
    void unuseSlot(int slot) {
        SwapEntry entry = new SwapEntry(slot);
        Page page = readSwapCacheAsync(entry, new Vma(0), 0);
        if (page == null) {
            return; // the slot went away meanwhile; try_to_unuse moves on
        }
        k.lockPage(page);
        k.call(Op26.WAIT_ON_PAGE_WRITEBACK, page.pfn());
        int code = -1;
        while ((code = k.call(Op26.UNUSE_FIND_PTE, slot, code + 1, page.pfn())) >= 0) {
            int mm = code / 1024;
            int address = k.machine.positionAddress(code);
            Fault f = new Fault(mm, new Vma(mm), address, 0, Pte.swap(entry));
            k.faultEntry = slot;
            // unuse_pte: charge, lock, recheck, map read-only, rmap, commit, swap_free
            var ptr = k.memCgroupTryChargeSwapin(mm, page);
            Pte pte = k.pteOffsetMapLock(f);
            if (!pteSame(pte, Pte.swap(entry))) {
                k.memCgroupCancelChargeSwapin(ptr);
                k.pteUnmapUnlock(f);
                continue;
            }
            k.getPage(page);
            k.setPteAt(f, Pte.mkPte(page));
            k.pageAddAnonRmap(page, f.vma(), address);
            k.memCgroupCommitChargeSwapin(page, ptr);
            k.swapFree(entry);
            k.pteUnmapUnlock(f);
        }
        if (k.pageSwapCache(page) && k.pagePrivate(page) == slot) {
            // ptes unuse_vma could not reach still name the slot: write the data out first; a later pass reads it
            if (k.call(Op26.PAGE_DIRTY, page.pfn()) != 0 && k.call(Op26.SLOT_COUNT, slot) > 0) {
                k.call(Op26.SWAP_WRITEPAGE_SYNC, page.pfn());
            }
            k.deleteFromSwapCache(page);
        }
        k.setPageDirty(page);
        k.unlockPage(page);
        k.pageCacheRelease(page);
    }
}
