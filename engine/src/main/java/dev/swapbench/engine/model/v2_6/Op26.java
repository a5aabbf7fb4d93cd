package dev.swapbench.engine.model.v2_6;

import dev.swapbench.engine.model.Layout;
import dev.swapbench.spi.Pte;

/**
 * {@code Op26} lists the atomic kernel steps of the 2.6.35 / 2.6.36 model, each with the kernel function it stands
 * for (shown in traces). A step's arguments are ints: page frame numbers, swap offsets, mm indices, addresses, pte
 * values. The op code of a step is its ordinal.
 */
public enum Op26 {
    USER_ACCESS("user access (TLB / handle_pte_fault)"),
    MMAP_DOWN_READ("down_read(mmap_sem)"),
    MMAP_UP_READ("up_read(mmap_sem)"),
    MMAP_DOWN_WRITE("down_write(mmap_sem)"),
    MMAP_UP_WRITE("up_write(mmap_sem)"),
    MMAP_DOWN_READ_TRYLOCK("swapoff: mm_users + down_read_trylock(mmap_sem)"),
    MMAP_DOWN_READ_PINNED("down_read(mmap_sem) of a kept mm + ksm_test_exit"),
    FOLLOW_PAGE("follow_page(FOLL_GET)"),
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
    PAGE_MLOCKED("PageMlocked"),
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
    ISOLATE_TO_FREE_SWAP("isolate_lru_page + trylock_page, for activate_locked's try_to_free_swap"),
    SWAPOFF_BEGIN("swapoff: disable the device"),
    SWAPOFF_NEXT_SLOT("try_to_unuse: next slot in use"),
    UNUSE_FIND_PTE("unuse_vma / unuse_pte_range: scan one mm for the entry"),
    SWAPOFF_END("swapoff done; swapon"),
    WAIT_ON_PAGE_WRITEBACK("wait_on_page_writeback"),
    PAGE_ANON("PageAnon"),
    SLOT_COUNT("swap_count(*swap_map)"),
    SWAP_WRITEPAGE("swap_writepage"),
    KSM_SCAN("ksmd: scan_get_next_rmap_item (follow_page)"),
    KSM_TREE_SEARCH("ksmd: stable / unstable tree search"),
    KSM_WRITE_PROTECT_PAGE("ksmd: write_protect_page"),
    KSM_SET_STABLE_NODE_NULL("ksmd: set_page_stable_node to NULL"),
    KSM_REPLACE_PAGE("ksmd: pages_identical + replace_page"),
    KSM_STABLE_TREE_INSERT("ksmd: stable_tree_insert"),
    IO_READ_DONE("end_swap_bio_read"),
    IO_WRITE_DONE("end_swap_bio_write");

    /** Result of a user access that needed no fault. */
    public static final int DONE = -1;
    /** A step's "no page" / "none" result. */
    public static final int NULL = -1;
    /** swapcache_prepare's results besides 0. */
    public static final int EEXIST = 1, ENOENT = 2;
    /** A KSM merge step's failure (the kernel's -EFAULT). */
    public static final int EFAULT = 3;
    /** mem_cgroup_try_charge_swapin's result when it fails ({@code -ENOMEM}); NULL is 0 with ptr NULL. */
    public static final int CHARGE_ENOMEM = -12;
    /** try_to_unmap_one's result for a pte in a VM_LOCKED vma (the page is now mlocked). */
    public static final int SWAP_MLOCK = -2;

    private static final Op26[] VALUES = values();

    private final String kernelFunction;

    Op26(String kernelFunction) {
        this.kernelFunction = kernelFunction;
    }

    /** The kernel function (or hardware event) this step models. */
    public String kernelFunction() {
        return kernelFunction;
    }

    public static Op26 of(int code) {
        return VALUES[code];
    }

    /** Renders a step's arguments for a trace line. */
    static String describeCall(Layout m, Op26 op, int a0, int a1, int a2, int a3) {
        switch (op) {
            case USER_ACCESS:
                return (a2 != 0 ? "write" : "read") + " mm " + m.mmName(a0) + " [" + a1 + "]";
            case MMAP_DOWN_READ:
            case MMAP_UP_READ:
            case MMAP_DOWN_WRITE:
            case MMAP_UP_WRITE:
            case MMAP_DOWN_READ_TRYLOCK:
            case MMAP_DOWN_READ_PINNED:
            case PTE_UNLOCK:
            case MM_EXIT:
                return "mm " + m.mmName(a0);
            case PTE_LOCK:
            case ZAP_PTE:
            case FOLLOW_PAGE:
                return "mm " + m.mmName(a0) + " [" + a1 + "]";
            case SET_PTE_AT:
                return "mm " + m.mmName(a0) + " [" + a1 + "] = " + new Pte(a2);
            case LOOKUP_SWAP_CACHE:
            case FIND_GET_PAGE:
            case SWAPCACHE_PREPARE:
            case SWAP_FREE:
            case FREE_SWAP_AND_CACHE:
                return "swap(" + a0 + ")";
            case ADD_TO_SWAP_CACHE_AND_READ:
                return "page" + a0 + ", swap(" + a1 + ")";
            case COPY_USER_HIGHPAGE:
                return "page" + a0 + " <- page" + a1;
            case PAGE_ADD_ANON_RMAP:
                return "page" + a0 + ", mm " + m.mmName(a1) + " [" + a2 + "]" + (a3 != 0 ? ", exclusive" : "");
            case PAGE_ADD_NEW_ANON_RMAP:
            case PAGE_MOVE_ANON_RMAP:
            case PAGE_FORCE_ANON_RMAP:
            case KSM_MIGHT_NEED_TO_COPY:
                return "page" + a0 + ", mm " + m.mmName(a1) + " [" + a2 + "]";
            case FORK:
                return m.mmName(a0) + " -> " + m.mmName(a1);
            case ALLOC_PAGE_VMA:
            case VM_SWAP_FULL:
            case ISOLATE_LRU_PAGE:
            case ISOLATE_TO_FREE_SWAP:
            case SWAPOFF_BEGIN:
            case SWAPOFF_END:
                return "";
            case MEMCG_TRY_CHARGE_SWAPIN:
                return "mm " + m.mmName(a1) + ", page" + a2;
            case MEMCG_COMMIT_CHARGE_SWAPIN:
                return "page" + a0 + ", " + (a1 < 0 ? "NULL" : m.memcgName(a1));
            case MEMCG_CANCEL_CHARGE_SWAPIN:
                return a0 < 0 ? "NULL" : m.memcgName(a0);
            case MEMCG_NEWPAGE_CHARGE:
                return "page" + a0 + ", mm " + m.mmName(a1);
            case TRY_TO_UNMAP_ONE:
                return "page" + a0;
            case KSM_SCAN:
                return "";
            case KSM_TREE_SEARCH:
                return "for page" + (a0 >>> 16);
            case KSM_WRITE_PROTECT_PAGE:
                return "page" + a0 + ", mm " + m.mmName(a1);
            case KSM_REPLACE_PAGE:
                return "page" + a0 + " by page" + a2 + ", mm " + m.mmName(a1);
            case SWAPOFF_NEXT_SLOT:
                return "after slot " + a0;
            case SLOT_COUNT:
                return "slot" + a0;
            case UNUSE_FIND_PTE:
                return "swap(" + a0 + "), page" + a2 + ", mm " + m.mmName(Layout.positionMm(a1)) + " from ["
                        + m.positionAddress(a1) + "]";
            default:
                return "page" + a0;
        }
    }

