package dev.swapbench.spi;

/**
 * The kernel as a policy sees it. Names follow the v2.6.35/36 kernel functions they model.
 *
 * <p>Every method not marked <em>pure</em> is one atomic kernel step (marked <em>step</em>) or a kernel routine made
 * of such steps (marked <em>routine</em>); the engine may run any other thread between two steps. A step that must
 * wait (for a page lock or a pte lock held by someone else) simply does not happen until it can. Objects a policy
 * gets back ({@link Page}, {@link Pte}, ...) are values: keeping one does not pin anything in the model, just as a
 * pointer does not pin a page in the kernel.
 *
 * <p>Kernel bugs are detected, not thrown at the policy: an unlock of an unlocked page, a refcount underflow and the
 * like end the path being explored with a {@code kernel-bug} verdict.
 */
public interface Kernel {

    // ---- swap cache (mm/swap_state.c) ----

    /** step. {@code lookup_swap_cache}: the swap cache page for {@code entry}, unlocked, with a reference; or null. */
    Page lookupSwapCache(SwapEntry entry);

    /**
     * routine. {@code swapin_readahead} for the target entry ({@code read_swap_cache_async}; neighbours are not read
     * ahead): find_get_page, alloc_page_vma, swapcache_prepare (-EEXIST: again), add_to_swap_cache and swap_readpage.
     * The returned page has a reference and, if newly read, stays locked until its read I/O completes. Null when
     * the slot was freed (-ENOENT) or no frame could be allocated.
     */
    Page swapinReadahead(SwapEntry entry, Vma vma, int address);

    /** routine. {@code delete_from_swap_cache} (page locked): radix delete, swapcache_free, put_page. */
    void deleteFromSwapCache(Page page);

    // ---- page lock and references ----

    /** step. {@code lock_page}: sleeps until the page lock is free, then takes it. */
    void lockPage(Page page);

    /** step. {@code trylock_page}. */
    boolean trylockPage(Page page);

    /** step. {@code unlock_page}. */
    void unlockPage(Page page);

    /** step. {@code get_page}. */
    void getPage(Page page);

    /** step. {@code page_cache_release} / {@code put_page}; the page is freed when its count reaches 0. */
    void pageCacheRelease(Page page);

    // ---- page flags and counts ----

    /** step. {@code PageSwapCache}. */
    boolean pageSwapCache(Page page);

    /** step. {@code page_private(page)}: the swap entry value of a swap cache page. */
    int pagePrivate(Page page);

    /** step. {@code PageUptodate}. */
    boolean pageUptodate(Page page);

    /** step. {@code PageMlocked}: the page was found in a VM_LOCKED vma (mm/mlock.c mlock_vma_page). */
    boolean pageMlocked(Page page);

    /** step. {@code PageWriteback}. */
    boolean pageWriteback(Page page);

    /** step. {@code PageKsm}. */
    boolean pageKsm(Page page);

    /** step. {@code page_mapcount}. */
    int pageMapcount(Page page);

    /** step. {@code SetPageDirty}. */
    void setPageDirty(Page page);

    /** step. {@code __SetPageUptodate} on a page no one else can see yet. */
    void setPageUptodate(Page page);

    /** step. {@code SetPageSwapBacked}. */
    void setPageSwapBacked(Page page);

    /** step. {@code __set_page_locked} on a page no one else can see yet. */
    void setPageLocked(Page page);

    // ---- swap slots (mm/swapfile.c) ----

    /** step. {@code page_swapcount}: swap_map count of the page's slot (without SWAP_HAS_CACHE). */
    int pageSwapcount(Page page);

    /** step. {@code swap_free}: drop one reference to the slot. */
    void swapFree(SwapEntry entry);

    /** step. {@code vm_swap_full()}. */
    boolean vmSwapFull();

    /** routine. The kernel's {@code reuse_swap_page} (page locked). Policies may override it. */
    boolean reuseSwapPage(Page page);

    /** routine. {@code try_to_free_swap} (page locked). */
    boolean tryToFreeSwap(Page page);

    // ---- page tables (mm/memory.c) ----

    /** step. {@code pte_offset_map_lock}: takes the mm's pte lock and reads {@code *page_table}. */
    Pte pteOffsetMapLock(Fault fault);

    /** step. {@code pte_unmap_unlock}. */
    void pteUnmapUnlock(Fault fault);

    /** step. {@code set_pte_at} (pte lock held). */
    void setPteAt(Fault fault, Pte pte);

    /**
     * routine. {@code do_wp_page}, entered with the pte lock held and leaving it released; calls back into the
     * policy's {@link SwapFaultPolicy#reuseSwapPage} and {@link SwapFaultPolicy#wpPageReuse}.
     */
    int doWpPage(Fault fault, Pte origPte);

    // ---- page allocation ----

    /** step. {@code alloc_page_vma}: a new page with one reference, or null when memory is exhausted. */
    Page allocPageVma(Vma vma, int address);

