package dev.swapbench.engine.model;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
import java.util.List;

/**
 * One scenario's kernel as the explorer drives it, whatever its era: the state layout, the steps (enabled, choices,
 * foldable, perform: the era's {@link KernelEra} tables), the checks on a state, and the words traces use. The
 * explorer owns the search and never looks inside a state. {@link Model26} is the 2010 era ({@link Machine} and
 * {@link dev.swapbench.engine.check.Checks}), {@link dev.swapbench.engine.model.v6.Era6} the folio era.
 */
public interface KernelModel {

    /** Ints in a machine state (before the explorer's per-thread fields). */
    int size();

    /** Page frames: one I/O completion actor each. */
    int frames();

    int[] initialState();

    boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3);

    /** How many ways the step can go (which slot, which folio); at least 1. */
    int choices(int[] s, int op, int a0);

    /** Whether the step is invisible to every other thread and check, so it runs in the same move as the one before. */
    boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3);

    /**
     * The objects a step (a thread's pending step, or an I/O completion: {@link #ioDone} with the frame as
     * {@code a0}) may read ({@code out[0]}) and write ({@code out[1]}), as bit masks; false when unknown, and then the
     * step is dependent on every other. Two steps of different actors whose writes miss each other's reads commute,
     * neither enables nor disables the other, and neither changes whether the other fires a check.
     */
    default boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return false;
    }

    /** Whether some step has a {@link #footprint}: without any, sleep sets cannot skip a move and are not kept. */
    default boolean declaresFootprints() {
        return false;
    }

    /**
     * Runs a step.
     *
     * @throws Violation when a check fires inside the step
     */
    int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice);

    /** Whether a read or write I/O is in flight on frame {@code pfn} (its completion is an actor). */
    boolean ioPending(int[] s, int pfn);

    /** The op code that completes frame {@code pfn}'s pending I/O. */
    int ioDone(int[] s, int pfn);

    boolean ioInFlight(int[] s);

    /** The era's state checks, in order; every one that fires on a state is reported. */
    Check[] checks();

    /** The kernel function an op code stands for. */
    String label(int op);

    String describeCall(int op, int a0, int a1, int a2, int a3);

    String describeResult(int op, int result);

    /** What a step changed, one line per field. */
    List<String> describe(int[] before, int[] after);

    /** The trie of a thread of this era running {@code program}. */
    ThreadTrie trie(ThreadProgram program, int stepBudget);

    /** Whether faults of this era can retry without bound (a pin lost to another thread), so livelock is checked. */
    default boolean retriesFaults() {
        return false;
    }
}
