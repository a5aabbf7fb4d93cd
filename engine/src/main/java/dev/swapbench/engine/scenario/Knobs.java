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
 */
public record Knobs(boolean debugVm, boolean ksm, boolean swapAccounting, boolean vmSwapFull,
                    SlotAllocation slotAllocation, String baseline, String era, boolean synchronousIo,
                    boolean discardOnFree, boolean memswAccount, boolean zapGetsSwapDevice) {
    /** The 2010 era: v2.6.35 / v2.6.36, the engine's 2.6 model. */
    public static final String ERA_2_6 = "v2.6";
    /** The folio era: the v6 skip-swapcache swap-in path, the engine's v6 model (experimental). */
    public static final String ERA_V6 = "v6";

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
}
