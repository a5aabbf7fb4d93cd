package dev.swapbench.engine.thread;

import dev.swapbench.engine.model.v6.Era6;
import dev.swapbench.engine.model.v6.Op6;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;
import dev.swapbench.spi.folio.Folio;
import dev.swapbench.spi.folio.FolioFaultPolicy;
import dev.swapbench.spi.folio.FolioKernel;
import dev.swapbench.spi.folio.SwapInfo;

/**
 * The {@link FolioKernel} v6 thread code runs against: per-thread replay (see {@link Replay}) over {@link Op6} steps.
 * Routines ({@code swapin_readahead}, {@code folio_free_swap}) are thread code in {@link FolioRoutines}.
 */
final class FolioReplayKernel extends Replay implements FolioKernel {
    private static final SwapInfo SI = new SwapInfo(0);

    final FolioFaultPolicy policy;
    final Era6 era;
    final FolioRoutines routines;
    private final ThreadProgram program;

    FolioReplayKernel(FolioFaultPolicy policy, Era6 era, ThreadProgram program) {
        this.policy = policy;
        this.era = era;
        this.program = program;
        this.routines = new FolioRoutines(this);
    }

    @Override
    ThreadProgram program() {
        return program;
    }

    @Override
    int episode(int pc) {
        return routines.episode(program, pc);
    }

    @Override
    String kernelFunction(int op) {
        return Op6.of(op).kernelFunction();
    }

    int call(Op6 op, int a0, int a1, int a2) {
        return call(op.ordinal(), a0, a1, a2, 0);
    }

    int call(Op6 op, int a0, int a1) {
        return call(op.ordinal(), a0, a1, 0, 0);
    }

    int call(Op6 op, int a0) {
        return call(op.ordinal(), a0, 0, 0, 0);
    }

    private static int pfn(Folio f) {
        if (f == null) {
            throw new NullPointerException("NULL folio passed to the kernel");
        }
        return f.pfn();
    }

    private static Folio folio(int pfn) {
        return pfn < 0 ? null : new Folio(pfn);
    }

    // ---- swap device ----

    @Override
    public SwapInfo getSwapDevice(SwapEntry entry) {
        return call(Op6.GET_SWAP_DEVICE, 0) < 0 ? null : SI;
    }

    @Override
    public void putSwapDevice(SwapInfo si) {
        if (si == null) {
            throw new NullPointerException("put_swap_device(NULL)");
        }
        call(Op6.PUT_SWAP_DEVICE, 0);
    }

    @Override
    public boolean swpSynchronousIo() {
        return era.layout().synchronousIo();
    }

    @Override
    public int swapCount(SwapEntry entry) {
        return call(Op6.SWAP_COUNT, entry.val());
    }

    @Override
    public int swapcachePrepare(SwapEntry entry) {
        return call(Op6.SWAPCACHE_PREPARE, entry.val());
    }

    @Override
    public void swapcacheClear(SwapInfo si, SwapEntry entry) {
        call(Op6.SWAPCACHE_CLEAR, entry.val());
    }

    @Override
    public void swapFree(SwapEntry entry) {
        call(Op6.SWAP_FREE, entry.val());
    }

    // ---- swap cache ----

    @Override
    public Folio swapCacheGetFolio(SwapEntry entry) {
        return folio(call(Op6.SWAP_CACHE_GET_FOLIO, entry.val()));
    }

    @Override
    public Folio swapinReadahead(SwapEntry entry, Fault vmf) {
        return routines.readSwapCacheAsync(entry.val(), vmf.mm(), vmf.address());
    }

    @Override
    public boolean folioFreeSwap(Folio folio) {
        return call(Op6.FOLIO_FREE_SWAP, pfn(folio)) != 0;
    }

    // ---- folios ----

    @Override
    public void folioLock(Folio folio) {
        call(Op6.FOLIO_LOCK, pfn(folio));
    }

