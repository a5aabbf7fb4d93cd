package dev.swapbench.engine.model;

import dev.swapbench.engine.model.v2_6.Era26;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.KernelBaseline;
import java.util.List;

/**
 * {@code Machine} is the kernel model as the explorer sees it: one scenario's {@link Layout}, its initial state, and
 * the {@link KernelEra} that gives each step its meaning. Every call is passed on; nothing here knows a kernel
 * function.
 */
public final class Machine {
    private final Layout layout;
    private final KernelEra era;
    private final int[] initial;

    public Machine(Scenario scenario, KernelBaseline baseline) {
        this.layout = new Layout(scenario, baseline);
        this.era = new Era26(layout);
        this.initial = InitialState.build(scenario, layout);
    }

    public Layout layout() {
        return layout;
    }

    public int size() {
        return layout.size();
    }

    public int[] initialState() {
        return initial.clone();
    }

    public int frames() {
        return layout.frames();
    }

    public KernelBaseline baseline() {
        return layout.baseline();
    }

    public int vmaStart(int m) {
        return layout.vmaStart(m);
    }

    public int vmaPages(int m) {
        return layout.vmaPages(m);
    }

    public boolean vmLocked(int m) {
        return layout.vmLocked(m);
    }

    public int linearPageIndex(int m, int address) {
        return layout.linearPageIndex(m, address);
    }

    /** The address of a pte position returned by a step (an rmap walk or an unuse scan). */
    public int positionAddress(int position) {
        return layout.positionAddress(position);
    }

    // ---- the era's tables ----

    public boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return era.enabled(s, owner, op, a0, a1, a2, a3);
    }

    public int choices(int[] s, int op, int a0) {
        return era.choices(s, op, a0);
    }

    public boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return era.foldable(s, owner, op, a0, a1, a2, a3);
    }

    /** See {@link KernelEra#footprint}. */
    public boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return era.footprint(s, op, a0, a1, a2, a3, out);
    }

    /** @throws Violation when a check fires inside the step */
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        return era.perform(s, owner, op, a0, a1, a2, a3, choice);
    }

    public String label(int op) {
        return era.label(op);
    }

    public String describeCall(int op, int a0, int a1, int a2, int a3) {
        return era.describeCall(op, a0, a1, a2, a3);
    }

    public String describeResult(int op, int r) {
        return era.describeResult(op, r);
    }

    // ---- I/O ----

    /** Whether a read or a write I/O is in flight on the page (its completion is an actor of its own). */
    public boolean ioPending(int[] s, int pfn) {
        return layout.test(s, pfn, PageFlags.PG_READ_IO | PageFlags.PG_WRITEBACK);
    }

    /** The op code that completes the page's pending I/O. */
    public int ioDone(int[] s, int pfn) {
        return era.ioDone(s, pfn);
    }

    /** Whether a read or write I/O is in flight on some page. */
    public boolean ioInFlight(int[] s) {
        for (int p = 0; p < layout.frames(); p++) {
            if (ioPending(s, p)) {
                return true;
            }
        }
        return false;
    }

    /** What a step changed, in kernel terms, for a trace. */
    public List<String> describe(int[] before, int[] after) {
        return StateDiff.describe(layout, before, after);
    }
}
