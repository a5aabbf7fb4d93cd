package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.*;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.model.KernelEra;
import dev.swapbench.engine.model.KernelModel;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
import dev.swapbench.spi.folio.FolioFaultPolicy;
import java.util.List;

/**
 * The folio era (v6): the one dispatch from an {@link Op6} code to the kernel-file class that owns the step. Each
 * table below is a table of contents, one case per op; the semantics live in {@link Memory}, {@link Swapfile},
 * {@link SwapState}, {@link Folios}, {@link PageIo}, {@link Rmap}, {@link Vmscan} and {@link Sched}. What is
 * modelled, and from which commits, is in docs/v6-era.md.
 */
public final class Era6 implements KernelEra, KernelModel {
    private final Layout6 l;
    private final FolioFaultPolicy policy;
    private final Memory memory;
    private final Swapfile swapfile;
    private final SwapState swapState;
    private final Folios folios;
    private final PageIo pageIo;
    private final Rmap rmap;
    private final Vmscan vmscan;
    private final Sched sched;
    private final Memcontrol memcontrol;
    private final StaleMapping staleMapping;
    private final QuiescentLeak quiescentLeak;
    private final MemcgDrift6 memcgDrift;

    public Era6(Scenario scenario, FolioFaultPolicy policy) {
        this.l = new Layout6(scenario);
        this.policy = policy;
        this.memcontrol = new Memcontrol(l);
        this.memory = new Memory(l);
        this.swapfile = new Swapfile(l, memcontrol);
        this.swapState = new SwapState(l, swapfile);
        this.folios = new Folios(l, memcontrol);
        this.pageIo = new PageIo(l);
        this.rmap = new Rmap(l);
        this.vmscan = new Vmscan(l, folios, memcontrol);
        this.sched = new Sched();
        this.staleMapping = new StaleMapping(l);
        this.quiescentLeak = new QuiescentLeak(l);
        this.memcgDrift = new MemcgDrift6(l);
    }

    public Layout6 layout() {
        return l;
    }