    @Override
    public void folioUnlock(Folio folio) {
        call(Op6.FOLIO_UNLOCK, pfn(folio));
    }

    @Override
    public void folioPut(Folio folio) {
        call(Op6.FOLIO_PUT, pfn(folio));
    }

    @Override
    public boolean folioTestSwapcache(Folio folio) {
        return call(Op6.FOLIO_TEST_SWAPCACHE, pfn(folio)) != 0;
    }

    @Override
    public SwapEntry folioSwap(Folio folio) {
        return new SwapEntry(call(Op6.FOLIO_SWAP, pfn(folio)));
    }

    @Override
    public boolean folioTestUptodate(Folio folio) {
        return call(Op6.FOLIO_TEST_UPTODATE, pfn(folio)) != 0;
    }

    @Override
    public int folioRefCount(Folio folio) {
        return call(Op6.FOLIO_REF_COUNT, pfn(folio));
    }

    @Override
    public Folio vmaAllocFolio(Fault vmf) {
        return folio(call(Op6.VMA_ALLOC_FOLIO, vmf.mm(), vmf.address()));
    }

    @Override
    public void folioSetLocked(Folio folio) {
        call(Op6.FOLIO_SET_LOCKED, pfn(folio));
    }

    @Override
    public void folioSetSwapbacked(Folio folio) {
        call(Op6.FOLIO_SET_SWAPBACKED, pfn(folio));
    }

    @Override
    public void folioAddLru(Folio folio) {
        call(Op6.FOLIO_ADD_LRU, pfn(folio));
    }

    @Override
    public void swapReadFolio(Folio folio, SwapEntry entry) {
        call(Op6.SWAP_READ_FOLIO, pfn(folio), entry.val());
    }

    // ---- memcg ----

    @Override
    public int memCgroupSwapinChargeFolio(Folio folio, Fault vmf, SwapEntry entry) {
        return call(Op6.MEM_CGROUP_SWAPIN_CHARGE_FOLIO, pfn(folio), vmf.mm(), entry.val());
    }

    @Override
    public void memCgroupSwapinUnchargeSwap(SwapEntry entry) {
        call(Op6.MEM_CGROUP_SWAPIN_UNCHARGE_SWAP, entry.val());
    }

    // ---- page tables ----

    @Override
    public Pte pteOffsetMapLock(Fault vmf) {
        return new Pte(call(Op6.PTE_LOCK, vmf.mm(), vmf.address()));
    }

    @Override
    public void pteUnmapUnlock(Fault vmf) {
        call(Op6.PTE_UNLOCK, vmf.mm());
    }

    @Override
    public void setPteAt(Fault vmf, Pte pte) {
        call(Op6.SET_PTE_AT, vmf.mm(), vmf.address(), pte.value());
    }

    // ---- rmap ----

    @Override
    public void folioAddNewAnonRmap(Folio folio, Fault vmf) {
        call(Op6.FOLIO_ADD_NEW_ANON_RMAP, pfn(folio), vmf.mm(), vmf.address());
    }

    @Override
    public void folioAddAnonRmapPte(Folio folio, Fault vmf) {
        call(Op6.FOLIO_ADD_ANON_RMAP_PTE, pfn(folio), vmf.mm(), vmf.address());
    }

    // ---- scheduling ----

    @Override
    public void scheduleTimeoutUninterruptible() {
        call(Op6.SCHEDULE_TIMEOUT, 0);
    }

    @Override
    public void addWaitQueue() {
        call(Op6.ADD_WAIT_QUEUE, 0);
    }

    @Override
    public void removeWaitQueue() {
        call(Op6.REMOVE_WAIT_QUEUE, 0);
    }

    @Override
    public boolean waitqueueActive() {
        return call(Op6.WAITQUEUE_ACTIVE, 0) != 0;
    }

    @Override
    public void wakeUp() {
        call(Op6.WAKE_UP, 0);
    }
}
