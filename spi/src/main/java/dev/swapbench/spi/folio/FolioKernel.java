package dev.swapbench.spi.folio;

import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Pte;
import dev.swapbench.spi.SwapEntry;

/**
 * The folio-era kernel as a v6 policy sees it. Names follow the v6.x functions they model (v6.8 mm/memory.c
 * {@code do_swap_page} and its callees, 13ddaf26be32 and 01626a182302); where a policy for an older kernel calls a
 * function that was renamed since, it calls the v6 name.
 *
 * <p>Every method not marked <em>pure</em> is one atomic kernel step (<em>step</em>) or a routine made of steps
 * (<em>routine</em>); the engine may run any other thread between two steps. A step that must wait (a folio lock, the
 * pte lock) does not happen until it can. Kernel bugs (an unlock of an unlocked folio, a swap_map touched after
 * swapoff freed it) end the path with a {@code kernel-bug} verdict.
 *
 * <p>Experimental (see the package documentation).
 *
 * @since 0.2
 */
public interface FolioKernel {

    /** {@code -EEXIST}: {@link #swapcachePrepare} found SWAP_HAS_CACHE already set. */
    int EEXIST = -17;
    /** {@code -ENOENT}: {@link #swapcachePrepare} found the slot unused. */
    int ENOENT = -2;

    // ---- swap device (mm/swapfile.c) ----

    /**
     * step. {@code get_swap_device} (eb085574a752; a percpu_ref since v5.14): a reference that keeps swapoff from
     * freeing the device's swap_map; null once swapoff has started to wait for its users.
     */
    SwapInfo getSwapDevice(SwapEntry entry);

    /** step. {@code put_swap_device}. */
    void putSwapDevice(SwapInfo si);

    /** pure. {@code si->flags & SWP_SYNCHRONOUS_IO}: the scenario's {@code synchronous_io} knob. */
    boolean swpSynchronousIo();

    /** step. {@code __swap_count(entry)}: the slot's swap_map count without SWAP_HAS_CACHE. */
    int swapCount(SwapEntry entry);

    /**
     * step. {@code swapcache_prepare(entry)} ({@code __swap_duplicate(entry, SWAP_HAS_CACHE)}): sets SWAP_HAS_CACHE on a
     * slot in use and returns 0; {@link #EEXIST} when it is already set, {@link #ENOENT} when the slot is unused.
     */
    int swapcachePrepare(SwapEntry entry);

    /** step. {@code swapcache_clear(si, entry)}: drops the SWAP_HAS_CACHE pin taken by {@link #swapcachePrepare}. */
    void swapcacheClear(SwapInfo si, SwapEntry entry);

    /** step. {@code swap_free(entry)}: drops one swap_map reference; an unused slot's data may be discarded. */
    void swapFree(SwapEntry entry);

    // ---- swap cache (mm/swap_state.c) ----

    /** step. {@code swap_cache_get_folio}: the swap cache folio of {@code entry} with a reference, or null. */
    Folio swapCacheGetFolio(SwapEntry entry);

    /**
     * routine. {@code swapin_readahead} for the target entry only ({@code __read_swap_cache_async}): allocate a
     * folio, {@code swapcache_prepare} (-EEXIST: wait until the other adder has added its folio, then take that
     * one), add it to the swap cache and read it. Returns the folio with a reference, locked while its read is in
     * flight; null when the slot was freed (-ENOENT) or no frame could be allocated.
     */
    Folio swapinReadahead(SwapEntry entry, Fault vmf);

    /**
     * routine. {@code folio_free_swap} (folio locked): if no pte uses the slot any more, delete the folio from the
     * swap cache. Returns whether it did.
     */
    boolean folioFreeSwap(Folio folio);

    // ---- folios (include/linux/pagemap.h, mm/filemap.c, mm/swap.c) ----

    /** step. {@code folio_lock}: sleeps until the folio lock is free, then takes it. */
    void folioLock(Folio folio);

    /** step. {@code folio_unlock}. */
    void folioUnlock(Folio folio);

