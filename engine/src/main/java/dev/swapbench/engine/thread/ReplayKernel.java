package dev.swapbench.engine.thread;

import dev.swapbench.engine.model.Machine;
import dev.swapbench.engine.model.v2_6.Op26;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.MemCgroup;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.spi.VmFault;
import dev.swapbench.spi.Vma;

/**
 * The {@link Kernel} thread code runs against: per-thread replay. Calls answered from the recorded history return
 * at once without touching any machine; the first call past the history is recorded as the thread's pending step and
 * unwinds the thread. Routines ({@code reuse_swap_page}, {@code do_wp_page}, ...) are thread code too, in
 * {@link KernelRoutines}; they reach the policy's hooks through {@link #policy}.
 */
public final class ReplayKernel extends Replay implements Kernel {
    final SwapFaultPolicy policy;
    final Machine machine;
    final KernelRoutines routines;
    private final ThreadProgram program;

    /** The swap entry of the fault being handled (passed to commit_charge_swapin for the memcg-drift check). */
    int faultEntry;

    ReplayKernel(SwapFaultPolicy policy, Machine machine, ThreadProgram program) {
        this.policy = policy;
        this.machine = machine;
        this.program = program;
        this.routines = new KernelRoutines(this, policy);
    }

    @Override
    ThreadProgram program() {
        return program;
    }

    @Override
    int episode(int pc) {
        return program.episode(this, pc);
    }

    @Override
    String kernelFunction(int op) {
        return Op26.of(op).kernelFunction();
    }

    @Override
    void resetLocals() {
        faultEntry = 0;
    }

    int call(Op26 op, int a0, int a1, int a2, int a3) {
        return call(op.ordinal(), a0, a1, a2, a3);
    }

    int call(Op26 op, int a0) {
        return call(op, a0, 0, 0, 0);
    }

    int call(Op26 op, int a0, int a1) {
        return call(op, a0, a1, 0, 0);
    }

    int call(Op26 op, int a0, int a1, int a2) {
        return call(op, a0, a1, a2, 0);
    }

    private static int pfn(Page p) {
        if (p == null) {
            throw new NullPointerException("NULL page passed to the kernel");
        }
        return p.pfn();
    }

    private static Page page(int pfn) {
        return pfn < 0 ? null : new Page(pfn);
    }

    private static boolean bool(int r) {
        return r != 0;
    }

    // ---- SPI: swap cache ----

    @Override
    public Page lookupSwapCache(SwapEntry entry) {
        return page(call(Op26.LOOKUP_SWAP_CACHE, entry.val()));
    }

    @Override
    public Page swapinReadahead(SwapEntry entry, Vma vma, int address) {
        return routines.readSwapCacheAsync(entry, vma, address);
    }

    @Override
    public void deleteFromSwapCache(Page page) {
        call(Op26.DELETE_FROM_SWAP_CACHE, pfn(page));
    }

    // ---- SPI: locks and references ----

    @Override
    public void lockPage(Page page) {
        call(Op26.LOCK_PAGE, pfn(page));
    }

    @Override
    public boolean trylockPage(Page page) {
        return bool(call(Op26.TRYLOCK_PAGE, pfn(page)));
    }

    @Override
    public void unlockPage(Page page) {
        call(Op26.UNLOCK_PAGE, pfn(page));
    }

    @Override
    public void getPage(Page page) {
        call(Op26.GET_PAGE, pfn(page));
    }

    @Override
    public void pageCacheRelease(Page page) {
        call(Op26.PUT_PAGE, pfn(page));
    }

    // ---- SPI: flags ----

    @Override
    public boolean pageSwapCache(Page page) {
        return bool(call(Op26.PAGE_SWAPCACHE, pfn(page)));
    }

    @Override
    public int pagePrivate(Page page) {
        return call(Op26.PAGE_PRIVATE, pfn(page));
    }

    @Override
    public boolean pageUptodate(Page page) {
        return bool(call(Op26.PAGE_UPTODATE, pfn(page)));
    }

    @Override
    public boolean pageWriteback(Page page) {
        return bool(call(Op26.PAGE_WRITEBACK, pfn(page)));
    }

    @Override
    public boolean pageKsm(Page page) {
        return bool(call(Op26.PAGE_KSM, pfn(page)));
    }

    @Override
    public int pageMapcount(Page page) {
        return call(Op26.PAGE_MAPCOUNT, pfn(page));
    }

    @Override
    public void setPageDirty(Page page) {
        call(Op26.SET_PAGE_DIRTY, pfn(page));
    }

    @Override
    public void setPageUptodate(Page page) {
        call(Op26.SET_PAGE_UPTODATE, pfn(page));
    }

    @Override
    public void setPageSwapBacked(Page page) {
        call(Op26.SET_PAGE_SWAPBACKED, pfn(page));
    }

    @Override
    public void setPageLocked(Page page) {
        call(Op26.SET_PAGE_LOCKED, pfn(page));
    }

    // ---- SPI: swap slots ----

