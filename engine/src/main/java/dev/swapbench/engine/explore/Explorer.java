package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.AnonRmapKind;
import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.check.Checks;
import dev.swapbench.engine.model.Machine;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.engine.thread.PolicyFailure;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exhaustive breadth-first exploration of every interleaving of a scenario's threads under one policy, with
 * fingerprint state caching, so that the first counterexample found for a check is a shortest one.
 *
 * <p>A state is the machine's ints, then one trie node per thread (its local state), then, with a preemption
 * bound, the last thread to move and the preemptions used. The actors are the threads and, per page frame, the
 * completion of its in-flight read or write I/O. Same inputs give the same counts and counterexamples every run.
 */
public final class Explorer {
    /** Which executions the search covers. */
    public enum Mode {
        /** Every interleaving of kernel steps (within the scenario's preemption bound). */
        INTERLEAVED,
        /**
         * Every order of whole episodes (a fault, a reclaim pass, a fork, a swapoff slot): an episode runs to its
         * end before another thread moves; while its thread sleeps, only I/O completes (and, when no I/O is in
         * flight, another thread may run, as it must to release what the sleeper waits for). A check that fires
         * here needs no race, so it is a model bug. The preemption bound does not apply.
         */
        SERIAL;

        /** The mode's name as the CLI and JSON spell it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Scenario scenario;
    private final Machine machine;
    private final ThreadTrie[] tries;
    private final String[] threadNames;
    private final boolean[] daemon;
    private final int nt;
    private final int nf;
    private final int base;
    private final int width;
    private final int bound;
    private final boolean serial;
    private final long maxStates;
    private final Check[] checks;

    public Explorer(Scenario scenario, SwapFaultPolicy policy) {
        this(scenario, policy, Mode.INTERLEAVED);
    }

    public Explorer(Scenario scenario, SwapFaultPolicy policy, Mode mode) {
        this.scenario = scenario;
        this.serial = mode == Mode.SERIAL;
        KernelBaseline baseline = scenario.knobs().baseline() != null
                ? KernelBaseline.byTag(scenario.knobs().baseline()) : policy.baseline();
        this.machine = new Machine(scenario, baseline);
        this.checks = Checks.of(machine.layout());
        Map<String, Integer> mmIndex = new HashMap<>();
        for (int i = 0; i < scenario.memory().mms().size(); i++) {
            mmIndex.put(scenario.memory().mms().get(i).id(), i);
        }
        List<ThreadSpec> threads = scenario.threads();
        nt = threads.size();
        tries = new ThreadTrie[nt];
        threadNames = new String[nt];
        daemon = new boolean[nt];
        Bounds bounds = scenario.bounds();
        for (int t = 0; t < nt; t++) {
            ThreadSpec ts = threads.get(t);
            int[] targets = new int[ts.actions().size()];
            for (int i = 0; i < targets.length; i++) {
                Action a = ts.actions().get(i);
                targets[i] = a.target() != null ? mmIndex.get(a.target()) : -1;
            }
            int mm = ts.mm() != null ? mmIndex.get(ts.mm()) : -1;
            ThreadProgram program = new ThreadProgram(ts.id(), mm, ts.daemon(), ts.actions(), targets);
            tries[t] = new ThreadTrie(program, policy, machine, bounds.stepBudget());
            threadNames[t] = ts.id();
            daemon[t] = ts.daemon();
        }
        nf = machine.frames();
        base = machine.size();
        bound = serial ? -1 : bounds.maxPreemptions();
        width = base + nt + (bound >= 0 ? 2 : 0);
        maxStates = Math.min(bounds.maxStates(), (1L << 26) - 1); // state indices share an int with a 6-bit move
    }

    public Machine machine() {
        return machine;
    }

    // ---- states ----

    private int[] initialState() {
        int[] s = Arrays.copyOf(machine.initialState(), width);
        for (int t = 0; t < nt; t++) {
            s[base + t] = tries[t].root(0);
        }
        return s;
    }

    private boolean threadEnabled(int[] s, int t) {
        int node = s[base + t];
        if (node == ThreadTrie.TERMINAL) {
            return false;
        }
        ThreadTrie trie = tries[t];
        return machine.enabled(s, t + 1, trie.op(node), trie.arg(node, 0), trie.arg(node, 1), trie.arg(node, 2),
                trie.arg(node, 3));
    }

    private boolean ioEnabled(int[] s, int pfn) {
        return machine.ioPending(s, pfn);
    }

    private int choices(int[] s, int actor) {
        if (actor >= nt) {
            return 1;
        }
        ThreadTrie trie = tries[actor];
        int node = s[base + actor];
        return machine.choices(s, trie.op(node), trie.arg(node, 0));
    }

    /** Receives each kernel step of a transition (only while rebuilding a counterexample). */
    private interface StepSink {
        /** @param fired the check this step made fire (the step did not complete), or null */
        void step(String thread, int op, int a0, int a1, int a2, int a3, int result, Violation fired, int[] before,
                  int[] after);
    }

