package dev.swapbench.engine.scenario;

/**
 * Kernel configuration for one scenario.
 *
 * @param debugVm          CONFIG_DEBUG_VM: the rmap BUG_ONs are live
 * @param ksm              CONFIG_KSM: ksm_might_need_to_copy is compiled in (otherwise the stub says "no copy")
 * @param swapAccounting   memcg swap accounting (do_swap_account)
 * @param vmSwapFull       what vm_swap_full() answers (fixed for the run)
 * @param slotAllocation   how get_swap_page picks a free slot
 * @param baseline         forces the rmap world for every policy ({@code v2.6.35} or {@code v2.6.36}); null: each policy's own
 * @param era              the kernel era the scenario is written for: {@link #ERA_2_6} (the default) or {@link #ERA_V6}
 * @param synchronousIo    v6: the swap device is {@code SWP_SYNCHRONOUS_IO} (zram, pmem, brd)
 * @param discardOnFree    v6: freeing a slot discards its data, as zram's {@code swap_slot_free_notify} does
 * @param memswAccount     v6: {@code do_memsw_account()}, cgroup v1's memory+swap counter (false: cgroup v2's
 *                         separate swap counter)
 * @param zapGetsSwapDevice v6: {@code free_swap_and_cache} holds {@code get_swap_device} (82b1c07a0af6, the fix of
 *                         CVE-2024-26960; false: the kernel before it)
 * @param memcgChargeFailure what else than a charge {@code mem_cgroup_try_charge_swapin} may do (the explorer tries
 *                         both outcomes)
 */
public record Knobs(boolean debugVm, boolean ksm, boolean swapAccounting, boolean vmSwapFull,
                    SlotAllocation slotAllocation, String baseline, String era, boolean synchronousIo,
                    boolean discardOnFree, boolean memswAccount, boolean zapGetsSwapDevice,
                    MemcgChargeFailure memcgChargeFailure) {
    /** The 2010 era: v2.6.35 / v2.6.36, the engine's 2.6 model. */
    public static final String ERA_2_6 = "v2.6";
    /** The folio era: the v6 skip-swapcache swap-in path, the engine's v6 model (experimental). */
    public static final String ERA_V6 = "v6";

    /** Knobs where mem_cgroup_try_charge_swapin always charges. */
    public Knobs(boolean debugVm, boolean ksm, boolean swapAccounting, boolean vmSwapFull,
                 SlotAllocation slotAllocation, String baseline, String era, boolean synchronousIo,
                 boolean discardOnFree, boolean memswAccount, boolean zapGetsSwapDevice) {
        this(debugVm, ksm, swapAccounting, vmSwapFull, slotAllocation, baseline, era, synchronousIo, discardOnFree,
                memswAccount, zapGetsSwapDevice, MemcgChargeFailure.NONE);
    }

    /** Knobs of the 2010 era. */
    public Knobs(boolean debugVm, boolean ksm, boolean swapAccounting, boolean vmSwapFull,
                 SlotAllocation slotAllocation, String baseline) {
        this(debugVm, ksm, swapAccounting, vmSwapFull, slotAllocation, baseline, ERA_2_6, false, false, false, false);
    }

    public static Knobs defaults() {
        return new Knobs(true, true, true, false, SlotAllocation.ANY, null);
    }

    /** How the slot allocator chooses among free slots. */
    public enum SlotAllocation {
        /** Any free slot: the explorer branches on every choice (a sound over-approximation of scan_swap_map). */
        ANY,
        /** The lowest free slot, as a nearly empty device after a wrap would hand out. */
        LOWEST_FIRST
    }

    /**
     * What {@code mem_cgroup_try_charge_swapin} (mm/memcontrol.c) may return besides a charge, for do_swap_page and
     * swapoff's unuse_pte. Only has an effect when memcg is modelled (some mm names a memcg).
     */
    public enum MemcgChargeFailure {
        /** It always charges (the default). */
        NONE,
        /**
         * It may also bypass the charge: return 0 with {@code ptr} NULL, as __mem_cgroup_try_charge does for a task
         * that is dying (TIF_MEMDIE or a fatal signal pending) or that the memcg OOM killer chose while it charged
         * (__mem_cgroup_try_charge, v2.6.35 mm/memcontrol.c:1602-1604, 1714-1724, 1733-1735; v2.6.36 :1706-1708,
         * 1771-1775, 1796-1806, 1819-1821). The fault
         * then maps the page without a charge. The only failure v2.6.35 and v2.6.36 have: with GFP_KERNEL and
         * oom=true the charge never returns -ENOMEM (since 867578cbccb, v2.6.34-rc1).
         */
        BYPASS,
        /**
         * It may also fail with -ENOMEM ({@code *ptr} NULL, nothing charged), so that do_swap_page takes its
         * {@code goto out_page}. v2.6.35 and v2.6.36 never return it from do_swap_page's charge (GFP_KERNEL,
         * oom=true); v2.6.33 and earlier did after the memcg OOM kill. Offered only to callers that read the return
         * value ({@code Kernel.memCgroupTryChargeSwapin(int, Page, MemCgroup[])}): the policy's error path checked
         * as code.
         */
        ENOMEM
    }
}