    @Override
    public int pageSwapcount(Page page) {
        return call(Op26.PAGE_SWAPCOUNT, pfn(page));
    }

    @Override
    public void swapFree(SwapEntry entry) {
        call(Op26.SWAP_FREE, entry.val());
    }

    @Override
    public boolean pageMlocked(Page page) {
        return bool(call(Op26.PAGE_MLOCKED, pfn(page)));
    }

    @Override
    public boolean vmLocked(Vma vma) {
        return machine.vmLocked(vma.mm());
    }

    @Override
    public boolean vmSwapFull() {
        return bool(call(Op26.VM_SWAP_FULL, 0));
    }

    @Override
    public boolean reuseSwapPage(Page page) {
        return routines.reuseSwapPage(page);
    }

    @Override
    public boolean tryToFreeSwap(Page page) {
        return routines.tryToFreeSwap(page);
    }

    // ---- SPI: page tables ----

    @Override
    public Pte pteOffsetMapLock(Fault fault) {
        return new Pte(call(Op26.PTE_LOCK, fault.mm(), fault.address()));
    }

    @Override
    public void pteUnmapUnlock(Fault fault) {
        call(Op26.PTE_UNLOCK, fault.mm());
    }

    @Override
    public void setPteAt(Fault fault, Pte pte) {
        call(Op26.SET_PTE_AT, fault.mm(), fault.address(), pte.value());
    }

    @Override
    public int doWpPage(Fault fault, Pte origPte) {
        return routines.doWpPage(fault, origPte);
    }

    // ---- SPI: allocation ----

    @Override
    public Page allocPageVma(Vma vma, int address) {
        return page(call(Op26.ALLOC_PAGE_VMA, vma.mm(), address));
    }

    @Override
    public void copyUserHighpage(Page to, Page from) {
        call(Op26.COPY_USER_HIGHPAGE, pfn(to), pfn(from));
    }

    @Override
    public void lruCacheAddLru(Page page) {
        call(Op26.LRU_CACHE_ADD, pfn(page));
    }

    // ---- SPI: rmap ----

    @Override
    public void pageAddAnonRmap(Page page, Vma vma, int address) {
        call(Op26.PAGE_ADD_ANON_RMAP, pfn(page), vma.mm(), address, 0);
    }

    @Override
    public void doPageAddAnonRmap(Page page, Vma vma, int address, boolean exclusive) {
        call(Op26.PAGE_ADD_ANON_RMAP, pfn(page), vma.mm(), address, exclusive ? 1 : 0);
    }

    @Override
    public void pageMoveAnonRmap(Page page, Vma vma, int address) {
        call(Op26.PAGE_MOVE_ANON_RMAP, pfn(page), vma.mm(), address);
    }

    @Override
    public void pageRemoveRmap(Page page) {
        call(Op26.PAGE_REMOVE_RMAP, pfn(page));
    }

    @Override
    public void pageForceAnonRmap(Page page, Vma vma, int address) {
        call(Op26.PAGE_FORCE_ANON_RMAP, pfn(page), vma.mm(), address);
    }

    // ---- SPI: KSM ----

    @Override
    public boolean ksmMightNeedToCopy(Page page, Vma vma, int address) {
        return bool(call(Op26.KSM_MIGHT_NEED_TO_COPY, pfn(page), vma.mm(), address));
    }

    @Override
    public Page ksmDoesNeedToCopy(Page page, Vma vma, int address) {
        return routines.ksmDoesNeedToCopy(page, vma, address);
    }

    // ---- SPI: memcg ----

    @Override
    public MemCgroup memCgroupTryChargeSwapin(int mm, Page page) {
        int id = call(Op26.MEMCG_TRY_CHARGE_SWAPIN, 0, mm, pfn(page));
        return id < 0 ? null : new MemCgroup(id);
    }

    @Override
    public int memCgroupTryChargeSwapin(int mm, Page page, MemCgroup[] ptr) {
        int id = call(Op26.MEMCG_TRY_CHARGE_SWAPIN, 1, mm, pfn(page));
        ptr[0] = id < 0 ? null : new MemCgroup(id);
        return id == Op26.CHARGE_ENOMEM ? -VmFault.ENOMEM : 0;
    }

    @Override
    public void memCgroupCommitChargeSwapin(Page page, MemCgroup ptr) {
        call(Op26.MEMCG_COMMIT_CHARGE_SWAPIN, pfn(page), ptr == null ? -1 : ptr.id(), faultEntry);
    }

    @Override
    public void memCgroupCancelChargeSwapin(MemCgroup ptr) {
        call(Op26.MEMCG_CANCEL_CHARGE_SWAPIN, ptr == null ? -1 : ptr.id());
    }

    // ---- SPI: pure ----

    @Override
    public int linearPageIndex(Vma vma, int address) {
        return machine.linearPageIndex(vma.mm(), address);
    }

    @Override
    public KernelBaseline baseline() {
        return machine.baseline();
    }
}