    /** step. {@code copy_user_highpage}: copy the data of {@code from} into {@code to}. */
    void copyUserHighpage(Page to, Page from);

    /** step. {@code lru_cache_add_lru(page, LRU_ACTIVE_ANON)}: reclaim can see the page from now on. */
    void lruCacheAddLru(Page page);

    // ---- rmap (mm/rmap.c) ----

    /** step. {@code page_add_anon_rmap} (v2.6.35; in v2.6.36 the non-exclusive {@code do_page_add_anon_rmap}). */
    void pageAddAnonRmap(Page page, Vma vma, int address);

    /** step. {@code do_page_add_anon_rmap(page, vma, address, exclusive)} (v2.6.36). */
    void doPageAddAnonRmap(Page page, Vma vma, int address, boolean exclusive);

    /** step. {@code page_move_anon_rmap} (do_wp_page's reuse): mapping only, VM_BUG_ON on the index. */
    void pageMoveAnonRmap(Page page, Vma vma, int address);

    /** step. {@code page_remove_rmap}. */
    void pageRemoveRmap(Page page);

    /**
     * step. Force {@code page->mapping} to the vma's anon_vma and {@code page->index} to
     * {@code linear_page_index(vma, address)}: Hugh's "forcing page->mapping and page->index when reusing"
     * (not a kernel function; for policies that model that idea).
     */
    void pageForceAnonRmap(Page page, Vma vma, int address);

    // ---- KSM (include/linux/ksm.h, mm/ksm.c) ----

    /**
     * step. The test of {@code ksm_might_need_to_copy} in the policy's baseline: the page has an anon_vma that is not
     * the vma's (v2.6.35: {@code anon_vma != vma->anon_vma}; v2.6.36: roots differ) or its index differs from
     * {@code linear_page_index(vma, address)}. Always false without CONFIG_KSM.
     */
    boolean ksmMightNeedToCopy(Page page, Vma vma, int address);

    /**
     * routine. {@code ksm_does_need_to_copy} as in v2.6.36 (after 4969c1192d15): a locked copy on the LRU, not in
     * swap cache; the original is neither unlocked nor released. Null when no frame could be allocated.
     */
    Page ksmDoesNeedToCopy(Page page, Vma vma, int address);

    // ---- memcg (mm/memcontrol.c) ----

    /**
     * step. {@code mem_cgroup_try_charge_swapin} without its return value: the memcg charged, or null when memcg
     * accounting is off or the charge was bypassed (see {@link #memCgroupTryChargeSwapin(int, Page, MemCgroup[])};
     * a caller of this method is never offered -ENOMEM).
     */
    MemCgroup memCgroupTryChargeSwapin(int mm, Page page);

    /**
     * step. {@code mem_cgroup_try_charge_swapin(mm, page, GFP_KERNEL, &ptr)} as do_swap_page calls it: charges the
     * page's memcg (its own if Used, else its slot's swap_cgroup record, else the mm's) and stores it in
     * {@code ptr[0]}, to be committed or cancelled; returns 0, or {@code -ENOMEM} ({@link VmFault#ENOMEM}) when the
     * charge failed, and then nothing is charged and {@code ptr[0]} is null: do_swap_page answers
     * {@code ret = VM_FAULT_OOM; goto out_page}.
     *
     * <p>What the kernel does (mm/memcontrol.c, __mem_cgroup_try_charge): with GFP_KERNEL and {@code oom} true, as
     * from do_swap_page, v2.6.35 and v2.6.36 never return -ENOMEM (since 867578cbccb, v2.6.34-rc1: reclaim, then
     * the memcg OOM killer, then retry); a task that is dying or was OOM-killed meanwhile gets 0 with {@code ptr[0]}
     * null (the bypass), and its page is mapped uncharged. The engine offers both, each under a scenario knob
     * ({@code memcg_charge_failure: bypass | enomem}); without it the charge always succeeds. The default
     * implementation, for {@code Kernel}s written before this method, never fails.
     *
     * @param ptr a one-element array that receives the memcg ({@code struct mem_cgroup **ptr})
     */
    default int memCgroupTryChargeSwapin(int mm, Page page, MemCgroup[] ptr) {
        ptr[0] = memCgroupTryChargeSwapin(mm, page);
        return 0;
    }

    /** step. {@code mem_cgroup_commit_charge_swapin}. */
    void memCgroupCommitChargeSwapin(Page page, MemCgroup ptr);

    /** step. {@code mem_cgroup_cancel_charge_swapin}. */
    void memCgroupCancelChargeSwapin(MemCgroup ptr);

    // ---- pure: static configuration, not steps ----

    /** pure. {@code vma->vm_flags & VM_LOCKED}: the vma is mlocked (fixed for the run). */
    boolean vmLocked(Vma vma);

    /** pure. {@code linear_page_index(vma, address)}. */
    int linearPageIndex(Vma vma, int address);

    /** pure. The rmap world this run follows. */
    KernelBaseline baseline();
}
