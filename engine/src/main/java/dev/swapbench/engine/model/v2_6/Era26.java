package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.PageFlags.PG_DIRTY;
import static dev.swapbench.engine.model.PageFlags.PG_MLOCKED;
import static dev.swapbench.engine.model.PageFlags.PG_READ_IO;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPBACKED;
import static dev.swapbench.engine.model.PageFlags.PG_SWAPCACHE;
import static dev.swapbench.engine.model.PageFlags.PG_UPTODATE;
import static dev.swapbench.engine.model.PageFlags.PG_WRITEBACK;

import dev.swapbench.engine.model.Bug;
import dev.swapbench.engine.model.KernelEra;
import dev.swapbench.engine.model.Layout;

/**
 * {@code Era26} is the 2.6.35 / 2.6.36 kernel model: four tables from an {@link Op26} code to the one routine of
 * the kernel-file class that owns it. The baselines differ only inside the routines that differ.
 */
public final class Era26 implements KernelEra {
    private final Layout l;
    private final PageAlloc pageAlloc;
    private final Filemap filemap;
    private final Memcontrol memcontrol;
    private final Swapfile swapfile;
    private final SwapState swapState;
    private final Memory memory;
    private final Rmap rmap;
    private final Vmscan vmscan;
    private final Ksm ksm;
    private final Footprint26 footprint;

    public Era26(Layout layout) {
        Bug bug = new Bug(layout);
        this.l = layout;
        this.pageAlloc = new PageAlloc(layout, bug);
        this.filemap = new Filemap(layout, bug);
        this.memcontrol = new Memcontrol(layout);
        this.swapfile = new Swapfile(layout, bug, memcontrol, pageAlloc);
        this.swapState = swapfile.swapState();
        this.memory = new Memory(layout, bug, pageAlloc, memcontrol, swapfile);
        this.rmap = new Rmap(layout, bug, pageAlloc, memcontrol, swapfile);
        this.vmscan = new Vmscan(layout, bug, pageAlloc, swapState);
        this.ksm = new Ksm(layout, bug, pageAlloc, memcontrol);
        this.footprint = new Footprint26(layout);
    }

