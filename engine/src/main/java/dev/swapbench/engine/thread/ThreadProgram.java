package dev.swapbench.engine.thread;

import dev.swapbench.engine.model.v2_6.Op26;
import dev.swapbench.engine.scenario.Action;
import java.util.List;

/**
 * What one kernel thread runs, cut into episodes: one user access with at most one fault, one reclaim pass, one
 * zap, one swapoff slot. Between episodes a thread's whole local state is its program counter, so a thread that
 * faults again and again does not grow its history. The program counter packs the action index and a sub-step
 * (the slot a swapoff has reached).
 */
public final class ThreadProgram {
    public static final int DONE = -1;
    private static final int SUB_BITS = 8;

    private final String name;
    private final int mm;
    private final boolean daemon;
    private final List<Action> actions;
    private final int[] mmIndexOfTarget;

    /**
     * @param mmIndexOfTarget for each action, the mm index of its target (FORK), or -1
     */
    public ThreadProgram(String name, int mm, boolean daemon, List<Action> actions, int[] mmIndexOfTarget) {
        this.name = name;
        this.mm = mm;
        this.daemon = daemon;
        this.actions = List.copyOf(actions);
        this.mmIndexOfTarget = mmIndexOfTarget.clone();
    }

    public String name() {
        return name;
    }

    public boolean daemon() {
        return daemon;
    }

    public int mm() {
        return mm;
    }

    public String describePc(int pc) {
        if (pc == DONE) {
            return "done";
        }
        Action a = actions.get(pc >>> SUB_BITS);
        return a.op().name().toLowerCase() + (a.address() >= 0 ? " " + a.address() : "")
                + (a.target() != null ? " " + a.target() : "");
    }

    /** The action an episode at {@code pc} runs. */
    Action action(int pc) {
        return actions.get(pc >>> SUB_BITS);
    }

    /** The program counter of action {@code index} at sub-step {@code sub}. */
    static int pc(int index, int sub) {
        return (index << SUB_BITS) | sub;
    }

    static int index(int pc) {
        return pc >>> SUB_BITS;
    }

    static int sub(int pc) {
        return pc & ((1 << SUB_BITS) - 1);
    }

    /** The program counter after action {@code actionIndex} completes. */
    int next(int actionIndex) {
        int n = actionIndex + 1;
        if (n < actions.size()) {
            return n << SUB_BITS;
        }
        return daemon ? 0 : DONE;
    }

    /** Runs one episode from {@code pc} and returns the program counter that follows it. */
    int episode(ReplayKernel k, int pc) {
        int index = pc >>> SUB_BITS;
        int sub = pc & ((1 << SUB_BITS) - 1);
        Action a = actions.get(index);
        KernelRoutines r = k.routines;
        switch (a.op()) {
            case READ:
            case WRITE:
                return r.userAccess(mm, a.address(), a.op() == Action.Op.WRITE) ? next(index) : pc;
            case MADV_DONTNEED:
                k.call(Op26.MMAP_DOWN_READ, mm);
                r.zap(mm, a.address());
                k.call(Op26.MMAP_UP_READ, mm);
                return next(index);
            case EXIT:
                return exit(k, r, index, sub);
            case FORK:
                k.call(Op26.MMAP_DOWN_WRITE, mm);
                k.call(Op26.FORK, mm, mmIndexOfTarget[index]);
                k.call(Op26.MMAP_UP_WRITE, mm);
                return next(index);
            case RECLAIM:
                r.shrinkOnePage();
                return next(index);
            case TRY_TO_FREE_SWAP:
                r.tryToFreeSwapSomewhere();
                return next(index);
            case SWAPOFF:
                return swapoff(k, r, index, sub);
            case KSM_MERGE:
                r.ksmdScanOne();
                return next(index);

            default:
                throw new IllegalStateException("unknown action " + a.op());
        }
    }

    /** exit_mmap: mmap_sem for write, then one zap per address, each its own episode; sub = addresses done. */
    private int exit(ReplayKernel k, KernelRoutines r, int index, int sub) {
        int pages = k.machine.vmaPages(mm);
        if (sub == 0) {
            k.call(Op26.MMAP_DOWN_WRITE, mm);
        }
        r.zap(mm, k.machine.vmaStart(mm) + sub);
        if (sub + 1 < pages) {
            return (index << SUB_BITS) | (sub + 1);
        }
        k.call(Op26.MM_EXIT, mm);
        k.call(Op26.MMAP_UP_WRITE, mm);
        return next(index);
    }

    /**
     * swapoff: disable the device, then try_to_unuse one slot per episode (sub = 1 + the slot find_next_to_unuse starts
     * after; it wraps round, so a slot still in use is tried again after the others), then swapon again.
     */
    private int swapoff(ReplayKernel k, KernelRoutines r, int index, int sub) {
        if (sub == 0) {
            k.call(Op26.SWAPOFF_BEGIN, 0);
            return (index << SUB_BITS) | 1;
        }
        int offset = k.call(Op26.SWAPOFF_NEXT_SLOT, sub - 1);
        if (offset < 0) {
            k.call(Op26.SWAPOFF_END, 0);
            return next(index);
        }
        r.unuseSlot(offset);
        return (index << SUB_BITS) | (offset + 1);
    }
}