    /**
     * Takes one move from {@code src} into {@code dst}: the actor's pending step, then any steps that follow it and
     * are invisible to the other threads (see {@link Machine#foldable}).
     *
     * @throws Violation if a check fires inside a step
     */
    private void move(int[] src, int actor, int choice, int[] dst, StepSink sink) {
        System.arraycopy(src, 0, dst, 0, width);
        int[] before = sink != null ? new int[width] : null;
        if (actor >= nt) {
            int pfn = actor - nt;
            int op = machine.ioDone(src, pfn);
            if (sink != null) {
                System.arraycopy(dst, 0, before, 0, width);
            }
            machine.perform(dst, 0, op, pfn, 0, 0, 0, 0);
            if (sink != null) {
                sink.step("io", op, pfn, 0, 0, 0, 0, null, before, dst);
            }
            return;
        }
        ThreadTrie trie = tries[actor];
        int owner = actor + 1;
        int node = src[base + actor];
        int c = choice;
        for (int guard = 0; ; guard++) {
            int op = trie.op(node);
            int a0 = trie.arg(node, 0), a1 = trie.arg(node, 1), a2 = trie.arg(node, 2), a3 = trie.arg(node, 3);
            if (sink != null) {
                System.arraycopy(dst, 0, before, 0, width);
            }
            int r;
            try {
                r = machine.perform(dst, owner, op, a0, a1, a2, a3, c);
            } catch (Violation v) {
                if (sink != null) {
                    sink.step(threadNames[actor], op, a0, a1, a2, a3, 0, v, before, dst);
                }
                throw v;
            }
            if (sink != null) {
                sink.step(threadNames[actor], op, a0, a1, a2, a3, r, null, before, dst);
            }
            node = trie.child(node, r);
            dst[base + actor] = node;
            c = 0;
            if (node == ThreadTrie.TERMINAL) {
                return;
            }
            op = trie.op(node);
            a0 = trie.arg(node, 0);
            a1 = trie.arg(node, 1);
            a2 = trie.arg(node, 2);
            a3 = trie.arg(node, 3);
            if (!machine.foldable(dst, owner, op, a0, a1, a2, a3) || !machine.enabled(dst, owner, op, a0, a1, a2, a3)) {
                return;
            }
            if (guard > 100_000) {
                throw new PolicyFailure("thread " + threadNames[actor] + " runs forever without a visible step", null);
            }
        }
    }

    /**
     * The checks evaluated on every state reached (the at-quiescence ones only when it is quiescent). Every one that
     * holds is returned, in {@link dev.swapbench.engine.check.Checks} order, so that one check does not hide another.
     */
    private List<Violation> invariants(int[] s) {
        List<Violation> fired = List.of();
        int quiescent = -1;
        for (Check check : checks) {
            if (check.when() == Check.When.AT_QUIESCENCE) {
                if (quiescent < 0) {
                    quiescent = quiescent(s) ? 1 : 0;
                }
                if (quiescent == 0) {
                    continue;
                }
            }
            String message = check.violation(s);
            if (message != null) {
                fired = add(fired, new Violation(check.id(), message));
            }
        }
        return fired;
    }

