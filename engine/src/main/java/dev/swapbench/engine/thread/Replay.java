package dev.swapbench.engine.thread;

/**
 * Per-thread replay, whatever the kernel era: a thread's local state is the list of results its kernel calls
 * returned since its episode began. Calls answered from that list return at once without touching the machine; the
 * first call past it is recorded as the thread's pending step and unwinds the thread. {@link ReplayKernel} (the 2010
 * era) and {@link FolioReplayKernel} (v6) are the two kernels thread code runs against.
 */
abstract class Replay {
    private int[] history = new int[16];
    private int[] expected = new int[16 * 5];
    private int length;
    private int pos;

    /** The pending step found by the last replay. */
    int pendingOp;
    final int[] pendingArgs = new int[4];
    /** Set when the last replay verified a recorded call and found a different one. */
    private String mismatch;

    /** The program this kernel's thread runs. */
    abstract ThreadProgram program();

    /** Runs the episode at {@code pc} of this thread's program against this kernel; returns the next pc. */
    abstract int episode(int pc);

    /** The kernel function an op code of this era stands for (for messages). */
    abstract String kernelFunction(int op);

    void reset(int[] results, int[] expectedOps, int n) {
        if (history.length < n) {
            history = new int[Math.max(n, history.length * 2)];
            expected = new int[history.length * 5];
        }
        System.arraycopy(results, 0, history, 0, n);
        System.arraycopy(expectedOps, 0, expected, 0, n * 5);
        length = n;
        pos = 0;
        mismatch = null;
        resetLocals();
    }

    /** Clears per-episode fields of a subclass at the start of each replay. */
    void resetLocals() {
    }

    int callsMade() {
        return pos;
    }

    String mismatch() {
        return mismatch;
    }

    final int call(int op, int a0, int a1, int a2, int a3) {
        LastCall.called(kernelFunction(op));
        if (pos < length) {
            int e = pos * 5;
            if (expected[e] != op || expected[e + 1] != a0 || expected[e + 2] != a1
                    || expected[e + 3] != a2 || expected[e + 4] != a3) {
                mismatch = "call " + (pos + 1) + " was " + kernelFunction(expected[e]) + " the first time and "
                        + kernelFunction(op) + " on replay";
                throw Unwind.INSTANCE;
            }
            return history[pos++];
        }
        pendingOp = op;
        pendingArgs[0] = a0;
        pendingArgs[1] = a1;
        pendingArgs[2] = a2;
        pendingArgs[3] = a3;
        throw Unwind.INSTANCE;
    }
}
