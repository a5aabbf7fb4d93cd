package dev.swapbench.engine.model.v6;

/**
 * The atomic kernel steps of the v6 model, grouped by the kernel file that owns them, with the kernel function each
 * stands for (shown in traces). Arguments are ints: frame numbers, slots, mm indices, addresses, pte values.
 */
public enum Op6 {
    // ---- mm/memory.c ----
    USER_ACCESS("user access (TLB / handle_pte_fault)"),
    PTE_LOCK("pte_offset_map_lock"),
    PTE_UNLOCK("pte_unmap_unlock"),
    SET_PTE_AT("set_pte_at"),
    WP_CAN_REUSE("wp_can_reuse_anon_folio"),
    COPY_FOLIO("__wp_page_copy_user"),
    MM_EXIT("mmput: mm_users 0, exit_mmap"),
    ZAP_PTE("zap_pte_range: ptep_get_and_clear_full"),

    // ---- mm/swapfile.c ----
    GET_SWAP_DEVICE("get_swap_device"),
    PUT_SWAP_DEVICE("put_swap_device"),
    SWAP_COUNT("__swap_count"),
    SWAPCACHE_PREPARE("swapcache_prepare"),
    SWAPCACHE_CLEAR("swapcache_clear"),
    SWAP_FREE("swap_free"),
    FOLIO_ALLOC_SWAP("folio_alloc_swap + add_to_swap_cache"),
    SWAPOFF_BEGIN("swapoff: del_from_avail_list, clear SWP_WRITEOK"),
    SWAPOFF_NEXT_SLOT("try_to_unuse: find_next_to_unuse"),
    UNUSE_PTES("unuse_pte_range: unuse_pte for the entry"),
    SWAPOFF_KILL("swapoff: percpu_ref_kill(&p->users)"),
    SWAPOFF_FREE("swapoff: wait for users, free swap_map"),
    SWAP_ENTRY_FREE("free_swap_and_cache: __swap_entry_free"),
    SWAP_PAGE_TRANS_HUGE_SWAPPED("swap_page_trans_huge_swapped"),
    TRY_TO_RECLAIM_SWAP("__try_to_reclaim_swap (TTRS_UNMAPPED | TTRS_FULL)"),

    // ---- mm/swap_state.c ----
    SWAP_CACHE_GET_FOLIO("swap_cache_get_folio"),
    ADD_TO_SWAP_CACHE("add_to_swap_cache"),
    WAIT_SWAPCACHE_PIN("__read_swap_cache_async: -EEXIST, schedule_timeout_uninterruptible(1)"),
    FOLIO_FREE_SWAP("folio_free_swap"),

    // ---- include/linux/pagemap.h, mm/filemap.c ----
    FOLIO_LOCK("folio_lock"),
    FOLIO_UNLOCK("folio_unlock"),
    FOLIO_TEST_SWAPCACHE("folio_test_swapcache"),
    FOLIO_SWAP("folio->swap"),
    FOLIO_TEST_UPTODATE("folio_test_uptodate"),
    FOLIO_REF_COUNT("folio_ref_count"),

    // ---- mm/page_alloc.c, mm/swap.c ----
    VMA_ALLOC_FOLIO("vma_alloc_folio"),
    FOLIO_SET_LOCKED("__folio_set_locked"),
    FOLIO_SET_SWAPBACKED("__folio_set_swapbacked"),
    FOLIO_ADD_LRU("folio_add_lru"),
    FOLIO_GET("folio_get"),
    FOLIO_PUT("folio_put"),

    // ---- mm/memcontrol.c ----
    MEM_CGROUP_CHARGE("mem_cgroup_charge"),
    MEM_CGROUP_SWAPIN_CHARGE_FOLIO("mem_cgroup_swapin_charge_folio"),
    MEM_CGROUP_SWAPIN_UNCHARGE_SWAP("mem_cgroup_swapin_uncharge_swap"),

    // ---- mm/page_io.c ----
    SWAP_READ_FOLIO("swap_read_folio (synchronous)"),
    SWAP_WRITEPAGE("swap_writepage (synchronous)"),

    // ---- mm/rmap.c ----
    FOLIO_ADD_NEW_ANON_RMAP("folio_add_new_anon_rmap"),
    FOLIO_ADD_ANON_RMAP_PTE("folio_add_anon_rmap_pte"),
    FOLIO_REMOVE_RMAP_PTE("folio_remove_rmap_pte"),
    TRY_TO_UNMAP("try_to_unmap (rmap walk)"),

    // ---- mm/vmscan.c ----
    ISOLATE_FOLIO("folio_isolate_lru + folio_trylock"),
    REMOVE_MAPPING("__remove_mapping"),
    PUTBACK_FOLIO("folio_unlock + folio_putback_lru"),

    // ---- kernel/time/timer.c, kernel/sched/wait.c ----
    SCHEDULE_TIMEOUT("schedule_timeout_uninterruptible(1)"),
    ADD_WAIT_QUEUE("add_wait_queue(&swapcache_wq)"),
    REMOVE_WAIT_QUEUE("remove_wait_queue(&swapcache_wq)"),
    WAITQUEUE_ACTIVE("waitqueue_active(&swapcache_wq)"),
    WAKE_UP("wake_up(&swapcache_wq)");

    private final String kernelFunction;

    Op6(String kernelFunction) {
        this.kernelFunction = kernelFunction;
    }

    /** The kernel function (or hardware event) this step models. */
    public String kernelFunction() {
        return kernelFunction;
    }

    private static final Op6[] VALUES = values();

    public static Op6 of(int code) {
        return VALUES[code];
    }
}