    /** step. {@code folio_put}: the folio is freed when its count reaches 0. */
    void folioPut(Folio folio);

    /** step. {@code folio_test_swapcache}. */
    boolean folioTestSwapcache(Folio folio);

    /** step. {@code folio->swap} ({@code page_swap_entry(page)}): the entry a swap cache folio belongs to. */
    SwapEntry folioSwap(Folio folio);

    /** step. {@code folio_test_uptodate}. */
    boolean folioTestUptodate(Folio folio);

    /** step. {@code folio_ref_count}. */
    int folioRefCount(Folio folio);

    /** step. {@code vma_alloc_folio} (order 0): a new folio with one reference, or null. */
    Folio vmaAllocFolio(Fault vmf);

    /** step. {@code __folio_set_locked} on a folio no one else can see yet. */
    void folioSetLocked(Folio folio);

    /** step. {@code __folio_set_swapbacked} on a folio no one else can see yet. */
    void folioSetSwapbacked(Folio folio);

    /** step. {@code folio_add_lru}: reclaim can see the folio from now on. */
    void folioAddLru(Folio folio);

    /**
     * step. {@code swap_read_folio(folio, synchronous=true)} with {@code folio->swap = entry} (the skip-swapcache
     * read): the slot's data, as the device holds it now, is copied into the folio and the folio is marked uptodate.
     */
    void swapReadFolio(Folio folio, SwapEntry entry);

    // ---- memcg (mm/memcontrol.c) ----

    /**
     * step. {@code mem_cgroup_swapin_charge_folio(folio, vma->vm_mm, GFP_KERNEL, entry)}: charges the new folio to the
     * memcg that swapped the slot out (its swap_cgroup record), else to the fault's mm's. Returns 0 (charges never fail
     * in this model; the kernel's non-zero answer means VM_FAULT_OOM).
     *
     * @since 0.2
     */
    int memCgroupSwapinChargeFolio(Folio folio, Fault vmf, SwapEntry entry);

    /**
     * step. {@code mem_cgroup_swapin_uncharge_swap(entry)}: with cgroup v1's memory+swap counter, drops the slot's
     * swap_cgroup record and its memsw charge now that the charged folio holds the data; nothing on cgroup v2.
     *
     * @since 0.2
     */
    void memCgroupSwapinUnchargeSwap(SwapEntry entry);

    // ---- page tables (mm/memory.c) ----

    /** step. {@code pte_offset_map_lock}: takes the pte lock and reads {@code *vmf->pte}. */
    Pte pteOffsetMapLock(Fault vmf);

    /** step. {@code pte_unmap_unlock}. */
    void pteUnmapUnlock(Fault vmf);

    /** step. {@code set_pte_at} (pte lock held). */
    void setPteAt(Fault vmf, Pte pte);

    // ---- rmap (mm/rmap.c) ----

    /** step. {@code folio_add_new_anon_rmap}: the first mapping of a folio that was never in the swap cache. */
    void folioAddNewAnonRmap(Folio folio, Fault vmf);

    /** step. {@code folio_add_anon_rmap_pte}: one more mapping of a (swap cache) anon folio. */
    void folioAddAnonRmapPte(Folio folio, Fault vmf);

    // ---- scheduling (kernel/time/timer.c, kernel/sched/wait.c) ----

    /**
     * step. {@code schedule_timeout_uninterruptible(1)}: sleep one tick. The model has no clock: a tick can end at any
     * time, so this step is always enabled; what it gives the other threads is a chance to run first.
     */
    void scheduleTimeoutUninterruptible();

    /** step. {@code add_wait_queue(&swapcache_wq, &wait)} (01626a182302). */
    void addWaitQueue();

    /** step. {@code remove_wait_queue(&swapcache_wq, &wait)}. */
    void removeWaitQueue();

    /** step. {@code waitqueue_active(&swapcache_wq)}. */
    boolean waitqueueActive();

    /** step. {@code wake_up(&swapcache_wq)}: ends the sleep of every waiter. */
    void wakeUp();
}
