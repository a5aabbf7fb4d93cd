package dev.swapbench.engine.model;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;

/** The 2010 era (v2.6.35 / v2.6.36) as the explorer drives it: {@link Machine} with its checks and traces. */
public final class Model26 implements KernelModel {
    private final Machine machine;
    private final SwapFaultPolicy policy;

    public Model26(Machine machine, SwapFaultPolicy policy) {
        this.machine = machine;
        this.policy = policy;
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
    public int perform(int[] s, int owner, int op, int a0, int a1, int a2, int a3, int choice) {
        return machine.perform(s, owner, op, a0, a1, a2, a3, choice);
    }

    @Override
    public int ioOp(int[] s, int pfn) {
        int flags = machine.pageFlags(s, pfn);
        if ((flags & Machine.PG_READ_IO) != 0) {
            return Op.IO_READ_DONE.ordinal();
        }
        return (flags & Machine.PG_WRITEBACK) != 0 ? Op.IO_WRITE_DONE.ordinal() : -1;
    }

    @Override
    public boolean ioInFlight(int[] s) {
        return machine.ioInFlight(s);
    }

    @Override
    public String staleMapping(int[] s) {
        return machine.staleMapping(s);
    }

    /** stale-mapping and rmap-unfindable always; kernel-bug leaks and memcg-drift at quiescence. */
    @Override
    public Violation invariants(int[] s, boolean quiescent) {
        String stale = machine.staleMapping(s);
        if (stale != null) {
            return new Violation(CheckId.STALE_MAPPING, stale);
        }
        String unfindable = machine.rmapUnfindable(s);
        if (unfindable != null) {
            return new Violation(CheckId.ANON_RMAP, unfindable);
        }
        if (quiescent) {
            String leak = machine.quiescentLeak(s);
            if (leak != null) {
                return new Violation(CheckId.KERNEL_BUG, leak);
            }
            String drift = machine.memcgDrift(s);
            if (drift != null) {
                return new Violation(CheckId.MEMCG_DRIFT, drift);
            }
        }
        return null;
    }

    @Override
    public String label(int op) {
        return Op.of(op).kernelFunction();
    }

    @Override
    public String describeCall(int op, int a0, int a1, int a2, int a3) {
        return StateDiff.describeCall(machine, Op.of(op), a0, a1, a2, a3);
    }

    @Override
    public String describeResult(int op, int result) {
        return StateDiff.describeResult(machine, Op.of(op), result);
    }

    @Override
    public List<String> describe(int[] before, int[] after) {
        return StateDiff.describe(machine, before, after);
    }

    @Override
    public ThreadTrie trie(ThreadProgram program, int stepBudget) {
        return new ThreadTrie(program, policy, machine, stepBudget);
    }
}
