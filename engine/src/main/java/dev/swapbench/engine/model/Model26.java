package dev.swapbench.engine.model;

import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.Checks;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;

/** The 2010 era (v2.6.35 / v2.6.36) as the explorer drives it: {@link Machine} and {@link Checks}. */
public final class Model26 implements KernelModel {
    private final Machine machine;
    private final SwapFaultPolicy policy;

    public Model26(Machine machine, SwapFaultPolicy policy) {
        this.machine = machine;
        this.policy = policy;
    }

    /** The state's layout (for tests that map a state's ints to its objects). */
    public Layout layout() {
        return machine.layout();
    }

    @Override
    public int size() {
        return machine.size();
    }

    @Override
    public int frames() {
        return machine.frames();
    }

    @Override
    public int[] initialState() {
        return machine.initialState();
    }

    @Override
    public boolean enabled(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return machine.enabled(s, owner, op, a0, a1, a2, a3);
    }

    @Override
    public int choices(int[] s, int op, int a0) {
        return machine.choices(s, op, a0);
    }

    @Override
    public boolean foldable(int[] s, int owner, int op, int a0, int a1, int a2, int a3) {
        return machine.foldable(s, owner, op, a0, a1, a2, a3);
    }

    @Override
    public boolean footprint(int[] s, int op, int a0, int a1, int a2, int a3, long[] out) {
        return machine.footprint(s, op, a0, a1, a2, a3, out);
    }

    @Override
    public boolean declaresFootprints() {
        return true;
    }

    @Override
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        return machine.perform(s, owner, op, a0, a1, a2, a3, choice);
    }

    @Override
    public boolean ioPending(int[] s, int pfn) {
        return machine.ioPending(s, pfn);
    }

    @Override
    public int ioDone(int[] s, int pfn) {
        return machine.ioDone(s, pfn);
    }

    @Override
    public boolean ioInFlight(int[] s) {
        return machine.ioInFlight(s);
    }

    @Override
    public Check[] checks() {
        return Checks.of(machine.layout());
    }

    @Override
    public String label(int op) {
        return machine.label(op);
    }

    @Override
    public String describeCall(int op, int a0, int a1, int a2, int a3) {
        return machine.describeCall(op, a0, a1, a2, a3);
    }

    @Override
    public String describeResult(int op, int result) {
        return machine.describeResult(op, result);
    }

    @Override
    public List<String> describe(int[] before, int[] after) {
        return machine.describe(before, after);
    }

    @Override
    public ThreadTrie trie(ThreadProgram program, int stepBudget) {
        return new ThreadTrie(program, policy, machine, stepBudget);
    }
}
