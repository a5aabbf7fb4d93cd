package dev.swapbench.engine.scenario;

/**
 * One thread action.
 *
 * @param op      what to do
 * @param address virtual page for READ, WRITE and MADV_DONTNEED; -1 otherwise
 * @param target  for FORK: the child mm; otherwise null
 * @param line    source line (0 when built in Java)
 */
public record Action(Op op, int address, String target, int line) {

    public enum Op {
        /** User load: faults through do_swap_page / do_anonymous_page until the load succeeds. */
        READ,
        /** User store of a new data version: faults through do_swap_page / do_wp_page as needed. */
        WRITE,
        /** zap_pte_range for one address (MADV_DONTNEED): free_swap_and_cache on a swap pte. */
        MADV_DONTNEED,
        /** exit_mmap: zap every pte of the mm. */
        EXIT,
        /** fork of the thread's mm into {@code target} (copy_one_pte for every pte). */
        FORK,
        /** shrink_page_list for one LRU page of the explorer's choosing. */
        RECLAIM,
        /** try_to_free_swap on one swap cache page of the explorer's choosing (trylock first). */
        TRY_TO_FREE_SWAP,
        /** swapoff: try_to_unuse over every in-use slot, then swapon again (the device comes back empty). */
        SWAPOFF,
        /** ksmd merges two identical anon pages of different mms into one KSM page (of the explorer's choosing). */
        KSM_MERGE
    }

    public static Action of(Op op) {
        return new Action(op, -1, null, 0);
    }

    public static Action at(Op op, int address) {
        return new Action(op, address, null, 0);
    }
}