    @Override
    public boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        switch (Op26.of(op)) {
            case LOCK_PAGE: return filemap.lockPageReady(s, a0);
            case PTE_LOCK: return memory.ptlFree(s, a0);
            case USER_ACCESS: return memory.mmAlive(s, a0);
            case MMAP_DOWN_READ: return memory.downReadReady(s, a0);
            case MMAP_DOWN_WRITE: return memory.downWriteReady(s, a0);
            case SWAPCACHE_PREPARE: return swapfile.swapcachePrepareReady(s, a0);
            case TRY_TO_UNMAP_ONE: return rmap.tryToUnmapOneReady(s, a0, a1);
            case FORK: return memory.ptlFree(s, a0);
            case WAIT_ON_PAGE_WRITEBACK: return filemap.writebackDone(s, a0);
            case MMAP_DOWN_READ_PINNED: return memory.downReadPinnedReady(s, a0);
            case FOLLOW_PAGE: return memory.ptlFree(s, a0);
            case KSM_SCAN: return ksm.scanReady(s);
            case KSM_TREE_SEARCH: return ksm.treeSearchReady(s, a0);
            case KSM_WRITE_PROTECT_PAGE: return ksm.writeProtectPageReady(s, a0, a1);
            case KSM_REPLACE_PAGE: return ksm.replacePageReady(s, a0, a1);
            default: return true;
        }
    }

    @Override
    public int choices(int[] s, int op, int a0) {
        switch (Op26.of(op)) {
            case ISOLATE_LRU_PAGE: return vmscan.isolateLruPageChoices(s);
            case ISOLATE_TO_FREE_SWAP: return vmscan.isolateToFreeSwapChoices(s);
            case KSM_SCAN: return ksm.scanChoices(s);
            case KSM_TREE_SEARCH: return ksm.treeSearchChoices(s, a0);
            case ADD_TO_SWAP: return swapfile.getSwapPageChoices(s);
            case MEMCG_TRY_CHARGE_SWAPIN: return memcontrol.memCgroupTryChargeSwapinChoices(a0 != 0);
            default: return 1;
        }
    }

    /**
     * A step folds into the one before it when it reads only data the thread's locks protect, or touches only a page
     * no one else can reach, or nothing at all: it commutes with every step of every other thread and changes nothing
     * a check reads, so merging it loses no interleaving (the classic invisible, independent local step).
     */
    @Override
    public boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        switch (Op26.of(op)) {
            // written only under the page lock (add/delete_from_swap_cache, ksmd, pageout, end_swap_bio_read)
            case PAGE_SWAPCACHE: case PAGE_PRIVATE: case PAGE_KSM: case PAGE_ANON: case PAGE_DIRTY: case PAGE_UPTODATE:
            case PAGE_MLOCKED:
                return pageAlloc.lockedBy(s, a0, owner);
            case KSM_MIGHT_NEED_TO_COPY: return ksm.ksmMightNeedToCopyIsLocal(s, a0, owner);
            case VM_SWAP_FULL: case MEMCG_TRY_CHARGE_SWAPIN: case MEMCG_COMMIT_CHARGE_SWAPIN:
            case MEMCG_CANCEL_CHARGE_SWAPIN: case MEMCG_NEWPAGE_CHARGE: case MEMCG_UNCHARGE_PAGE:
                return memcontrol.off();
            case SET_PAGE_UPTODATE: case SET_PAGE_SWAPBACKED: case SET_PAGE_LOCKED:
                return pageAlloc.privateToHolder(s, a0);
            case SET_PAGE_DIRTY: return pageAlloc.privateOrLockedBy(s, a0, owner);
            case COPY_USER_HIGHPAGE: return memory.copyIsPrivate(s, a0, a1);
            case MMAP_DOWN_READ: case MMAP_UP_READ: case MMAP_DOWN_READ_TRYLOCK: case MMAP_DOWN_READ_PINNED:
                return memory.mmapReadInvisible(a0);
            default: return false;
        }
    }

    @Override
    public boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return footprint.footprint(s, op, a0, a1, a2, a3, out);
    }

    @Override
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        switch (Op26.of(op)) {
            // ---- mm/memory.c, mmap_sem, exit_mmap ----
            case USER_ACCESS: return memory.userAccess(s, a0, a1, a2 != 0);
            case MMAP_DOWN_READ: memory.downRead(s, a0); return 0;
            case MMAP_UP_READ: memory.upRead(s, a0); return 0;
            case MMAP_DOWN_WRITE: memory.downWrite(s, a0); return 0;
            case MMAP_UP_WRITE: memory.upWrite(s, a0); return 0;
            case MMAP_DOWN_READ_TRYLOCK: return memory.downReadTrylock(s, a0);
            case MMAP_DOWN_READ_PINNED: return memory.downReadPinned(s, a0);
            case FOLLOW_PAGE: return memory.followPage(s, a0, a1);
            case PTE_LOCK: return memory.pteOffsetMapLock(s, owner, a0, a1);
            case PTE_UNLOCK: memory.pteUnmapUnlock(s, owner, a0); return 0;
            case SET_PTE_AT: memory.setPteAt(s, owner, a0, a1, a2); return 0;
            case COPY_USER_HIGHPAGE: memory.copyUserHighpage(s, a0, a1); return 0;
            case ZAP_PTE: return memory.zapPte(s, owner, a0, a1);
            case FORK: memory.copyPageRange(s, a0, a1); return 0;
            case MM_EXIT: memory.exitMmap(s, a0); return 0;
            // ---- struct page: mm/page_alloc.c, mm/swap.c, include/linux/page-flags.h ----
            case ALLOC_PAGE_VMA: return pageAlloc.allocPageVma(s);
            case GET_PAGE: pageAlloc.getPage(s, a0); return 0;
            case PUT_PAGE: pageAlloc.putPageInUse(s, a0); return 0;
            case PAGE_SWAPCACHE: return pageAlloc.testFlag(s, a0, PG_SWAPCACHE);
            case PAGE_PRIVATE: return pageAlloc.pagePrivate(s, a0);
            case PAGE_UPTODATE: return pageAlloc.testFlag(s, a0, PG_UPTODATE);
            case PAGE_WRITEBACK: return pageAlloc.testFlag(s, a0, PG_WRITEBACK);
            case PAGE_DIRTY: return pageAlloc.testFlag(s, a0, PG_DIRTY);
            case PAGE_MLOCKED: return pageAlloc.testFlag(s, a0, PG_MLOCKED);
            case PAGE_ANON: return pageAlloc.pageAnon(s, a0);
            case PAGE_MAPCOUNT: return pageAlloc.pageMapcount(s, a0);
            case PAGE_MAPPED: return pageAlloc.pageMapped(s, a0);
            case SET_PAGE_DIRTY: pageAlloc.setFlag(s, a0, PG_DIRTY, "SetPageDirty"); return 0;
            case SET_PAGE_UPTODATE: pageAlloc.setFlag(s, a0, PG_UPTODATE, "__SetPageUptodate"); return 0;
            case SET_PAGE_SWAPBACKED: pageAlloc.setFlag(s, a0, PG_SWAPBACKED, "SetPageSwapBacked"); return 0;
            case LRU_CACHE_ADD: pageAlloc.lruCacheAddLru(s, a0); return 0;
            // ---- the page lock and find_get_page: mm/filemap.c, include/linux/pagemap.h ----
            case LOOKUP_SWAP_CACHE: case FIND_GET_PAGE: return filemap.findGetPage(s, a0);
            case LOCK_PAGE: filemap.lockPage(s, owner, a0); return 0;
            case TRYLOCK_PAGE: return filemap.trylockPage(s, owner, a0);
            case UNLOCK_PAGE: filemap.unlockPage(s, a0); return 0;
            case SET_PAGE_LOCKED: filemap.setPageLocked(s, owner, a0); return 0;
            case WAIT_ON_PAGE_WRITEBACK: return 0; // the wait is the step's enabledness
            // ---- mm/swap_state.c, mm/page_io.c ----
            case ADD_TO_SWAP_CACHE_AND_READ: swapState.addToSwapCacheAndRead(s, a0, a1); return 0;
            case IO_READ_DONE: swapState.endSwapBioRead(s, a0); return 0;
            case IO_WRITE_DONE: swapState.endSwapBioWrite(s, a0); return 0;
            case DELETE_FROM_SWAP_CACHE:
                swapState.deleteFromSwapCache(s, a0, "delete_from_swap_cache", true);
                return 0;
            case ADD_TO_SWAP: return swapState.addToSwap(s, a0, choice);
            // ---- mm/swapfile.c ----
            case SWAPCACHE_PREPARE: return swapfile.swapcachePrepare(s, a0);
            case PAGE_SWAPCOUNT: return swapfile.pageSwapcount(s, a0);
            case SWAP_FREE: swapfile.swapFree(s, a0); return 0;
            case VM_SWAP_FULL: return swapfile.vmSwapFull();
            case FREE_SWAP_AND_CACHE: return swapfile.freeSwapAndCache(s, owner, a0);
            case SWAPOFF_BEGIN: swapfile.swapoffBegin(s); return 0;
            case SWAPOFF_NEXT_SLOT: return swapfile.findNextToUnuse(s, a0);
            case UNUSE_FIND_PTE: return swapfile.unuseFindPte(s, a0, a1, a2);
            case SLOT_COUNT: return swapfile.slotCount(s, a0);
            case SWAP_WRITEPAGE: return swapfile.swapWritepage(s, a0);
            case SWAPOFF_END: swapfile.swapoffEnd(s); return 0;
            // ---- mm/rmap.c ----
            case PAGE_ADD_ANON_RMAP: rmap.pageAddAnonRmap(s, a0, a1, a2, a3); return 0;
            case PAGE_ADD_NEW_ANON_RMAP: rmap.pageAddNewAnonRmap(s, a0, a1, a2); return 0;
            case PAGE_MOVE_ANON_RMAP: rmap.pageMoveAnonRmap(s, a0, a1, a2); return 0;
            case PAGE_FORCE_ANON_RMAP: rmap.pageForceAnonRmap(s, a0, a1, a2); return 0;
            case PAGE_REMOVE_RMAP: rmap.pageRemoveRmap(s, a0); return 0;
            case TRY_TO_UNMAP_ONE: return rmap.tryToUnmapOne(s, a0, a1);
            // ---- mm/vmscan.c ----
            case ISOLATE_LRU_PAGE: return vmscan.isolateLruPage(s, owner, choice);
            case ISOLATE_TO_FREE_SWAP: return vmscan.isolateToFreeSwap(s, owner, choice);
            case PAGEOUT: return vmscan.pageout(s, a0);
            case REMOVE_MAPPING: return vmscan.removeMapping(s, a0);
            case PUTBACK_LRU_PAGE: vmscan.putbackLruPage(s, a0); return 0;
            // ---- mm/ksm.c ----
            case PAGE_KSM: return ksm.pageKsm(s, a0);
            case KSM_MIGHT_NEED_TO_COPY: return ksm.ksmMightNeedToCopy(s, a0, a1, a2) ? 1 : 0;
            case KSM_SCAN: return ksm.scan(s, choice);
            case KSM_TREE_SEARCH: return ksm.treeSearch(s, a0, choice);
            case KSM_WRITE_PROTECT_PAGE: return ksm.writeProtectPage(s, a0, a1);
            case KSM_SET_STABLE_NODE_NULL: ksm.setPageStableNodeNull(s, a0); return 0;
            case KSM_REPLACE_PAGE: return ksm.replacePage(s, a0, a1, a2, a3);
            case KSM_STABLE_TREE_INSERT: return ksm.stableTreeInsert(s, a0);
            // ---- mm/memcontrol.c ----
            case MEMCG_TRY_CHARGE_SWAPIN: return memcontrol.memCgroupTryChargeSwapin(s, a1, a2, a0 != 0, choice);
            case MEMCG_COMMIT_CHARGE_SWAPIN: memcontrol.memCgroupCommitChargeSwapin(s, a0, a1, a2); return 0;
            case MEMCG_CANCEL_CHARGE_SWAPIN: memcontrol.memCgroupCancelChargeSwapin(s, a0); return 0;
            case MEMCG_NEWPAGE_CHARGE: memcontrol.memCgroupNewpageCharge(s, a0, a1); return 0;
            case MEMCG_UNCHARGE_PAGE:
                memcontrol.memCgroupUnchargePage(s, a0, "mem_cgroup_uncharge_page(page" + a0 + ")");
                return 0;
            default: throw new IllegalStateException("unknown step " + op);
        }
    }

    @Override
    public String label(int op) {
        return Op26.of(op).kernelFunction();
    }

    @Override
    public int ioDone(int[] s, int pfn) {
        return (l.test(s, pfn, PG_READ_IO) ? Op26.IO_READ_DONE : Op26.IO_WRITE_DONE).ordinal();
    }

    @Override
    public String describeCall(int op, int a0, int a1, int a2, int a3) {
        return Op26.describeCall(l, Op26.of(op), a0, a1, a2, a3);
    }

    @Override
    public String describeResult(int op, int r) {
        return Op26.describeResult(l, Op26.of(op), r);
    }
}