    private static List<Violation> add(List<Violation> fired, Violation v) {
        List<Violation> more = new ArrayList<>(fired);
        more.add(v);
        return more;
    }

    /**
     * The scenario has ended: every user thread has finished, every daemon is between two passes, no I/O is in
     * flight. An rmap-unfindable pte at such a state stays unfindable ({@link AnonRmapKind#UNFINDABLE_PERMANENT}).
     */
    private boolean scenarioEnded(int[] s) {
        for (int t = 0; t < nt; t++) {
            int node = s[base + t];
            if (node != ThreadTrie.TERMINAL && (!daemon[t] || !tries[t].atBoundary(node))) {
                return false;
            }
        }
        return !machine.ioInFlight(s);
    }

    private boolean quiescent(int[] s) {
        for (int t = 0; t < nt; t++) {
            int node = s[base + t];
            if (node != ThreadTrie.TERMINAL && !tries[t].atBoundary(node)) {
                return false;
            }
        }
        return !machine.ioInFlight(s);
    }

    private static long fingerprint(int[] s) {
        long h = 0x9E3779B97F4A7C15L ^ s.length;
        for (int v : s) {
            h = (h ^ v) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    // ---- the search ----

    private static final class Found {
        final int stateIndex;
        final int actor;
        final int choice;
        final String message;

        Found(int stateIndex, int actor, int choice, String message) {
            this.stateIndex = stateIndex;
            this.actor = actor;
            this.choice = choice;
            this.message = message;
        }
    }

    /** Explores everything (within the bounds) and reports each check's shortest counterexample. */
    public Exploration run() {
        return run(false);
    }

    /**
     * @param stopAtFirstViolation stop as soon as any check fires (for measuring time to first counterexample)
     */
    public Exploration run(boolean stopAtFirstViolation) {
        return run(stopAtFirstViolation, null);
    }

    /**
     * @param stopAtFirstViolation stop as soon as any check fires (for measuring time to first counterexample)
     * @param timeLimit            stop (incomplete) once the search has taken this long; null for no limit
     */
    public Exploration run(boolean stopAtFirstViolation, java.time.Duration timeLimit) {
        long start = System.nanoTime();
        long deadline = timeLimit == null ? Long.MAX_VALUE : start + timeLimit.toNanos();
        Map<CheckId, Found> found = new EnumMap<>(CheckId.class);
        FingerprintSet seen = new FingerprintSet(1 << 16);
        StateQueue queue = new StateQueue();
        // per state: parent index << 6 | ordinal of the move from the parent (63: look it up in bigOrdinals)
        int[] links = new int[1 << 12];
        Map<Integer, Integer> bigOrdinals = new HashMap<>();
        int states = 0;
        long transitions = 0;
        boolean complete = true;
        String error = null;
        int depth = 0;
        int[] cur = new int[width];
        int[] nxt = new int[width];
        boolean[] enabled = new boolean[nt + nf];
        Found anonRmapBug = null; // the shortest path to an rmap BUG_ON, kept apart from the unfindable ones
        boolean unfindableAtEnd = false;
        try {
            int[] init = initialState();
            for (Violation v : invariants(init)) {
                found.put(v.check(), new Found(-1, -1, 0, v.getMessage()));
                unfindableAtEnd |= v.check() == CheckId.ANON_RMAP && scenarioEnded(init);
            }
            seen.add(fingerprint(init));
            states = 1;
            queue.push(0, init);
            int levelEnd = states;
            search:
            while (!queue.isEmpty()) {
                int index = queue.pop(cur);
                if (index >= levelEnd) {
                    depth++;
                    levelEnd = states;
                }
                for (int t = 0; t < nt; t++) {
                    enabled[t] = threadEnabled(cur, t);
                }
                for (int p = 0; p < nf; p++) {
                    enabled[nt + p] = ioEnabled(cur, p);
                }
                if (!found.containsKey(CheckId.DEADLOCK) && deadlocked(cur)) {
                    found.put(CheckId.DEADLOCK, new Found(index, -1, 0, deadlockMessage(cur)));
                    if (stopAtFirstViolation) {
                        break;
                    }
                }
                int ordinal = -1;
                int gate = serialGate(cur, enabled);
                for (int actor = 0; actor < nt + nf; actor++) {
                    if (!enabled[actor] || !serialAllows(gate, cur, actor)) {
                        continue;
                    }
                    int preemptions = preemptionsAfter(cur, actor, enabled);
                    if (preemptions > bound && bound >= 0) {
                        continue;
                    }
                    int n = choices(cur, actor);
                    for (int c = 0; c < n; c++) {
                        transitions++;
                        ordinal++;
                        try {
                            move(cur, actor, c, nxt, null);
                        } catch (Violation v) {
                            if (v.check() == CheckId.ANON_RMAP && anonRmapBug == null) {
                                anonRmapBug = new Found(index, actor, c, v.getMessage());
                            }
                            if (!found.containsKey(v.check())) {
                                found.put(v.check(), new Found(index, actor, c, v.getMessage()));
                                if (stopAtFirstViolation) {
                                    break search;
                                }
                            }
                            continue;
                        }
                        if (bound >= 0 && actor < nt) {
                            nxt[base + nt] = actor + 1;
                            nxt[base + nt + 1] = preemptions;
                        }
                        for (Violation v : invariants(nxt)) {
                            if (v.check() == CheckId.ANON_RMAP && !unfindableAtEnd && scenarioEnded(nxt)) {
                                unfindableAtEnd = true;
                            }
                            if (!found.containsKey(v.check())) {
                                found.put(v.check(), new Found(index, actor, c, v.getMessage()));
                                if (stopAtFirstViolation) {
                                    break search;
                                }
                            }
                        }
                        if (seen.add(fingerprint(nxt))) {
                            if (states == links.length) {
                                links = Arrays.copyOf(links, states + (states >> 1));
                            }
                            links[states] = (index << 6) | Math.min(ordinal, 63);
                            if (ordinal >= 63) {
                                bigOrdinals.put(states, ordinal);
                            }
                            queue.push(states, nxt);
                            states++;
                            if (states >= maxStates || ((states & 4095) == 0 && System.nanoTime() > deadline)) {
                                complete = false;
                                break search;
                            }
                        }
                    }
                }
            }
        } catch (PolicyFailure e) {
            error = e.getMessage();
            complete = false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<CheckId, Counterexample> violations = new EnumMap<>(CheckId.class);
        if (error == null) {
            for (var e : found.entrySet()) {
                if (e.getKey() != CheckId.ANON_RMAP) {
                    violations.put(e.getKey(), rebuild(e.getKey(), e.getValue(), links, bigOrdinals));
                }
            }
            if (found.containsKey(CheckId.ANON_RMAP)) {
                AnonRmapKind kind = anonRmapBug != null ? AnonRmapKind.BUG
                        : unfindableAtEnd ? AnonRmapKind.UNFINDABLE_PERMANENT : AnonRmapKind.UNFINDABLE_TRANSIENT;
                Found f = anonRmapBug != null ? anonRmapBug : found.get(CheckId.ANON_RMAP);
                violations.put(CheckId.ANON_RMAP, rebuild(CheckId.ANON_RMAP, f, links, bigOrdinals)
                        .withKind(kind.id()));
            }
        }
        long stored = seen.bytes() + (long) states * Integer.BYTES;
        return new Exploration(violations, states, transitions, seconds, complete && error == null, bound, depth,
                error, stored, queue.peakBytes());
    }

    /**
     * Preemptions used after {@code actor} moves from {@code s}. A preemption is a switch away from a thread that
     * could go on in the middle of an episode (a fault, a reclaim pass): a thread between two actions, or a daemon
     * at the top of its loop, is not in kernel code, and switching away from it is free.
     */
    private int preemptionsAfter(int[] s, int actor, boolean[] enabled) {
        if (bound < 0 || actor >= nt) {
            return bound < 0 ? 0 : s[base + nt + 1];
        }
        int last = s[base + nt] - 1;
        int used = s[base + nt + 1];
        boolean preempts = last >= 0 && last != actor && enabled[last] && !tries[last].atBoundary(s[base + last]);
        return preempts ? used + 1 : used;
    }

    private static final int ANY_ACTOR = 0;
    private static final int EPISODE_RUNNING = 1;
    private static final int IO_ONLY = 2;

    /**
     * In serial mode, who may move from {@code s}: the thread inside an episode while it can run; I/O alone while
     * that thread sleeps and I/O is in flight; anyone otherwise. Always {@link #ANY_ACTOR} when interleaving.
     */
    private int serialGate(int[] s, boolean[] enabled) {
        if (!serial) {
            return ANY_ACTOR;
        }
        boolean sleeping = false;
        for (int t = 0; t < nt; t++) {
            if (insideEpisode(s, t)) {
                if (enabled[t]) {
                    return EPISODE_RUNNING;
                }
                sleeping = true;
            }
        }
        if (sleeping) {
            for (int p = 0; p < nf; p++) {
                if (enabled[nt + p]) {
                    return IO_ONLY;
                }
            }
        }
        return ANY_ACTOR;
    }

    private boolean serialAllows(int gate, int[] s, int actor) {
        return switch (gate) {
            case EPISODE_RUNNING -> actor < nt && insideEpisode(s, actor);
            case IO_ONLY -> actor >= nt;
            default -> true;
        };
    }

    private boolean insideEpisode(int[] s, int t) {
        int node = s[base + t];
        return node != ThreadTrie.TERMINAL && !tries[t].atBoundary(node);
    }

    private boolean[] enabledActors(int[] s) {
        boolean[] enabled = new boolean[nt + nf];
        for (int t = 0; t < nt; t++) {
            enabled[t] = threadEnabled(s, t);
        }
        for (int p = 0; p < nf; p++) {
            enabled[nt + p] = ioEnabled(s, p);
        }
        return enabled;
    }

    /** The move with the given ordinal from {@code s}, enumerated exactly as the search does: {actor, choice}. */
    private int[] nthMove(int[] s, int ordinal) {
        boolean[] enabled = enabledActors(s);
        int gate = serialGate(s, enabled);
        int k = -1;
        for (int actor = 0; actor < nt + nf; actor++) {
            if (!enabled[actor] || !serialAllows(gate, s, actor) || (bound >= 0 && preemptionsAfter(s, actor, enabled) > bound)) {
                continue;
            }
            int n = choices(s, actor);
            for (int c = 0; c < n; c++) {
                if (++k == ordinal) {
                    return new int[] {actor, c};
                }
            }
        }
        throw new IllegalStateException("no move " + ordinal);
    }

    private boolean userThreadsUnfinished(int[] s) {
        for (int t = 0; t < nt; t++) {
            if (!daemon[t] && s[base + t] != ThreadTrie.TERMINAL) {
                return true;
            }
        }
        return false;
    }

    private String deadlockMessage(int[] s) {
        List<String> blocked = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            int node = s[base + t];
            if (daemon[t] || node == ThreadTrie.TERMINAL) {
                continue;
            }
            ThreadTrie trie = tries[t];
            int op = trie.op(node);
            blocked.add(threadNames[t] + " waits in " + machine.label(op) + "(" + machine.describeCall(op,
                    trie.arg(node, 0), trie.arg(node, 1), trie.arg(node, 2), trie.arg(node, 3)) + ")");
        }
        return "no thread can run: " + String.join("; ", blocked);
    }

    // ---- counterexamples ----

    private Counterexample rebuild(CheckId check, Found f, int[] links, Map<Integer, Integer> bigOrdinals) {
        List<Integer> ordinals = new ArrayList<>();
        for (int i = f.stateIndex; i > 0; i = links[i] >>> 6) {
            int o = links[i] & 63;
            ordinals.add(0, o == 63 ? bigOrdinals.get(i) : o);
        }
        List<String> schedule = new ArrayList<>();
        int[] cur = initialState();
        int[] nxt = new int[width];
        for (int o : ordinals) {
            int[] m = nthMove(cur, o);
            schedule.add(moveName(m[0], m[1]));
            move(cur, m[0], m[1], nxt, null);
            if (bound >= 0 && m[0] < nt) {
                boolean[] enabled = enabledActors(cur);
                int used = preemptionsAfter(cur, m[0], enabled);
                nxt[base + nt] = m[0] + 1;
                nxt[base + nt + 1] = used;
            }
            int[] tmp = cur;
            cur = nxt;
            nxt = tmp;
        }
        if (f.actor >= 0) {
            schedule.add(moveName(f.actor, f.choice));
        }
        Replay r = replay(schedule);
        if (check == CheckId.DEADLOCK || f.stateIndex < 0) {
            return new Counterexample(check, f.message, schedule, r.steps());
        }
        Counterexample replayed = r.fired().get(check);
        if (replayed == null || replayed.schedule().size() != schedule.size()) {
            throw new IllegalStateException("counterexample for " + check.id() + " did not replay to it: "
                    + (replayed == null ? "it did not fire" : "it fired after " + replayed.schedule().size()
                    + " of " + schedule.size() + " moves"));
        }
        return new Counterexample(check, f.message, schedule, r.steps());
    }

    private String moveName(int actor, int choice) {
        String name = actor < nt ? threadNames[actor] : "io" + (actor - nt);
        return choice == 0 ? name : name + ":" + choice;
    }

    /**
     * The outcome of replaying a schedule.
     *
     * @param steps      every kernel step taken
     * @param violation  the first check that fired on the way (the earliest move; a deadlock at the end), or null
     * @param fired      each check that fired, with the moves up to where it fired first, or up to the step that
     *                   fired it inside (which ends the replay), in {@link CheckId} order
     * @param movesTaken the moves taken: all of them, unless a check fired inside a step (a BUG; the step did not
     *                   complete, so nothing can follow it)
     */
    public record Replay(List<TraceStep> steps, Counterexample violation, Map<CheckId, Counterexample> fired,
                         int movesTaken) {
        public Replay {
            steps = List.copyOf(steps);
            fired = java.util.Collections.unmodifiableMap(new EnumMap<>(fired));
        }
    }

    /**
     * Replays a schedule (as in {@link Counterexample#schedule()}) from the initial state and reports the steps and
     * every check that fires on the way (a deadlock when no thread can move after the last move). A check that fires
     * at a state does not stop the replay; one that fires inside a step does, since the step did not complete.
     *
     * @throws IllegalArgumentException if a move names an unknown actor, or an actor that cannot move there
     * @throws dev.swapbench.engine.thread.PolicyFailure if the policy fails while replaying
     */
    public Replay replay(List<String> schedule) {
        Map<String, Integer> actors = new HashMap<>();
        for (int t = 0; t < nt; t++) {
            actors.put(threadNames[t], t);
        }
        for (int p = 0; p < nf; p++) {
            actors.put("io" + p, nt + p);
        }
        List<TraceStep> steps = new ArrayList<>();
        StepSink sink = (thread, op, a0, a1, a2, a3, result, fired, before, after) -> steps.add(new TraceStep(
                steps.size() + 1, thread, machine.label(op), machine.describeCall(op, a0, a1, a2, a3),
                fired != null ? fired.check().id() + " fires" : machine.describeResult(op, result),
                fired != null ? List.of() : machine.describe(before, after)));
        Map<CheckId, Counterexample> fired = new EnumMap<>(CheckId.class);
        List<Counterexample> inOrder = new ArrayList<>();
        int[] cur = initialState();
        for (Violation v : invariants(cur)) {
            record(fired, inOrder, new Counterexample(v.check(), v.getMessage(), List.of(), steps));
        }
        int[] nxt = new int[width];
        for (int i = 0; i < schedule.size(); i++) {
            String m = schedule.get(i);
            int colon = m.indexOf(':');
            Integer actor = actors.get(colon < 0 ? m : m.substring(0, colon));
            if (actor == null) {
                throw new IllegalArgumentException("move " + (i + 1) + " names no thread of scenario "
                        + scenario.id() + ": '" + m + "'");
            }
            int choice;
            try {
                choice = colon < 0 ? 0 : Integer.parseInt(m.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("move " + (i + 1) + " ('" + m + "'): the choice after ':' must be "
                        + "a number", e);
            }
            String impossible = whyNot(cur, actor, choice);
            if (impossible != null) {
                throw new IllegalArgumentException("move " + (i + 1) + " ('" + m + "') is not possible there: "
                        + impossible);
            }
            List<String> taken = List.copyOf(schedule.subList(0, i + 1));
            try {
                move(cur, actor, choice, nxt, sink);
            } catch (Violation v) {
                // fired inside the step, which ends the replay: this is the firing the schedule leads to
                Counterexample last = new Counterexample(v.check(), v.getMessage(), taken, steps);
                inOrder.remove(fired.put(v.check(), last));
                inOrder.add(last);
                return new Replay(steps, inOrder.get(0), fired, i + 1);
            }
            if (bound >= 0 && actor < nt) {
                nxt[base + nt] = actor + 1;
                nxt[base + nt + 1] = preemptionsAfter(cur, actor, enabledActors(cur));
            }
            for (Violation v : invariants(nxt)) {
                record(fired, inOrder, new Counterexample(v.check(), v.getMessage(), taken, steps));
            }
            int[] tmp = cur;
            cur = nxt;
            nxt = tmp;
        }
        if (deadlocked(cur)) {
            record(fired, inOrder, new Counterexample(CheckId.DEADLOCK, deadlockMessage(cur), schedule, steps));
        }
        return new Replay(steps, inOrder.isEmpty() ? null : inOrder.get(0), fired, schedule.size());
    }

    private static void record(Map<CheckId, Counterexample> fired, List<Counterexample> inOrder, Counterexample c) {
        if (fired.putIfAbsent(c.check(), c) == null) {
            inOrder.add(c);
        }
    }

    /** Why {@code actor} cannot take {@code choice} from {@code s}, or null when it can. */
    private String whyNot(int[] s, int actor, int choice) {
        if (actor >= nt) {
            return ioEnabled(s, actor - nt) ? (choice == 0 ? null : "an I/O completion has no choices")
                    : "page" + (actor - nt) + " has no I/O in flight";
        }
        String name = threadNames[actor];
        int node = s[base + actor];
        if (node == ThreadTrie.TERMINAL) {
            return "thread " + name + " has finished";
        }
        ThreadTrie trie = tries[actor];
        int op = trie.op(node);
        String call = machine.label(op) + "(" + machine.describeCall(op, trie.arg(node, 0), trie.arg(node, 1),
                trie.arg(node, 2), trie.arg(node, 3)) + ")";
        if (!threadEnabled(s, actor)) {
            return "thread " + name + " waits in " + call;
        }
        int n = choices(s, actor);
        return choice >= 0 && choice < n ? null : "thread " + name + "'s next step " + call + " has " + n + " choice"
                + (n == 1 ? "" : "s") + " (" + name + (n > 1 ? " .. " + name + ":" + (n - 1) : "") + ")";
    }

    /** No user thread, I/O or daemon inside an episode can move, and some user thread has not finished. */
    private boolean deadlocked(int[] s) {
        for (int t = 0; t < nt; t++) {
            if (threadEnabled(s, t) && (!daemon[t] || !tries[t].atBoundary(s[base + t]))) {
                return false;
            }
        }
        return !machine.ioInFlight(s) && userThreadsUnfinished(s);
    }
}
