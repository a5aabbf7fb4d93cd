package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The Markov chain of the uniformly random scheduler ({@link HitRate}) over a scenario's whole state graph, held
 * explicitly, and the probability that a run from the initial state reaches a state where a given set of checks fires.
 *
 * <p>Node 0 is the initial state. Each node has the checks that fire at it (a bit per {@link CheckId} ordinal) and its
 * out-edges, each with its probability; an edge can also end in a check that fired inside the step (the step did not
 * complete, so the run ends there). A node without edges ends the run. Memory: about 32 bytes per node (the
 * fingerprint index at its 70 % load, the mask, the edge range) plus 12 bytes per edge.
 */
final class StateGraph {
    private byte[] mask = new byte[64];
    private int[] start = new int[64];
    private int[] end = new int[64];
    private int nodes;
    private int[] to = new int[128];
    private double[] p = new double[128];
    private int edges;
    /** Every check that fires somewhere (at a node or inside a step). */
    private int fires;

    /** Thrown when the graph would pass the state budget or the heap; the message says which. */
    static final class TooLarge extends Exception {
        TooLarge(String why) {
            super(why, null, false, false);
        }
    }

    /** Adds a node with the checks that fire at it; returns its number. */
    int node(int checks) {
        if (nodes == mask.length) {
            int n = nodes * 2;
            HeapGuard.require(9L * n, "grow the hit-rate graph to " + n + " states");
            mask = Arrays.copyOf(mask, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
        }
        mask[nodes] = (byte) checks;
        fires |= checks;
        return nodes++;
    }

    /** Opens node {@code from}'s edge list: its edges must be added next, before another node's. */
    void expanding(int from) {
        start[from] = edges;
        end[from] = edges;
    }

    /** An edge of the node being expanded to node {@code target}, taken with probability {@code prob}. */
    void edge(int from, int target, double prob) {
        if (edges == to.length) {
            int n = edges * 2;
            HeapGuard.require(12L * n, "grow the hit-rate graph to " + n + " transitions");
            to = Arrays.copyOf(to, n);
            p = Arrays.copyOf(p, n);
        }
        to[edges] = target;
        p[edges] = prob;
        edges++;
        end[from] = edges;
    }

    /** An edge of the node being expanded whose step makes {@code check} fire inside it. */
    void firingEdge(int from, CheckId check, double prob) {
        edge(from, -1 - check.ordinal(), prob);
        fires |= 1 << check.ordinal();
    }

    int size() {
        return nodes;
    }

    int transitions() {
        return edges;
    }

    /** The checks that fire somewhere in the graph, as a bit per {@link CheckId} ordinal. */
    int fires() {
        return fires;
    }

    static int bit(CheckId c) {
        return 1 << c.ordinal();
    }

    /** Every check, as a target mask. */
    static final int ANY = (1 << CheckId.values().length) - 1;

    /** The relative width at which the iteration inside a cycle of states stops. */
    static final double TOLERANCE = 1e-12;

    /**
     * Transitions one cycle of states may visit, over all its sweeps, before the iteration stops with the bracket it
     * has (still a bracket: the two iterations never cross the value).
     */
    static final long MAX_WORK = 2_000_000_000L;

    /**
     * The probability that a run from node 0 reaches a node where a check of {@code target} fires, or takes a step
     * that makes one fire inside it: {lower, upper}. The strongly connected components of the graph (target nodes
     * absorb) are solved in reverse topological order (Tarjan): a component of one node exactly from its successors'
     * values (a self-loop only divides by the chance of leaving); a component with no way out to a target is 0; a
     * cycle by Gauss-Seidel iteration from 0 (which only rises to the value) and from 1 (which only falls to it: every
     * node of such a component leaves it with probability 1, so the value is unique) until the two are within
     * {@link #TOLERANCE} of each other, relatively, or after {@link #MAX_WORK} transitions. An acyclic graph therefore
     * gives lower = upper.
     */
    double[] reach(int target) {
        int n = nodes;
        double[] lo = new double[n];
        double[] hi = new double[n];
        int[] order = new int[n];
        int[] low = new int[n];
        boolean[] done = new boolean[n];
        boolean[] onStack = new boolean[n];
        int[] sccStack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        Arrays.fill(order, -1);
        for (int i = 0; i < n; i++) {
            if ((mask[i] & target) != 0) {
                lo[i] = 1;
                hi[i] = 1;
                done[i] = true;
            }
        }
        if (done[0]) {
            return new double[] {1, 1};
        }
        int counter = 0;
        int depth = 0;
        callNode[0] = 0;
        callEdge[0] = start[0];
        order[0] = low[0] = counter++;
        sccStack[sp++] = 0;
        onStack[0] = true;
        while (depth >= 0) {
            int v = callNode[depth];
            if (callEdge[depth] < end[v]) {
                int w = to[callEdge[depth]++];
                if (w < 0 || done[w]) {
                    continue;
                }
                if (order[w] < 0) {
                    order[w] = low[w] = counter++;
                    sccStack[sp++] = w;
                    onStack[w] = true;
                    depth++;
                    callNode[depth] = w;
                    callEdge[depth] = start[w];
                } else if (onStack[w]) {
                    low[v] = Math.min(low[v], order[w]);
                }
                continue;
            }
            if (low[v] == order[v]) {
                int first = sp;
                do {
                    first--;
                } while (sccStack[first] != v);
                solve(sccStack, first, sp, target, lo, hi, onStack);
                for (int i = first; i < sp; i++) {
                    onStack[sccStack[i]] = false;
                    done[sccStack[i]] = true;
                }
                sp = first;
            }
            depth--;
            if (depth >= 0) {
                int u = callNode[depth];
                low[u] = Math.min(low[u], low[v]);
            }
        }
        return new double[] {lo[0], hi[0]};
    }

    /**
     * The value of one strongly connected component {@code scc[from..until)} (its members are marked in
     * {@code member}; every node it leads to outside is solved already).
     */
    private void solve(int[] scc, int from, int until, int target, double[] lo, double[] hi, boolean[] member) {
        boolean reaches = false;
        long work = 0;
        for (int k = from; k < until; k++) {
            int v = scc[k];
            work += end[v] - start[v];
            for (int e = start[v]; e < end[v]; e++) {
                int w = to[e];
                reaches |= w < 0 ? (target & (1 << (-1 - w))) != 0 : !member[w] && hi[w] > 0;
            }
        }
        if (!reaches) {
            return; // no way out to a target (or no way out at all): lo = hi = 0, exactly
        }
        for (int k = from; k < until; k++) {
            hi[scc[k]] = 1;
        }
        // one node: one pass is exact (a self-loop only divides by the chance of leaving); a cycle: iterate
        long sweeps = until - from == 1 ? 1 : Math.max(100, MAX_WORK / Math.max(1, work));
        for (long sweep = 0; sweep < sweeps; sweep++) {
            double width = 0;
            for (int k = from; k < until; k++) {
                int v = scc[k];
                double sl = 0;
                double sh = 0;
                double stay = 0;
                for (int e = start[v]; e < end[v]; e++) {
                    int w = to[e];
                    if (w == v) {
                        stay += p[e];
                    } else if (w < 0) {
                        double f = (target & (1 << (-1 - w))) != 0 ? p[e] : 0;
                        sl += f;
                        sh += f;
                    } else {
                        sl += p[e] * lo[w];
                        sh += p[e] * hi[w];
                    }
                }
                lo[v] = Math.min(1, sl / (1 - stay));
                hi[v] = Math.min(1, sh / (1 - stay));
                width = Math.max(width, (hi[v] - lo[v]) / Math.max(hi[v], Double.MIN_NORMAL));
            }
            if (width <= TOLERANCE) {
                return;
            }
        }
    }

    /**
     * The whole graph of the uniformly random scheduler from {@code x}'s initial state (see {@link HitRate} for the
     * scheduler), built by a depth-first walk that keeps only the states not yet expanded.
     *
     * @param x         an explorer without a preemption bound
     * @param maxStates the most states to store
     * @throws TooLarge if the graph has more states than {@code maxStates}, or the heap cannot hold it
     */
    static StateGraph explore(Explorer x, long maxStates) throws TooLarge {
        StateGraph g = new StateGraph();
        Index index = new Index();
        int[] init = x.initial();
        int actors = x.actors();
        try {
            index.put(Explorer.fingerprint(init), g.node(checksAt(x, init)));
            ArrayDeque<int[]> pending = new ArrayDeque<>();
            ArrayDeque<Integer> pendingNode = new ArrayDeque<>();
            pending.push(init);
            pendingNode.push(0);
            int[] enabled = new int[actors];
            int[] nxt = new int[init.length];
            while (!pending.isEmpty()) {
                int[] s = pending.pop();
                int v = pendingNode.pop();
                g.expanding(v);
                int ne = HitRate.enabled(x, s, enabled);
                for (int i = 0; i < ne; i++) {
                    int a = enabled[i];
                    int choices = x.choicesAt(s, a);
                    double prob = 1.0 / ne / choices;
                    for (int c = 0; c < choices; c++) {
                        try {
                            x.step(s, a, c, nxt);
                        } catch (Violation fired) {
                            g.firingEdge(v, fired.check(), prob);
                            continue;
                        }
                        long fp = Explorer.fingerprint(nxt);
                        int w = index.get(fp);
                        if (w < 0) {
                            if (g.size() >= maxStates) {
                                throw new TooLarge("the graph has more than " + String.format("%,d", maxStates)
                                        + " states (the budget)");
                            }
                            w = g.node(checksAt(x, nxt));
                            index.put(fp, w);
                            pending.push(nxt.clone());
                            pendingNode.push(w);
                        }
                        g.edge(v, w, prob);
                    }
                }
            }
        } catch (HeapGuard.Exhausted e) {
            throw new TooLarge(e.getMessage());
        }
        return g;
    }

    /** The checks that fire at a state, as a mask: its invariants and, when no thread can go on, deadlock. */
    static int checksAt(Explorer x, int[] s) {
        int m = 0;
        List<Violation> fired = x.invariants(s);
        for (Violation v : fired) {
            m |= bit(v.check());
        }
        if (x.deadlock(s) != null) {
            m |= bit(CheckId.DEADLOCK);
        }
        return m;
    }

    /** Fingerprint to node number: open addressing, linear probing, 0 stands for the fingerprint 0 as for 1. */
    private static final class Index {
        private long[] keys = new long[1 << 10];
        private int[] values = new int[1 << 10];
        private int size;

        int get(long fp) {
            long k = fp == 0 ? 1 : fp;
            int mask = keys.length - 1;
            for (int i = (int) (k ^ (k >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == k) {
                    return values[i];
                }
                if (keys[i] == 0) {
                    return -1;
                }
            }
        }

        void put(long fp, int node) {
            if ((size + 1) * 10L > keys.length * 7L) {
                grow();
            }
            long k = fp == 0 ? 1 : fp;
            int mask = keys.length - 1;
            int i = (int) (k ^ (k >>> 32)) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = node;
            size++;
        }

        private void grow() {
            int n = keys.length * 2;
            HeapGuard.require(12L * n, "grow the hit-rate graph's index to " + n + " entries");
            long[] ok = keys;
            int[] ov = values;
            keys = new long[n];
            values = new int[n];
            size = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != 0) {
                    long k = ok[i];
                    int j = (int) (k ^ (k >>> 32)) & (n - 1);
                    while (keys[j] != 0) {
                        j = (j + 1) & (n - 1);
                    }
                    keys[j] = k;
                    values[j] = ov[i];
                    size++;
                }
            }
        }
    }
}
