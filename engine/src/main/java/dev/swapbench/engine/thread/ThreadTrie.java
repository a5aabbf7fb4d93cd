package dev.swapbench.engine.thread;

import dev.swapbench.engine.model.Machine;
import dev.swapbench.engine.model.v2_6.Op26;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The local states of one thread, interned: a node is (episode start, results of the calls made so far), and knows
 * the thread's next kernel call. Thread code runs once per new node (to find that call), never per transition, which
 * is what makes per-thread replay fast. The explorer stores node ids in its states.
 */
public final class ThreadTrie {
    /** Node id of a finished thread. */
    public static final int TERMINAL = 0;

    private final ThreadProgram program;
    private final ReplayKernel kernel;
    private final String policyId;
    private final int stepBudget;

    private int size = 1;
    private int[] op = new int[64];
    private int[] args = new int[64 * 4];
    private int[] parent = new int[64];
    private int[] resultIn = new int[64];
    private int[] depth = new int[64];
    private int[] pc = new int[64];
    private final Map<Integer, Integer> roots = new HashMap<>();
    private long[] childKeys = new long[256];
    private int[] childValues = new int[256];
    private int childCount;

    private int[] scratchResults = new int[16];
    private int[] scratchOps = new int[16 * 5];
    private int[] scratchNodes = new int[16];

    public ThreadTrie(ThreadProgram program, SwapFaultPolicy policy, Machine machine, int stepBudget) {
        this.program = program;
        this.kernel = new ReplayKernel(policy, machine);
        this.policyId = policy.id();
        this.stepBudget = stepBudget;
        Arrays.fill(childKeys, -1L);
        op[TERMINAL] = -1;
        pc[TERMINAL] = ThreadProgram.DONE;
    }

    public ThreadProgram program() {
        return program;
    }

    public int size() {
        return size;
    }

    public int op(int node) {
        return op[node];
    }

    public int arg(int node, int i) {
        return args[node * 4 + i];
    }

    /** True at an episode boundary (the thread holds nothing and is about to start an action). */
    public boolean atBoundary(int node) {
        return depth[node] == 0;
    }

    public int pc(int node) {
        return pc[node];
    }

    /** The node where the episode starting at {@code programCounter} begins. */
    public int root(int programCounter) {
        if (programCounter == ThreadProgram.DONE) {
            return TERMINAL;
        }
        Integer r = roots.get(programCounter);
        if (r != null) {
            return r;
        }
        int n = replay(programCounter, -1, 0, 0);
        roots.put(programCounter, n);
        return n;
    }

    /** The node after {@code node}'s pending call returned {@code result}. */
    public int child(int node, int result) {
        long key = ((long) node << 32) | (result & 0xffffffffL);
        int mask = childKeys.length - 1;
        int h = (int) (mix(key) & mask);
        while (childKeys[h] != -1L) {
            if (childKeys[h] == key) {
                return childValues[h];
            }
            h = (h + 1) & mask;
        }
        int n = replay(pc[node], node, result, depth[node] + 1);
        // the replay may have grown the table
        putChild(key, n);
        return n;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    private void putChild(long key, int value) {
        if ((childCount + 1) * 2 > childKeys.length) {
            long[] oldK = childKeys;
            int[] oldV = childValues;
            childKeys = new long[oldK.length * 2];
            childValues = new int[oldK.length * 2];
            Arrays.fill(childKeys, -1L);
            childCount = 0;
            for (int i = 0; i < oldK.length; i++) {
                if (oldK[i] != -1L) {
                    putChild(oldK[i], oldV[i]);
                }
            }
        }
        int mask = childKeys.length - 1;
        int h = (int) (mix(key) & mask);
        while (childKeys[h] != -1L) {
            h = (h + 1) & mask;
        }
        childKeys[h] = key;
        childValues[h] = value;
        childCount++;
    }

    /**
     * Runs the episode at {@code programCounter} through the calls on the path to {@code from} plus {@code result},
     * and returns the node for wherever the code stops next.
     */
    private int replay(int programCounter, int from, int result, int calls) {
        if (calls > stepBudget) {
            throw new PolicyFailure("policy " + policyId + ": thread " + program.name() + " ("
                    + program.describePc(programCounter) + ") made more than " + stepBudget
                    + " kernel calls in one episode without returning: it loops (step budget; raise "
                    + "bounds.step_budget if the episode is legitimately long)", null);
        }
        if (scratchResults.length < calls) {
            scratchResults = new int[calls * 2];
            scratchOps = new int[calls * 2 * 5];
            scratchNodes = new int[calls * 2];
        }
        // the path root .. from, and the results along it
        int n = from;
        for (int i = calls - 1; i >= 0; i--) {
            scratchNodes[i] = n;
            scratchResults[i] = (i == calls - 1) ? result : resultIn[scratchNodes[i + 1]];
            n = parent[n];
        }
        for (int i = 0; i < calls; i++) {
            int node = scratchNodes[i];
            scratchOps[i * 5] = op[node];
            System.arraycopy(args, node * 4, scratchOps, i * 5 + 1, 4);
        }
        kernel.reset(scratchResults, scratchOps, calls);
        int next;
        try {
            next = program.episode(kernel, programCounter);
        } catch (Unwind u) {
            if (kernel.mismatch() != null) {
                throw new PolicyFailure("policy " + policyId + " is not deterministic: thread " + program.name()
                        + " (" + program.describePc(programCounter) + "): " + kernel.mismatch()
                        + "; a handler must depend only on what its kernel calls return", null);
            }
            return newNode(programCounter, from, result, calls);
        } catch (PolicyFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new PolicyFailure("policy " + policyId + " threw " + e + " in thread " + program.name() + " ("
                    + program.describePc(programCounter) + ") after " + kernel.callsMade() + " kernel calls"
                    + lastCall(calls), e);
        }
        if (kernel.callsMade() != calls) {
            throw new PolicyFailure("policy " + policyId + " is not deterministic: thread " + program.name() + " ("
                    + program.describePc(programCounter) + ") returned after " + kernel.callsMade()
                    + " kernel calls where it made " + calls + " before", null);
        }
        if (calls == 0) {
            throw new IllegalStateException("episode " + program.describePc(programCounter) + " of thread "
                    + program.name() + " made no kernel call");
        }
        return root(next);
    }

    private String lastCall(int calls) {
        if (calls == 0) {
            return "";
        }
        return " (the last was " + Op26.of(scratchOps[(calls - 1) * 5]).kernelFunction() + ")";
    }

    private int newNode(int programCounter, int from, int result, int calls) {
        if (size == op.length) {
            int cap = size * 2;
            op = Arrays.copyOf(op, cap);
            args = Arrays.copyOf(args, cap * 4);
            parent = Arrays.copyOf(parent, cap);
            resultIn = Arrays.copyOf(resultIn, cap);
            depth = Arrays.copyOf(depth, cap);
            pc = Arrays.copyOf(pc, cap);
        }
        int n = size++;
        op[n] = kernel.pendingOp;
        System.arraycopy(kernel.pendingArgs, 0, args, n * 4, 4);
        parent[n] = from;
        resultIn[n] = result;
        depth[n] = calls;
        pc[n] = programCounter;
        return n;
    }
}