    /** Renders a step's result for a trace line, or "" when it has none worth showing. */
    static String describeResult(Layout m, Op26 op, int r) {
        switch (op) {
            case LOOKUP_SWAP_CACHE:
            case FIND_GET_PAGE:
            case ALLOC_PAGE_VMA:
            case ISOLATE_LRU_PAGE:
            case ISOLATE_TO_FREE_SWAP:
            case FREE_SWAP_AND_CACHE:
                return r < 0 ? "NULL" : "page" + r;
            case USER_ACCESS:
                return r == DONE ? "ok" : "fault on " + new Pte(r);
            case FOLLOW_PAGE:
            case KSM_WRITE_PROTECT_PAGE:
                return r < 0 ? (op == FOLLOW_PAGE ? "NULL" : "-EFAULT") : new Pte(r).toString();
            case MMAP_DOWN_READ_TRYLOCK:
                return r < 0 ? "mm exited" : r != 0 ? "taken" : "failed";
            case MMAP_DOWN_READ_PINNED:
                return r != 0 ? "taken" : "taken, mm exited";
            case KSM_SCAN:
            case KSM_TREE_SEARCH:
                return r < 0 ? "nothing" : "page" + (r >>> 16) + ((r & 0xFFFF) == 0xFFFF ? " (stable tree)"
                        : " at mm " + m.mmName(Layout.positionMm(r & 0xFFFF)) + " [" + m.positionAddress(r & 0xFFFF)
                        + "]");
            case KSM_REPLACE_PAGE:
                return r == 0 ? "0" : "-EFAULT";
            case KSM_STABLE_TREE_INSERT:
                return r != 0 ? "stable node set" : "NULL (equal node exists)";
            case SWAP_WRITEPAGE:
                return r != 0 ? "write submitted" : "try_to_free_swap freed it";
            case PTE_LOCK:
            case ZAP_PTE:
                return new Pte(r).toString();
            case SWAPCACHE_PREPARE:
                return r == 0 ? "0" : r == EEXIST ? "-EEXIST" : "-ENOENT";
            case TRYLOCK_PAGE:
            case PAGE_SWAPCACHE:
            case PAGE_UPTODATE:
            case PAGE_WRITEBACK:
            case PAGE_DIRTY:
            case PAGE_MLOCKED:
            case PAGE_ANON:
            case PAGE_KSM:
            case PAGE_MAPPED:
            case VM_SWAP_FULL:
            case KSM_MIGHT_NEED_TO_COPY:
                return r != 0 ? "true" : "false";
            case PAGE_PRIVATE:
                return "swap(" + r + ")";
            case PAGE_MAPCOUNT:
            case PAGE_SWAPCOUNT:
            case SLOT_COUNT:
                return Integer.toString(r);
            case ADD_TO_SWAP:
                return r < 0 ? "failed" : "swap(" + r + ")";
            case TRY_TO_UNMAP_ONE:
                return r == SWAP_MLOCK ? "SWAP_MLOCK (mlock_vma_page)" : r < 0 ? "no pte left" : "unmapped mm " + m.mmName(Layout.positionMm(r)) + " [" + m.positionAddress(r) + "]";
            case PAGEOUT:
                return r != 0 ? "PAGE_SUCCESS" : "PAGE_KEEP";
            case REMOVE_MAPPING:
                return r != 0 ? "freed" : "kept";
            case SWAPOFF_NEXT_SLOT:
                return r < 0 ? "none" : "slot " + r;
            case UNUSE_FIND_PTE:
                return r < 0 ? "none" : "mm " + m.mmName(Layout.positionMm(r)) + " [" + m.positionAddress(r) + "]";
            case MEMCG_TRY_CHARGE_SWAPIN:
                return r == CHARGE_ENOMEM ? "-ENOMEM" : r >= 0 ? m.memcgName(r)
                        : m.memcgOn() ? "0, ptr NULL (charge bypassed)" : "NULL";
            default:
                return "";
        }
    }
}