    /** The folio era declares no step footprints (the default of both interfaces): every step is dependent. */
    @Override
    public boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return false;
    }

    @Override
    public int size() {
        return l.size();
    }

    @Override
    public int frames() {
        return l.frames();
    }

    @Override
    public int[] initialState() {
        return l.initialState();
    }

    @Override
    public boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return switch (Op6.of(op)) {
            case PTE_LOCK -> memory.ptlFree(s, a0);
            case FOLIO_LOCK -> folios.lockEnabled(s, a0);
            case WAIT_SWAPCACHE_PIN -> swapState.pinWaitEnabled(s, a0);
            case TRY_TO_UNMAP -> rmap.tryToUnmapEnabled(s, a0);
            case UNUSE_PTES -> swapfile.unuseEnabled(s);
            case SWAPOFF_FREE -> swapfile.swapoffFreeEnabled(s);
            default -> true;
        };
    }

    @Override
    public int choices(int[] s, int op, int a0) {
        return switch (Op6.of(op)) {
            case ISOLATE_FOLIO -> vmscan.isolateChoices(s);
            case FOLIO_ALLOC_SWAP -> swapfile.allocChoices(s);
            default -> 1;
        };
    }

    /**
     * Steps no other thread can observe: flag reads of a folio whose lock the reader holds (only the lock holder
     * changes them), and setup of a folio no one else can reach yet (its charge to the mm's memcg adds one to
     * counters that only the at-quiescence check reads and that no one can take below zero by running first).
     */
    @Override
    public boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return switch (Op6.of(op)) {
            case FOLIO_TEST_SWAPCACHE, FOLIO_SWAP, FOLIO_TEST_UPTODATE -> s[l.frame(a0) + F_LOCK] == owner;
            case FOLIO_SET_LOCKED, FOLIO_SET_SWAPBACKED, COPY_FOLIO, MEM_CGROUP_CHARGE -> true;
            default -> false;
        };
    }

    @Override
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        return switch (Op6.of(op)) {
            // mm/memory.c
            case USER_ACCESS -> memory.userAccess(s, a0, a1, a2 != 0);
            case PTE_LOCK -> memory.pteOffsetMapLock(s, a0, a1, owner);
            case PTE_UNLOCK -> {
                memory.pteUnmapUnlock(s, a0, owner);
                yield 0;
            }
            case SET_PTE_AT -> {
                memory.setPteAt(s, a0, a1, a2, owner);
                yield 0;
            }
            case WP_CAN_REUSE -> memory.wpCanReuse(s, a0, a1, owner, swapState);
            case COPY_FOLIO -> {
                folios.copy(s, a0, a1);
                yield 0;
            }
            case MM_EXIT -> {
                memory.mmExit(s, a0);
                yield 0;
            }
            case ZAP_PTE -> memory.zapPte(s, a0, a1, owner);
            // mm/swapfile.c
            case GET_SWAP_DEVICE -> swapfile.getSwapDevice(s);
            case PUT_SWAP_DEVICE -> {
                swapfile.putSwapDevice(s);
                yield 0;
            }
            case SWAP_COUNT -> swapfile.swapCount(s, a0);
            case SWAPCACHE_PREPARE -> swapfile.swapcachePrepare(s, a0);
            case SWAPCACHE_CLEAR -> {
                swapfile.swapcacheClear(s, a0);
                yield 0;
            }
            case SWAP_FREE -> {
                swapfile.swapFree(s, a0);
                yield 0;
            }
            case FOLIO_ALLOC_SWAP -> swapfile.folioAllocSwap(s, a0, choice);
            case SWAPOFF_BEGIN -> {
                swapfile.swapoffBegin(s);
                yield 0;
            }
            case SWAPOFF_NEXT_SLOT -> swapfile.nextToUnuse(s, a0);
            case UNUSE_PTES -> swapfile.unusePtes(s, a0, a1, owner);
            case SWAPOFF_KILL -> {
                swapfile.swapoffKill(s);
                yield 0;
            }
            case SWAPOFF_FREE -> {
                swapfile.swapoffFree(s);
                yield 0;
            }
            case SWAP_ENTRY_FREE -> swapfile.swapEntryFree(s, a0);
            case SWAP_PAGE_TRANS_HUGE_SWAPPED -> swapfile.swapPageTransHugeSwapped(s, a0);
            case TRY_TO_RECLAIM_SWAP -> swapfile.tryToReclaimSwap(s, a0, swapState, folios);
            // mm/swap_state.c
            case SWAP_CACHE_GET_FOLIO -> swapState.swapCacheGetFolio(s, a0);
            case ADD_TO_SWAP_CACHE -> {
                swapState.addToSwapCache(s, a0, a1, owner);
                yield 0;
            }
            case WAIT_SWAPCACHE_PIN -> 0;
            case FOLIO_FREE_SWAP -> swapState.folioFreeSwap(s, a0, owner);
            // include/linux/pagemap.h, mm/filemap.c
            case FOLIO_LOCK -> {
                folios.folioLock(s, a0, owner);
                yield 0;
            }
            case FOLIO_UNLOCK -> {
                folios.folioUnlock(s, a0, owner);
                yield 0;
            }
            case FOLIO_TEST_SWAPCACHE -> folios.test(s, a0, PG_SWAPCACHE, "folio_test_swapcache");
            case FOLIO_SWAP -> folios.field(s, a0, F_SWAP, "folio->swap");
            case FOLIO_TEST_UPTODATE -> folios.test(s, a0, PG_UPTODATE, "folio_test_uptodate");
            case FOLIO_REF_COUNT -> folios.field(s, a0, F_REF, "folio_ref_count");
            // mm/page_alloc.c, mm/swap.c
            case VMA_ALLOC_FOLIO -> folios.vmaAllocFolio(s);
            case FOLIO_SET_LOCKED -> {
                folios.folioSetLocked(s, a0, owner);
                yield 0;
            }
            case FOLIO_SET_SWAPBACKED -> {
                folios.setFlag(s, a0, PG_SWAPBACKED, "__folio_set_swapbacked");
                yield 0;
            }
            case FOLIO_ADD_LRU -> {
                folios.setFlag(s, a0, PG_LRU, "folio_add_lru");
                yield 0;
            }
            case FOLIO_GET -> {
                folios.folioGet(s, a0);
                yield 0;
            }
            case FOLIO_PUT -> {
                folios.folioPut(s, a0);
                yield 0;
            }
            // mm/memcontrol.c
            case MEM_CGROUP_CHARGE -> memcontrol.charge(s, a0, a1);
            case MEM_CGROUP_SWAPIN_CHARGE_FOLIO -> memcontrol.swapinChargeFolio(s, a0, a1, a2);
            case MEM_CGROUP_SWAPIN_UNCHARGE_SWAP -> {
                memcontrol.swapinUnchargeSwap(s, a0);
                yield 0;
            }
            // mm/page_io.c
            case SWAP_READ_FOLIO -> {
                pageIo.swapReadFolio(s, a0, a1, owner);
                yield 0;
            }
            case SWAP_WRITEPAGE -> {
                pageIo.swapWritepage(s, a0);
                yield 0;
            }
            // mm/rmap.c
            case FOLIO_ADD_NEW_ANON_RMAP -> {
                rmap.folioAddAnonRmap(s, a0, "folio_add_new_anon_rmap");
                yield 0;
            }
            case FOLIO_ADD_ANON_RMAP_PTE -> {
                rmap.folioAddAnonRmap(s, a0, "folio_add_anon_rmap_pte");
                yield 0;
            }
            case FOLIO_REMOVE_RMAP_PTE -> {
                rmap.folioRemoveRmap(s, a0);
                yield 0;
            }
            case TRY_TO_UNMAP -> rmap.tryToUnmap(s, a0);
            // mm/vmscan.c
            case ISOLATE_FOLIO -> vmscan.isolate(s, choice, owner);
            case REMOVE_MAPPING -> vmscan.removeMapping(s, a0, swapState);
            case PUTBACK_FOLIO -> {
                vmscan.putback(s, a0, owner);
                yield 0;
            }
            // kernel/time/timer.c, kernel/sched/wait.c
            case SCHEDULE_TIMEOUT, WAKE_UP -> 0;
            case ADD_WAIT_QUEUE -> {
                sched.addWaitQueue(s, owner);
                yield 0;
            }
            case REMOVE_WAIT_QUEUE -> {
                sched.removeWaitQueue(s, owner);
                yield 0;
            }
            case WAITQUEUE_ACTIVE -> sched.waitqueueActive(s);
        };
    }

    /** Reads and writes complete inside their steps (a synchronous device): no I/O actor ever runs. */
    @Override
    public boolean ioPending(int[] s, int pfn) {
        return false;
    }

    @Override
    public int ioDone(int[] s, int pfn) {
        throw new IllegalStateException("the v6 model has no I/O in flight");
    }

    @Override
    public boolean ioInFlight(int[] s) {
        return false;
    }

    /** stale-mapping at every state; the kernel-bug leaks and memcg-drift at quiescence. */
    @Override
    public Check[] checks() {
        return new Check[] {staleMapping, quiescentLeak, memcgDrift};
    }

    @Override
    public String label(int op) {
        return Op6.of(op).kernelFunction();
    }

    @Override
    public String describeCall(int op, int a0, int a1, int a2, int a3) {
        return StateDiff6.describeCall(l, Op6.of(op), a0, a1, a2, a3);
    }

    @Override
    public String describeResult(int op, int result) {
        return StateDiff6.describeResult(Op6.of(op), result);
    }

    @Override
    public List<String> describe(int[] before, int[] after) {
        return StateDiff6.describe(l, before, after);
    }

    @Override
    public ThreadTrie trie(ThreadProgram program, int stepBudget) {
        return ThreadTrie.folio(program, policy, this, stepBudget);
    }

    @Override
    public boolean retriesFaults() {
        return true;
    }
}
