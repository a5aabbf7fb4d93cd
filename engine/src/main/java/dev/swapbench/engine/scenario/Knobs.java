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
 */
public record Knobs(boolean debugVm, boolean ksm, boolean swapAccounting, boolean vmSwapFull,
                    SlotAllocation slotAllocation, String baseline) {

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
