package dev.swapbench.engine.model;

/**
 * {@code KernelEra} is one kernel generation's model: its op codes and the semantics of each step, over a
 * {@link Layout}'s state. The explorer reaches it only through {@link Machine}.
 *
 * <p>Op codes are small ints that the era defines; a step's arguments are ints (page frame numbers, swap offsets,
 * mm indices, addresses, pte values). Only {@link #perform} and {@link #label} must be given; every step is enabled,
 * has one outcome and is never folded unless the era says otherwise.
 */
public interface KernelEra {
    /**
     * Performs one step for thread {@code owner} (thread id + 1; 0 for I/O completion) and returns its result.
     *
     * @throws Violation when a check fires inside the step (a BUG, a stale read)
     */
    int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice);

    /** The kernel function (or hardware event) an op code stands for, as traces print it. */
    String label(int op);

    /** Whether thread {@code owner} can take this step now; a step that waits is not enabled. */
    default boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return true;
    }

    /** How many outcomes a step has (the explorer branches on each). */
    default int choices(int[] s, int op, int a0) {
        return 1;
    }

    /**
     * Whether a step can run together with the step before it, with no scheduling point between: it commutes with
     * every step of every other thread and changes nothing a check reads.
     */
    default boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return false;
    }

    /**
     * The objects a step may read and write, for the partial-order reduction: {@code out[0]} the objects it reads
     * (including what decides whether it is enabled, its choices and whether a check fires inside it), {@code out[1]}
     * those it writes (a subset of {@code out[0]}), as bit masks over {@link Layout#objects()}. False when the era
     * does not say, and then the step is dependent on every other step.
     */
    default boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return false;
    }

    /** The op code of the I/O completion pending on a page (see {@link Machine#ioPending}). */
    int ioDone(int[] s, int pfn);

    /** A step's arguments, for a trace line. */
    default String describeCall(int op, int a0, int a1, int a2, int a3) {
        return "";
    }

    /** A step's result, for a trace line, or "" when it has none worth showing. */
    default String describeResult(int op, int r) {
        return "";
    }
}
