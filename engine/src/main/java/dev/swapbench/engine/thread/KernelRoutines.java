package dev.swapbench.engine.thread;

import static dev.swapbench.spi.Pte.pteSame;
import static dev.swapbench.spi.VmFault.FAULT_FLAG_WRITE;
import static dev.swapbench.spi.VmFault.VM_FAULT_OOM;
import static dev.swapbench.spi.VmFault.VM_FAULT_SIGBUS;
import static dev.swapbench.spi.VmFault.VM_FAULT_WRITE;

import dev.swapbench.engine.model.Layout;
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

    /** handle_pte_fault with the pte the access saw (read without the pte lock); returns the VM_FAULT_ bits. */
    private int handlePteFault(Fault fault) {
        Pte entry = fault.origPte();
        if (entry.isNone()) {
            doAnonymousPage(fault);
            return 0;
        }
        if (entry.isSwap()) {
            k.faultEntry = entry.toSwapEntry().val();
            return policy.doSwapPage(k, fault);
        }
        Pte pte = k.pteOffsetMapLock(fault);
        if (!pteSame(pte, entry)) {
            k.pteUnmapUnlock(fault);
            return 0;
        }
        if ((fault.flags() & FAULT_FLAG_WRITE) != 0 && !entry.isWritable()) {
            return k.doWpPage(fault, entry);
        }
        k.pteUnmapUnlock(fault);
        return 0;
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

    /**
     * One rmap_item of ksmd's scan: ksm_do_scan (v2.6.35 mm/ksm.c:1367-1381, v2.6.36 :1350-1364) and cmp_and_merge_page
     * (v2.6.35 :1151-1225, v2.6.36 :1134-1208). The explorer picks the item scanned and the identical page the trees
     * find; both stay referenced by ksmd until the end. Against a stable tree page, the scanned page is replaced by it
     * (try_to_merge_with_ksm_page); against an unstable tree page, try_to_merge_two_pages first makes the scanned page
     * a KSM page with a NULL stable node, then replaces the tree page by it, and stable_tree_insert gives it its node;
     * a failure in between breaks COW on what was merged (break_cow), which leaves the scanned page half-KSM wherever
     * else it is mapped (a fork-shared page: 4829b906cc06's "half-KSM" page).
     */
    void ksmdScanOne() {
        int scanned = k.call(Op26.KSM_SCAN, 0);
        if (scanned < 0) {
            return;
        }
        Page page = new Page(scanned >>> 16);
        int position = scanned & 0xFFFF;
        int found = k.call(Op26.KSM_TREE_SEARCH, scanned);
        if (found >= 0) {
            Page treePage = new Page(found >>> 16);
            int treePosition = found & 0xFFFF;
            if (treePosition == 0xFFFF) {
                // stable tree: stable_tree_append after a merge only links the rmap_item (kept as bookkeeping)
                tryToMergeWithKsmPage(position, page, treePage);
            } else {
                boolean merged = tryToMergeTwoPages(position, page, treePosition, treePage);
                k.pageCacheRelease(treePage);
                treePage = null;
                if (merged) {
                    k.lockPage(page);
                    boolean inserted = k.call(Op26.KSM_STABLE_TREE_INSERT, page.pfn()) != 0;
                    k.unlockPage(page);
                    if (!inserted) {
                        breakCow(treePosition);
                        breakCow(position);
                    }
                }
            }
            if (treePage != null) {
                k.pageCacheRelease(treePage);
            }
        }
        k.pageCacheRelease(page);
    }

    /** try_to_merge_two_pages, v2.6.35 mm/ksm.c:936-955 (v2.6.36 :919-938). */
    private boolean tryToMergeTwoPages(int position, Page page, int treePosition, Page treePage) {
        if (tryToMergeWithKsmPage(position, page, null) != 0) {
            return false;
        }
        if (tryToMergeWithKsmPage(treePosition, treePage, page) != 0) {
            breakCow(position); // a KSM page with only one pte pointing to it
            return false;
        }
        return true;
    }

    /**
     * try_to_merge_with_ksm_page, v2.6.35 mm/ksm.c:901-924 (v2.6.36 :884-907): under the rmap_item's mmap_sem, unless
     * its mm has exited; the vma is the mm's one vma.
     */
    private int tryToMergeWithKsmPage(int position, Page page, Page kpage) {
        int mm = Layout.positionMm(position);
        int err = Op26.EFAULT;
        if (k.call(Op26.MMAP_DOWN_READ_PINNED, mm) != 0) {
            err = tryToMergeOnePage(mm, page, kpage);
        }
        k.call(Op26.MMAP_UP_READ, mm);
        return err;
    }

    /**
     * try_to_merge_one_page, v2.6.35 mm/ksm.c:837-893 (v2.6.36 :820-876): trylock_page (a locked page is left for a
     * later scan), write_protect_page, then with no kpage set_page_stable_node(page, NULL), else pages_identical and
     * replace_page, each its own step so that faults, reclaim and swapoff can come between. VM_LOCKED's
     * munlock/mlock of the pages is not modelled.
     */
    private int tryToMergeOnePage(int mm, Page page, Page kpage) {
        if (kpage != null && kpage.pfn() == page.pfn()) {
            return 0; // ksm page forked
        }
        if (!k.trylockPage(page)) {
            return Op26.EFAULT;
        }
        int err = Op26.EFAULT;
        int origPte = k.call(Op26.KSM_WRITE_PROTECT_PAGE, page.pfn(), mm);
        if (origPte >= 0) {
            if (kpage == null) {
                k.call(Op26.KSM_SET_STABLE_NODE_NULL, page.pfn());
                err = 0;
            } else {
                err = k.call(Op26.KSM_REPLACE_PAGE, page.pfn(), mm, kpage.pfn(), origPte);
            }
        }
        k.unlockPage(page);
        return err;
    }

    /** break_cow, v2.6.35 mm/ksm.c:408-431 (v2.6.36 :389-412): break_ksm under mmap_sem unless the mm has exited. */
    private void breakCow(int position) {
        int mm = Layout.positionMm(position);
        if (k.call(Op26.MMAP_DOWN_READ_PINNED, mm) != 0) {
            breakKsm(mm, k.machine.positionAddress(position));
        }
        k.call(Op26.MMAP_UP_READ, mm);
    }

    /**
     * break_ksm, v2.6.35 mm/ksm.c:360-406 (v2.6.36 :341-387): while follow_page finds a KSM page there, a write fault
     * (handle_mm_fault, FAULT_FLAG_WRITE) until it reports VM_FAULT_WRITE (COW broken), SIGBUS or OOM.
     */
    private void breakKsm(int mm, int address) {
        int ret;
        do {
            int pte = k.call(Op26.FOLLOW_PAGE, mm, address);
            if (pte < 0) {
                return;
            }
            Page page = new Page(new Pte(pte).pfn());
            if (k.pageKsm(page)) {
                ret = handlePteFault(new Fault(mm, new Vma(mm), address, FAULT_FLAG_WRITE, new Pte(pte)));
            } else {
                ret = VM_FAULT_WRITE;
            }
            k.pageCacheRelease(page);
        } while ((ret & (VM_FAULT_WRITE | VM_FAULT_SIGBUS | VM_FAULT_OOM)) == 0);
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
        if (pte == Op26.SWAP_MLOCK) {
            // cull_mlocked (v2.6.35 mm/vmscan.c:815-820): off to the unevictable list, swap freed if it can be
            if (k.pageSwapCache(page)) {
                k.tryToFreeSwap(page);
            }
            k.unlockPage(page);
            k.call(Op26.PUTBACK_LRU_PAGE, pfn);
            return;
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

    /**
     * A reclaim pass that ends in try_to_free_swap (v2.6.35 mm/vmscan.c shrink_page_list, activate_locked: a swap
     * cache page with vm_swap_full): isolate and trylock, try_to_free_swap, unlock_page, putback_lru_page. The other
     * callers run where the kernel has them: do_swap_page (the policy), free_swap_cache (zap), swap_writepage
     * (pageout) and __try_to_reclaim_swap (get_swap_page).
     */
    void tryToFreeSwapSomewhere() {
        int pfn = k.call(Op26.ISOLATE_TO_FREE_SWAP, 0);
        if (pfn < 0) {
            return;
        }
        Page page = new Page(pfn);
        k.tryToFreeSwap(page);
        k.unlockPage(page);
        k.call(Op26.PUTBACK_LRU_PAGE, pfn);
    }

    /**
     * try_to_unuse for one slot, v2.6.35 mm/swapfile.c:1106-1273 (v2.6.36 :1121-1288): read_swap_cache_async, lock_page
     * and wait_on_page_writeback; then, while the slot's count is not zero, unuse_mm on every mm (in mm order: the
     * kernel's mmlist order from start_mm only changes which mm is asked first); then, if ptes unuse_vma could not
     * reach still name the slot, swap_writepage of a dirty swap cache page (it unlocks the page; try_to_unuse relocks
     * and waits for the writeback), delete_from_swap_cache if the page is still this slot's, SetPageDirty, unlock.
     */
    void unuseSlot(int slot) {
        SwapEntry entry = new SwapEntry(slot);
        Page page = readSwapCacheAsync(entry, new Vma(0), 0);
        if (page == null) {
            return; // the slot went away meanwhile (or no page: -ENOMEM); try_to_unuse moves on
        }
        k.lockPage(page);
        k.call(Op26.WAIT_ON_PAGE_WRITEBACK, page.pfn());
        for (int mm = 0; mm < k.machine.layout().mms(); mm++) {
            if (k.call(Op26.SLOT_COUNT, slot) == 0) {
                break;
            }
            unuseMm(mm, entry, page);
        }
        if (k.call(Op26.SLOT_COUNT, slot) > 0 && k.call(Op26.PAGE_DIRTY, page.pfn()) != 0 && k.pageSwapCache(page)) {
            k.call(Op26.SWAP_WRITEPAGE, page.pfn());
            k.lockPage(page);
            k.call(Op26.WAIT_ON_PAGE_WRITEBACK, page.pfn());
        }
        if (k.pageSwapCache(page) && k.pagePrivate(page) == slot) {
            k.deleteFromSwapCache(page);
        }
        k.setPageDirty(page);
        k.unlockPage(page);
        k.pageCacheRelease(page);
    }

    /**
     * unuse_mm, v2.6.35 mm/swapfile.c:1006-1028 (v2.6.36 :1021-1043), page locked: an exited mm is skipped (mm_users);
     * when down_read_trylock fails, unlock_page, down_read and lock_page again, each a step; then unuse_vma on the one
     * vma, which stops after the first pte it maps (unuse_pte returns 1 up through unuse_pte_range); up_read.
     */
    private void unuseMm(int mm, SwapEntry entry, Page page) {
        int taken = k.call(Op26.MMAP_DOWN_READ_TRYLOCK, mm);
        if (taken < 0) {
            return;
        }
        if (taken == 0) {
            k.unlockPage(page); // after activate_page, which the model does not need
            k.call(Op26.MMAP_DOWN_READ_PINNED, mm);
            k.lockPage(page);
        }
        int position = k.machine.layout().position(mm, k.machine.vmaStart(mm));
        while ((position = k.call(Op26.UNUSE_FIND_PTE, entry.val(), position, page.pfn())) >= 0) {
            if (unusePte(mm, k.machine.positionAddress(position), entry, page)) {
                break;
            }
            position++;
        }
        k.call(Op26.MMAP_UP_READ, mm);
    }

    /**
     * unuse_pte, v2.6.35 mm/swapfile.c:860-898 (v2.6.36 :875-913): charge, the pte lock, pte_same recheck, map the page
     * read-only, page_add_anon_rmap, commit the charge, swap_free. Returns true when it mapped the page.
     */
    private boolean unusePte(int mm, int address, SwapEntry entry, Page page) {
        Fault f = new Fault(mm, new Vma(mm), address, 0, Pte.swap(entry));
        k.faultEntry = entry.val();
        var ptr = k.memCgroupTryChargeSwapin(mm, page);
        Pte pte = k.pteOffsetMapLock(f);
        if (!pteSame(pte, Pte.swap(entry))) {
            k.memCgroupCancelChargeSwapin(ptr);
            k.pteUnmapUnlock(f);
            return false;
        }
        k.getPage(page);
        k.setPteAt(f, Pte.mkPte(page));
        k.pageAddAnonRmap(page, f.vma(), address);
        k.memCgroupCommitChargeSwapin(page, ptr);
        k.swapFree(entry);
        k.pteUnmapUnlock(f);
        return true;
    }
}
