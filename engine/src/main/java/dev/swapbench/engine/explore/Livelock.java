package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code livelock} check: a property of the state graph, not of one state, so it lives here beside the search
 * (as Lincheck keeps its loop detector apart from its checkers). A livelock is a reachable cycle of moves
 * <ul>
 *   <li>in which no user thread completes an action (a fault that returns and is retried is not progress),</li>
 *   <li>in which some user thread takes steps (it keeps faulting: it is not merely blocked), and</li>
 *   <li>that is weakly fair: every actor that can move in every state of the cycle moves somewhere in it.</li>
 * </ul>
 * This is SPIN's non-progress cycle under weak fairness, the condition CHESS's fair scheduler imposes: a cycle that
 * starves a runnable thread is the scheduler's doing, not the kernel's. Found by exploring the whole graph without a
 * preemption bound, splitting the non-progress edges into strongly connected components (Tarjan), and keeping a
 * component whose edges include a step of every actor enabled throughout it; such a component holds a fair cycle,
 * for instance one through every state of it and a step of every actor that moves in it. The counterexample is a
 * path to the component and such a cycle; {@link #cycle} recognises it again when the schedule is replayed.
 */
final class Livelock {
    private final Explorer x;
    private final int actors;
    private final long userMask;

    /** @param counterexample the prefix and the cycle, or null; @param complete whether the whole graph was seen */
    record Result(Counterexample counterexample, boolean complete) {
    }

    Livelock(Explorer explorer) {
        this.x = explorer;
        this.actors = explorer.actors();
        if (actors > 63) {
            throw new IllegalStateException("the livelock search handles at most 63 actors");
        }
        long m = 0;
        for (int a = 0; a < actors; a++) {
            if (x.userThread(a)) {
                m |= 1L << a;
            }
        }
        this.userMask = m;
    }

    // ---- the graph ----

    private final List<int[]> states = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private long[] enabledMask = new long[1024];
    private int[] parent = new int[1024];
    private int[] parentMove = new int[1024];
    /** Non-progress edges, per state: target, actor, choice. */
    private final List<int[]> edges = new ArrayList<>();

    Result search(long maxStates, long deadline) {
        int[] init = x.initialState();
        add(init, -1, 0);
        boolean complete = true;
        int w = x.width();
        int[] nxt = new int[w];
        for (int i = 0; i < states.size(); i++) {
            if (states.size() >= maxStates || ((i & 1023) == 0 && System.nanoTime() > deadline)) {
                complete = false;
                break;
            }
            int[] cur = states.get(i);
            boolean[] enabled = x.enabledActors(cur);
            long mask = 0;
            int[] out = new int[0];
            int n = 0;
            for (int a = 0; a < actors; a++) {
                if (!enabled[a]) {
                    continue;
                }
                mask |= 1L << a;
                int choices = x.choices(cur, a);
                for (int c = 0; c < choices; c++) {
                    try {
                        x.move(cur, a, c, nxt, null);
                    } catch (Violation v) {
                        continue;
                    }
                    x.clearPreemptionFields(nxt);
                    if (!x.invariants(nxt).isEmpty()) {
                        continue;
                    }
                    int j = add(nxt, i, (a << 6) | c);
                    if (!progress(cur, nxt)) {
                        if (n * 3 == out.length) {
                            out = Arrays.copyOf(out, Math.max(6, out.length * 2));
                        }
                        out[n * 3] = j;
                        out[n * 3 + 1] = a;
                        out[n * 3 + 2] = c;
                        n++;
                    }
                }
            }
            enabledMask[i] = mask;
            edges.add(Arrays.copyOf(out, n * 3));
        }
        if (!complete) {
            return new Result(null, false);
        }
        return new Result(findFairComponent(), true);
    }

    private int add(int[] s, int from, int move) {
        long fp = Explorer.fingerprint(s);
        Integer known = index.get(fp);
        if (known != null) {
            return known;
        }
        int id = states.size();
        states.add(s.clone());
        index.put(fp, id);
        if (id == parent.length) {
            parent = Arrays.copyOf(parent, id * 2);
            parentMove = Arrays.copyOf(parentMove, id * 2);
            enabledMask = Arrays.copyOf(enabledMask, id * 2);
        }
        parent[id] = from;
        parentMove[id] = move;
        return id;
    }

    /** A move is progress when some user thread's program counter changes: it completed an action. */
    private boolean progress(int[] before, int[] after) {
        for (int t = 0; t < actors; t++) {
            if (x.userThread(t) && x.programCounter(before, t) != x.programCounter(after, t)) {
                return true;
            }
        }
        return false;
    }

    // ---- strongly connected components of the non-progress edges (iterative Tarjan) ----

    private Counterexample findFairComponent() {
        int n = states.size();
        int[] low = new int[n];
        int[] num = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int counter = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        for (int root = 0; root < n; root++) {
            if (num[root] != 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            num[root] = low[root] = ++counter;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int[] out = edges.get(v);
                if (callEdge[depth] < out.length) {
                    int wv = out[callEdge[depth]];
                    callEdge[depth] += 3;
                    if (num[wv] == 0) {
                        num[wv] = low[wv] = ++counter;
                        stack[sp++] = wv;
                        onStack[wv] = true;
                        depth++;
                        callNode[depth] = wv;
                        callEdge[depth] = 0;
                    } else if (onStack[wv]) {
                        low[v] = Math.min(low[v], num[wv]);
                    }
                    continue;
                }
                if (low[v] == num[v]) {
                    List<Integer> component = new ArrayList<>();
                    int wv;
                    do {
                        wv = stack[--sp];
                        onStack[wv] = false;
                        component.add(wv);
                    } while (wv != v);
                    Counterexample c = judge(component);
                    if (c != null) {
                        return c;
                    }
                }
                depth--;
                if (depth >= 0) {
                    int u = callNode[depth];
                    low[u] = Math.min(low[u], low[v]);
                }
            }
        }
        return null;
    }

    /** Component number of each state while the components are judged (0: not yet in one). */
    private int[] componentOf;
    private int components;

    /** The counterexample of a fair component in which a user thread keeps stepping, or null. */
    private Counterexample judge(List<Integer> component) {
        if (componentOf == null) {
            componentOf = new int[states.size()];
        }
        int id = ++components;
        for (int v : component) {
            componentOf[v] = id;
        }
        long moved = 0;
        long always = -1L;
        for (int v : component) {
            always &= enabledMask[v];
            int[] out = edges.get(v);
            for (int e = 0; e < out.length; e += 3) {
                if (componentOf[out[e]] == id) {
                    moved |= 1L << out[e + 1];
                }
            }
        }
        if (moved == 0 || (moved & userMask) == 0 || (always & ~moved) != 0) {
            return null;
        }
        boolean[] in = new boolean[states.size()];
        for (int v : component) {
            in[v] = true;
        }
        return counterexample(component, in, moved);
    }

    private Counterexample counterexample(List<Integer> component, boolean[] in, long moved) {
        int entry = component.stream().min(Integer::compare).orElseThrow();
        List<String> schedule = new ArrayList<>();
        for (int v = entry; parent[v] >= 0; v = parent[v]) {
            schedule.add(0, x.moveName(parentMove[v] >>> 6, parentMove[v] & 63));
        }
        int prefix = schedule.size();
        // one cycle from the entry through a step of every actor that moves in the component and through every state
        // of it (so the actors enabled all along the cycle are those enabled all over the component), back to the entry
        int at = entry;
        for (int a = 0; a < actors; a++) {
            if ((moved & (1L << a)) != 0) {
                at = pathThroughActor(at, a, in, schedule);
            }
        }
        for (int v : component.stream().sorted().toList()) {
            pathTo(at, v, in, schedule);
            at = v;
        }
        pathTo(at, entry, in, schedule);
        String message = message(moved, prefix, schedule.size() - prefix);
        List<TraceStep> steps = x.replay(schedule).steps();
        return new Counterexample(CheckId.LIVELOCK, message, schedule, steps);
    }

    private String message(long moved, int prefix, int cycle) {
        return message(x, moved, prefix, cycle);
    }

    private static String message(Explorer x, long moved, int prefix, int cycle) {
        List<String> retrying = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int a = 0; a < x.actors(); a++) {
            if ((moved & (1L << a)) != 0) {
                (x.userThread(a) ? retrying : others).add(x.moveName(a, 0));
            }
        }
        return "thread " + String.join(" and ", retrying) + " can retry forever: moves " + (prefix + 1) + " to "
                + (prefix + cycle) + " return to the state after move " + prefix + ", no thread completes an action "
                + "in them, and every thread that can run in all of them takes a step"
                + (others.isEmpty() ? "" : " (" + String.join(", ", others) + " too)");
    }

    /**
     * Whether a replayed schedule ends in a livelock cycle: its last state is an earlier one, and the moves since
     * then make no progress, include a user thread's step and are weakly fair. Returns the check's message (the same
     * the search gives), or null.
     *
     * @param visited the state before the first move, then the state after each move
     * @param moved   the actor of each move
     */
    static String cycle(Explorer x, List<int[]> visited, int[] moved) {
        int n = moved.length;
        int[] last = visited.get(n).clone();
        x.clearPreemptionFields(last);
        int start = -1;
        for (int k = 0; k < n && start < 0; k++) {
            int[] s = visited.get(k).clone();
            x.clearPreemptionFields(s);
            if (Arrays.equals(s, last)) {
                start = k;
            }
        }
        if (start < 0) {
            return null;
        }
        long movedMask = 0;
        long always = -1L;
        long users = 0;
        for (int i = start; i < n; i++) {
            int[] before = visited.get(i);
            int[] after = visited.get(i + 1);
            for (int t = 0; t < x.actors(); t++) {
                if (x.userThread(t) && x.programCounter(before, t) != x.programCounter(after, t)) {
                    return null;
                }
            }
            movedMask |= 1L << moved[i];
            users |= x.userThread(moved[i]) ? 1L << moved[i] : 0;
            boolean[] enabled = x.enabledActors(before);
            long mask = 0;
            for (int a = 0; a < enabled.length; a++) {
                mask |= enabled[a] ? 1L << a : 0;
            }
            always &= mask;
        }
        if (users == 0 || (always & ~movedMask) != 0) {
            return null;
        }
        return message(x, movedMask, start, n - start);
    }

    /** Appends a shortest path inside the component from {@code from} to a state after a step of {@code actor}. */
    private int pathThroughActor(int from, int actor, boolean[] in, List<String> schedule) {
        Map<Integer, int[]> prev = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        prev.put(from, null);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            int[] out = edges.get(v);
            for (int e = 0; e < out.length; e += 3) {
                int w = out[e];
                if (!in[w]) {
                    continue;
                }
                if (out[e + 1] == actor) {
                    appendPath(prev, v, schedule);
                    schedule.add(x.moveName(actor, out[e + 2]));
                    return w;
                }
                if (!prev.containsKey(w)) {
                    prev.put(w, new int[] {v, out[e + 1], out[e + 2]});
                    queue.add(w);
                }
            }
        }
        throw new IllegalStateException("no step of " + x.moveName(actor, 0) + " in a component that has one");
    }

    /** Appends a shortest path inside the component from {@code from} to {@code to}. */
    private void pathTo(int from, int to, boolean[] in, List<String> schedule) {
        if (from == to) {
            return;
        }
        Map<Integer, int[]> prev = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        prev.put(from, null);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            int[] out = edges.get(v);
            for (int e = 0; e < out.length; e += 3) {
                int w = out[e];
                if (in[w] && !prev.containsKey(w)) {
                    prev.put(w, new int[] {v, out[e + 1], out[e + 2]});
                    if (w == to) {
                        appendPath(prev, to, schedule);
                        return;
                    }
                    queue.add(w);
                }
            }
        }
        throw new IllegalStateException("a strongly connected component that is not connected");
    }

    private void appendPath(Map<Integer, int[]> prev, int to, List<String> schedule) {
        List<String> path = new ArrayList<>();
        for (int[] p = prev.get(to); p != null; p = prev.get(p[0])) {
            path.add(0, x.moveName(p[1], p[2]));
        }
        schedule.addAll(path);
    }
}
