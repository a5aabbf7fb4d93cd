package dev.swapbench.engine.model;

/**
 * The atomic kernel steps of the model, with the kernel function each one stands for (shown in traces).
 * A step's arguments are ints: page frame numbers, slots, mm ids, addresses, pte values.
 */
public enum Op {
    USER_ACCESS("user access (TLB / handle_pte_fault)"),
    MMAP_DOWN_READ("down_read(mmap_sem)"),
    MMAP_UP_READ("up_read(mmap_sem)"),
    MMAP_DOWN_WRITE("down_write(mmap_sem)"),
    MMAP_UP_WRITE("up_write(mmap_sem)"),
    LOOKUP_SWAP_CACHE("lookup_swap_cache"),
    FIND_GET_PAGE("find_get_page"),
    ALLOC_PAGE_VMA("alloc_page_vma"),
    SWAPCACHE_PREPARE("swapcache_prepare"),
    ADD_TO_SWAP_CACHE_AND_READ("add_to_swap_cache + swap_readpage"),
    LOCK_PAGE("lock_page"),
    TRYLOCK_PAGE("trylock_page"),
    UNLOCK_PAGE("unlock_page"),
    GET_PAGE("get_page"),
    PUT_PAGE("put_page"),
    PAGE_SWAPCACHE("PageSwapCache"),
    PAGE_PRIVATE("page_private"),
    PAGE_UPTODATE("PageUptodate"),
    PAGE_WRITEBACK("PageWriteback"),
    PAGE_DIRTY("PageDirty"),
    PAGE_KSM("PageKsm"),
    PAGE_MAPCOUNT("page_mapcount"),
    SET_PAGE_DIRTY("SetPageDirty"),
    SET_PAGE_UPTODATE("__SetPageUptodate"),
    SET_PAGE_SWAPBACKED("SetPageSwapBacked"),
    SET_PAGE_LOCKED("__set_page_locked"),
    PAGE_SWAPCOUNT("page_swapcount"),
    SWAP_FREE("swap_free"),
    VM_SWAP_FULL("vm_swap_full"),
    DELETE_FROM_SWAP_CACHE("delete_from_swap_cache"),
    PTE_LOCK("pte_offset_map_lock"),
    PTE_UNLOCK("pte_unmap_unlock"),
    SET_PTE_AT("set_pte_at"),
    COPY_USER_HIGHPAGE("copy_user_highpage"),
    LRU_CACHE_ADD("lru_cache_add_lru"),
    PAGE_ADD_ANON_RMAP("page_add_anon_rmap"),
    PAGE_ADD_NEW_ANON_RMAP("page_add_new_anon_rmap"),
    PAGE_MOVE_ANON_RMAP("page_move_anon_rmap"),
    PAGE_FORCE_ANON_RMAP("force page->mapping/index"),
    PAGE_REMOVE_RMAP("page_remove_rmap"),
    KSM_MIGHT_NEED_TO_COPY("ksm_might_need_to_copy"),
    MEMCG_TRY_CHARGE_SWAPIN("mem_cgroup_try_charge_swapin"),
    MEMCG_COMMIT_CHARGE_SWAPIN("mem_cgroup_commit_charge_swapin"),
    MEMCG_CANCEL_CHARGE_SWAPIN("mem_cgroup_cancel_charge_swapin"),
    MEMCG_NEWPAGE_CHARGE("mem_cgroup_newpage_charge"),
    MEMCG_UNCHARGE_PAGE("mem_cgroup_uncharge_page"),
    ZAP_PTE("zap_pte_range (one pte)"),
    FREE_SWAP_AND_CACHE("free_swap_and_cache: swap_entry_free + trylock"),
    FORK("fork: copy_page_range"),
    MM_EXIT("exit_mmap: mm gone"),
    ISOLATE_LRU_PAGE("isolate_lru_page + trylock_page"),
    ADD_TO_SWAP("add_to_swap"),
    TRY_TO_UNMAP_ONE("try_to_unmap_one (rmap walk)"),
    PAGE_MAPPED("page_mapped"),
    PAGEOUT("pageout"),
    REMOVE_MAPPING("__remove_mapping"),
    PUTBACK_LRU_PAGE("putback_lru_page"),
    PICK_SWAPCACHE_PAGE("get_page + trylock_page on a swap cache page"),
    SWAPOFF_BEGIN("swapoff: disable the device"),
    SWAPOFF_NEXT_SLOT("try_to_unuse: next slot in use"),
    UNUSE_FIND_PTE("unuse_pte_range: scan for the entry"),
    SWAPOFF_END("swapoff done; swapon"),
    WAIT_ON_PAGE_WRITEBACK("wait_on_page_writeback"),
    PAGE_ANON("PageAnon"),
    SLOT_COUNT("swap_count(*swap_map)"),
    SWAP_WRITEPAGE_SYNC("swap_writepage + wait_on_page_writeback"),
    KSM_MERGE("ksmd: try_to_merge_one_page + replace_page"),
    IO_READ_DONE("end_swap_bio_read"),
    IO_WRITE_DONE("end_swap_bio_write");

    private final String kernelFunction;

    Op(String kernelFunction) {
        this.kernelFunction = kernelFunction;
    }

    /** The kernel function (or hardware event) this step models. */
    public String kernelFunction() {
        return kernelFunction;
    }

    private static final Op[] VALUES = values();

    public static Op of(int code) {
        return VALUES[code];
    }
}
