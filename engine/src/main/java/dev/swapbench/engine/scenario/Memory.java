package dev.swapbench.engine.scenario;

import java.util.List;

/**
 * Initial memory.
 *
 * @param frames    page frames in the machine (allocation fails with VM_FAULT_OOM beyond this)
 * @param swapSlots slots on the one swap device
 * @param mms       address spaces, each with one private anonymous vma
 * @param pages     pages that exist at the start (in swap cache, mapped, or both)
 * @param slots     swap slots whose disk contents matter; a slot's count comes from the swap ptes
 */
public record Memory(int frames, int swapSlots, List<MmSpec> mms, List<PageSpec> pages, List<SlotSpec> slots) {
    public Memory {
        mms = List.copyOf(mms);
        pages = List.copyOf(pages);
        slots = List.copyOf(slots);
    }
}
