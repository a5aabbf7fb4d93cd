package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.AnonRmapKind;
import dev.swapbench.engine.check.Check;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.KernelModel;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.engine.thread.PolicyFailure;
import dev.swapbench.engine.thread.ThreadProgram;
import dev.swapbench.engine.thread.ThreadTrie;
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
 * completion of its in-flight read or write I/O. Same inputs give the same counts and counterexamples every run,
 * whatever the number of workers: {@link LevelSearch} runs the levels, and each worker is an {@code Explorer} of its
 * own over the same machine and tries ({@link #Explorer(Explorer)}), reading the tries through its own
 * {@link TrieView}s.
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
        SERIAL,
        /**
         * Random schedules with PCT's priority change points ({@link Pct}): not a search, so it can find a
         * violation but never prove a pair clean. An {@code Explorer} does not run it; {@link Pct#run} does.
         */
        PCT;

        /** The mode's name as the CLI and JSON spell it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** System property: the default number of threads of every search in a JVM (results do not depend on it). */
    public static final String SEARCH_THREADS_PROPERTY = LevelSearch.WORKERS_PROPERTY;
    /**
     * {@code -Dswapbench.sleepSets=true} (or {@code run --sleep-sets}) turns the sleep sets on: they are sound but cost
     * more time than the moves they save (docs/model.md, "Reduction"), so they are off unless asked for.
     */
    public static final String SLEEP_SETS_PROPERTY = "swapbench.sleepSets";

    private final Scenario scenario;
    private final KernelModel machine;
    /** The threads' local states, shared by every worker of a search and read through {@link #tries}. */
    private final ThreadTrie[] shared;
    /** This explorer's (this worker's) view of {@link #shared}. */
    private final TrieView[] tries;
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
    private int workers = LevelSearch.defaultWorkers();
    private boolean reduction = true;
    private boolean sleepSetsAsked = Boolean.getBoolean(SLEEP_SETS_PROPERTY);
    /** {@link #sleepSets()} as the search started, read at every move. */
    private boolean keepsSleepSets;
    private final int[] scratchNext;
    private final boolean[] scratchEnabled;
    private final long[] footprintA = new long[2];
    private final long[] footprintB = new long[2];
    /**
     * The footprints of the actors' next steps in the state being expanded (reads, writes per actor), worked out once
     * per state when sleep sets need them, not once per pair of actors; bit masks of the actors looked up and of
     * those whose footprint is declared.
     */
    private long[] footprints = new long[0];
    private int footprintsLooked;
    private int footprintsDeclared;
    private java.util.function.BiPredicate<long[], long[]> independence = Explorer::independent;

    public Explorer(Scenario scenario, SwapFaultPolicy policy) {
        this(scenario, policy, Mode.INTERLEAVED);
    }

    public Explorer(Scenario scenario, SwapFaultPolicy policy, Mode mode) {
        this.scenario = scenario;
        this.serial = mode == Mode.SERIAL;
        if (mode == Mode.PCT) {
            throw new IllegalArgumentException("PCT runs schedules, it does not search: use Pct.run");
        }
        this.machine = KernelEras.model(scenario, policy);
        this.checks = machine.checks();
        Map<String, Integer> mmIndex = new HashMap<>();
        for (int i = 0; i < scenario.memory().mms().size(); i++) {
            mmIndex.put(scenario.memory().mms().get(i).id(), i);
        }
        List<ThreadSpec> threads = scenario.threads();
        nt = threads.size();
        shared = new ThreadTrie[nt];
        tries = new TrieView[nt];
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
            shared[t] = machine.trie(program, bounds.stepBudget());
            tries[t] = new TrieView(shared[t]);
            threadNames[t] = ts.id();
            daemon[t] = ts.daemon();
        }
        nf = machine.frames();
        base = machine.size();
        bound = serial ? -1 : bounds.maxPreemptions();
        width = base + nt + (bound >= 0 ? 2 : 0);
        maxStates = bounds.maxStates();
        scratchNext = new int[width];
        scratchEnabled = new boolean[nt + nf];
    }

    /** A worker of {@code main}'s search: the same scenario, machine and tries, its own views of them. */
    private Explorer(Explorer main) {
        scenario = main.scenario;
        machine = main.machine;
        checks = main.checks;
        shared = main.shared;
        tries = new TrieView[shared.length];
        for (int t = 0; t < tries.length; t++) {
            tries[t] = new TrieView(shared[t]);
        }
        threadNames = main.threadNames;
        daemon = main.daemon;
        nt = main.nt;
        nf = main.nf;
        base = main.base;
        width = main.width;
        bound = main.bound;
        serial = main.serial;
        maxStates = main.maxStates;
        reduction = main.reduction;
        sleepSetsAsked = main.sleepSetsAsked;
        keepsSleepSets = main.keepsSleepSets;
        independence = main.independence;
        scratchNext = new int[width];
        scratchEnabled = new boolean[nt + nf];
    }

    /**
     * Turns the reduction off (or on; on by default): see {@link #reduction()} for what it merges. Verdicts do not
     * depend on it (ReductionPropertyTest); counts and, where several shortest interleavings exist, the one shown
     * may.
     */
    public Explorer reduction(boolean on) {
        reduction = on;
        return this;
    }

    /**
     * The reduction this search uses, as results report it: {@code idle-last} (with a preemption bound, states
     * that differ only in which thread moved last, when that thread has ended its episode, are one; see
     * {@link #afterThreadMove}), {@code sleep-sets} (without a bound: a move is not taken where an equivalent
     * interleaving of independent steps already reaches its target; see {@link #expand}), or {@code none} (turned
     * off, or serial mode).
     */
    public String reduction() {
        return !reduction || serial ? "none" : bound >= 0 ? "idle-last" : sleepSets() ? "sleep-sets" : "none";
    }

    /** Asks for sleep sets (default: {@value #SLEEP_SETS_PROPERTY}, false when unset); see {@link #reduction()}. */
    public Explorer sleepSets(boolean on) {
        sleepSetsAsked = on;
        return this;
    }

    /**
     * Whether the search keeps sleep sets: asked for, with the reduction on, without a preemption bound (the bound's fields make
     * two orders of independent moves different states), not in serial mode (whose gate depends on every thread),
     * with at most 32 actors (a sleep set is an int), and where the era declares step footprints (the v6 era does
     * not: every step would be dependent, and the sets would cost time for nothing).
     */
    private boolean sleepSets() {
        return sleepSetsAsked && reduction && bound < 0 && !serial && nt + nf <= Integer.SIZE
                && machine.declaresFootprints();
    }

    /**
     * Replaces the independence of two footprints (default {@link #independent}) that the sleep sets rest on. Only
     * for testing the soundness tests: a relation that calls dependent steps independent must make them fail.
     */
    public Explorer independence(java.util.function.BiPredicate<long[], long[]> relation) {
        independence = relation;
        return this;
    }

    /**
     * Sets how many threads expand states (default: one per available processor). States, verdicts, counts and
     * counterexamples do not depend on it (see {@link LevelSearch}).
     */
    public Explorer workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + n);
        }
        workers = n;
        return this;
    }

    public KernelModel machine() {
        return machine;
    }

    // ---- states ----

    /** Actors: the threads, then one I/O completion per page frame. */
    int actors() {
        return nt + nf;
    }

    /** Whether actor {@code a} is a user thread (not a daemon, not an I/O completion). */
    boolean userThread(int a) {
        return a < nt && !daemon[a];
    }

    String threadName(int t) {
        return threadNames[t];
    }

    /** Thread {@code t}'s program counter: the action it is at (its episode start), or {@link ThreadProgram#DONE}. */
    int programCounter(int[] s, int t) {
        synchronized (shared[t]) {
            return shared[t].pc(s[base + t]);
        }
    }

    /** Zeroes the preemption-bound fields of a state (for searches that ignore the bound). */
    void clearPreemptionFields(int[] s) {
        if (bound >= 0) {
            s[base + nt] = 0;
            s[base + nt + 1] = 0;
        }
    }

    /** Ints of a state (the machine, one trie node per thread, the preemption fields). */
    int width() {
        return width;
    }

    int[] initialState() {
        int[] s = Arrays.copyOf(machine.initialState(), width);
        for (int t = 0; t < nt; t++) {
            synchronized (shared[t]) {
                s[base + t] = shared[t].root(0);
            }
        }
        return s;
    }

    private boolean threadEnabled(int[] s, int t) {
        int node = s[base + t];
        if (node == ThreadTrie.TERMINAL) {
            return false;
        }
        TrieView trie = tries[t];
        return machine.enabled(s, t + 1, trie.op(node), trie.arg(node, 0), trie.arg(node, 1), trie.arg(node, 2),
                trie.arg(node, 3));
    }

    private boolean ioEnabled(int[] s, int pfn) {
        return machine.ioPending(s, pfn);
    }

    int choices(int[] s, int actor) {
        if (actor >= nt) {
            return 1;
        }
        TrieView trie = tries[actor];
        int node = s[base + actor];
        return machine.choices(s, trie.op(node), trie.arg(node, 0));
    }

    /** Receives each kernel step of a transition (only while rebuilding a counterexample). */
    interface StepSink {
        /** @param fired the check this step made fire (the step did not complete), or null */
        void step(String thread, int op, int a0, int a1, int a2, int a3, int result, Violation fired, int[] before,
                  int[] after);
    }

    /**
     * Takes one move from {@code src} into {@code dst}: the actor's pending step, then any steps that follow it and
     * are invisible to the other threads (see {@link KernelModel#foldable}).
     *
     * @throws Violation if a check fires inside a step
     */
    void move(int[] src, int actor, int choice, int[] dst, StepSink sink) {
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
        TrieView trie = tries[actor];
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
    List<Violation> invariants(int[] s) {
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
    boolean scenarioEnded(int[] s) {
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

    /**
     * The state's 64-bit fingerprint. Two ints enter each round (the rounds form one dependent chain, so this halves
     * it); each round is a bijection of the running hash for a fixed input, so two states that differ in one round's
     * pair of ints never share a fingerprint.
     */
    static long fingerprint(int[] s) {
        long h = 0x9E3779B97F4A7C15L ^ s.length;
        int i = 0;
        for (; i + 1 < s.length; i += 2) {
            h = (h ^ ((long) s[i] << 32 | (s[i + 1] & 0xffffffffL))) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        if (i < s.length) {
            h = (h ^ (s[i] & 0xffffffffL)) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    // ---- the search ----

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
        LevelSearch.Result r;
        String error = null;
        try {
            int[] init = initialState();
            List<Violation> atInit = invariants(init);
            keepsSleepSets = sleepSets();
            r = stopAtFirstViolation && !atInit.isEmpty() ? new LevelSearch.Result()
                    : new LevelSearch(width, workers, () -> new Explorer(this)::expand).sleepSets(keepsSleepSets)
                            .run(init, fingerprint(init), stopAtFirstViolation, maxStates, deadline);
            for (Violation v : atInit) { // the initial state is the shortest path to whatever fires there
                r.found.put(v.check(), new LevelSearch.Found(-1, -1, 0, v.getMessage()));
                r.unfindableAtEnd |= v.check() == CheckId.ANON_RMAP && scenarioEnded(init);
            }
        } catch (PolicyFailure e) {
            r = new LevelSearch.Result();
            error = e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<CheckId, Counterexample> violations = new EnumMap<>(CheckId.class);
        if (error == null) {
            for (var e : r.found.entrySet()) {
                if (e.getKey() != CheckId.ANON_RMAP) {
                    violations.put(e.getKey(), rebuild(e.getKey(), e.getValue(), r.links));
                }
            }
            if (r.found.containsKey(CheckId.ANON_RMAP)) {
                AnonRmapKind kind = r.anonRmapBug != null ? AnonRmapKind.BUG
                        : r.unfindableAtEnd ? AnonRmapKind.UNFINDABLE_PERMANENT : AnonRmapKind.UNFINDABLE_TRANSIENT;
                LevelSearch.Found f = r.anonRmapBug != null ? r.anonRmapBug : r.found.get(CheckId.ANON_RMAP);
                violations.put(CheckId.ANON_RMAP, rebuild(CheckId.ANON_RMAP, f, r.links).withKind(kind.id()));
            }
        }
        boolean complete = r.complete;
        if (error == null && machine.retriesFaults() && !(stopAtFirstViolation && !violations.isEmpty())) {
            try {
                Livelock.Result live = new Livelock(this).search(maxStates, deadline);
                if (live.counterexample() != null) {
                    violations.put(CheckId.LIVELOCK, live.counterexample());
                }
                complete &= live.complete();
            } catch (PolicyFailure e) {
                error = e.getMessage();
                complete = false;
            }
        }
        seconds = (System.nanoTime() - start) / 1e9;
        long stored = r.fingerprintBytes + r.links.bytes();
        return new Exploration(violations, r.states, r.transitions, seconds, complete && error == null, bound,
                r.depth, error, stored, r.frontierPeakBytes, r.stopped, workers, reduction());
    }

    /**
     * Expands one state for {@link LevelSearch}: the same moves, in the same order, as the one-thread search makes
     * from it (see {@link #nthMove}), each successor checked unless it is already stored.
     *
     * <p>With sleep sets (Godefroid, LNCS 1032, 1996, chapter 5), the moves of an actor asleep in {@code cur} are
     * passed over, and each successor carries the actors asleep in it: those asleep here or taken here before this
     * move whose next step is independent of this move's ({@link #independent}). Such an actor's move from the
     * successor reaches a state the other order reaches too, by a path of the same length. Every state is still
     * stored, at its breadth-first depth.
     */
    private void expand(int[] cur, int sleep, Expansion out, LevelSearch.Stored stored,
                        java.util.function.LongPredicate checked) {
        boolean[] enabled = scratchEnabled;
        int[] nxt = scratchNext;
        for (int t = 0; t < nt; t++) {
            enabled[t] = threadEnabled(cur, t);
        }
        for (int p = 0; p < nf; p++) {
            enabled[nt + p] = ioEnabled(cur, p);
        }
        if (!out.hasFired(CheckId.DEADLOCK) && deadlocked(cur, enabled)) {
            out.fired(CheckId.DEADLOCK, -1, -1, 0, deadlockMessage(cur));
        }
        int gate = serialGate(cur, enabled);
        int taken = 0;
        footprintsLooked = 0;
        for (int actor = 0; actor < nt + nf; actor++) {
            if (!enabled[actor] || !serialAllows(gate, cur, actor)) {
                continue;
            }
            int preemptions = preemptionsAfter(cur, actor, enabled);
            if (preemptions > bound && bound >= 0) {
                continue;
            }
            int n = choices(cur, actor);
            if ((sleep & (1 << actor)) != 0) {
                out.skip(n);
                continue;
            }
            int carried = (sleep | taken) == 0 ? 0 : stillAsleep(cur, actor, sleep | taken);
            taken |= keepsSleepSets ? 1 << actor : 0;
            for (int c = 0; c < n; c++) {
                int ordinal = out.move();
                try {
                    move(cur, actor, c, nxt, null);
                } catch (Violation v) {
                    if (v.check() == CheckId.ANON_RMAP) {
                        out.anonRmapBug(ordinal, actor, c, v.getMessage());
                    }
                    out.fired(v.check(), ordinal, actor, c, v.getMessage());
                    continue;
                }
                if (bound >= 0 && actor < nt) {
                    afterThreadMove(nxt, actor, preemptions);
                }
                long fp = fingerprint(nxt);
                // the segment's own candidates first: a third of all successors, found without a probe of the
                // large fingerprint table (a cache miss)
                if (out.repeated(fp, carried) || stored.test(fp, carried)) {
                    continue;
                }
                // a check that fires at a state does not end the path: the state is stored and expanded, so that
                // one check does not hide another reachable later on (without sleep sets every successor not
                // stored is unchecked; only they keep stored states of this level as candidates)
                if (!keepsSleepSets || !checked.test(fp)) {
                    for (Violation v : invariants(nxt)) {
                        if (v.check() == CheckId.ANON_RMAP && scenarioEnded(nxt)) {
                            out.unfindableAtEnd = true;
                        }
                        out.fired(v.check(), ordinal, actor, c, v.getMessage());
                    }
                }
                out.candidate(ordinal, fp, nxt, carried);
            }
        }
    }

    /**
     * Of the actors in {@code candidates} (asleep in {@code s}, or taken from it before {@code actor}), those whose
     * next step is independent of {@code actor}'s: they stay asleep after {@code actor}'s move.
     */
    private int stillAsleep(int[] s, int actor, int candidates) {
        if (!footprintAt(s, actor, footprintA)) {
            return 0;
        }
        int asleep = 0;
        for (int b = 0; b < nt + nf; b++) {
            if ((candidates & (1 << b)) != 0 && b != actor && footprintAt(s, b, footprintB)
                    && independence.test(footprintA, footprintB)) {
                asleep |= 1 << b;
            }
        }
        return asleep;
    }

    /** {@link #footprint} of {@code actor} in the state being expanded, {@code s}, looked up once per state. */
    private boolean footprintAt(int[] s, int actor, long[] out) {
        int bit = 1 << actor;
        if ((footprintsLooked & bit) == 0) {
            if (footprints.length < 2 * (nt + nf)) {
                footprints = new long[2 * (nt + nf)];
            }
            footprintsLooked |= bit;
            if (footprint(s, actor, out)) {
                footprintsDeclared |= bit;
                footprints[2 * actor] = out[0];
                footprints[2 * actor + 1] = out[1];
            } else {
                footprintsDeclared &= ~bit;
            }
        }
        out[0] = footprints[2 * actor];
        out[1] = footprints[2 * actor + 1];
        return (footprintsDeclared & bit) != 0;
    }

    /**
     * Two steps of different actors are independent when neither writes an object the other reads or writes (the
     * model's declared footprints, {@link KernelModel#footprint}): then they commute, neither enables or disables
     * the other, and neither changes whether the other fires a check. A step of a thread folds the invisible steps
     * after it into its move ({@link KernelModel#foldable}), which by their definition commute with every step of
     * every other thread.
     */
    static boolean independent(long[] a, long[] b) {
        return (a[1] & b[0]) == 0 && (b[1] & a[0]) == 0;
    }

    /** The kernel function of {@code actor}'s next step, for messages. */
    String nextStep(int[] s, int actor) {
        if (actor >= nt) {
            return machine.label(machine.ioDone(s, actor - nt));
        }
        int node = s[base + actor];
        return node == ThreadTrie.TERMINAL ? "finished" : machine.label(tries[actor].op(node));
    }

    /** The footprint of {@code actor}'s next step in {@code s} into {@code out}; false when unknown. */
    boolean footprint(int[] s, int actor, long[] out) {
        if (actor >= nt) {
            int pfn = actor - nt;
            return machine.ioPending(s, pfn) && machine.footprint(s, machine.ioDone(s, pfn), pfn, 0, 0, 0, out);
        }
        int node = s[base + actor];
        if (node == ThreadTrie.TERMINAL) {
            return false;
        }
        TrieView trie = tries[actor];
        return machine.footprint(s, trie.op(node), trie.arg(node, 0), trie.arg(node, 1), trie.arg(node, 2),
                trie.arg(node, 3), out);
    }

    /**
     * The preemption bookkeeping after thread {@code actor} moved (with a preemption bound): it is the last thread
     * to have moved, and {@code preemptions} are used. With the reduction on, a last thread that has just ended its
     * episode (or finished) is forgotten: switching away from such a thread is free (see {@link #preemptionsAfter}),
     * and only another thread's move, which overwrites the field, can change that (an I/O completion moves no
     * thread), so the two states have the same futures and are one.
     */
    private void afterThreadMove(int[] s, int actor, int preemptions) {
        s[base + nt] = actor + 1;
        s[base + nt + 1] = preemptions;
        int node = s[base + actor];
        if (reduction && (node == ThreadTrie.TERMINAL || tries[actor].atBoundary(node))) {
            s[base + nt] = 0;
        }
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

    boolean[] enabledActors(int[] s) {
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
            TrieView trie = tries[t];
            int op = trie.op(node);
            blocked.add(threadNames[t] + " waits in " + machine.label(op) + "(" + machine.describeCall(op,
                    trie.arg(node, 0), trie.arg(node, 1), trie.arg(node, 2), trie.arg(node, 3)) + ")");
        }
        return "no thread can run: " + String.join("; ", blocked);
    }

    // ---- counterexamples ----

    private Counterexample rebuild(CheckId check, LevelSearch.Found f, TraceLinks links) {
        List<Integer> ordinals = new ArrayList<>();
        long[] link = new long[2];
        for (long i = f.state(); i > 0; i = link[0]) {
            links.get(i, link);
            ordinals.add(0, (int) link[1]);
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
                afterThreadMove(nxt, m[0], used);
            }
            int[] tmp = cur;
            cur = nxt;
            nxt = tmp;
        }
        if (f.actor() >= 0) {
            schedule.add(moveName(f.actor(), f.choice()));
        }
        Replay r = replay(schedule);
        Counterexample replayed = r.fired().get(check);
        if (check == CheckId.DEADLOCK || f.state() < 0) {
            // the replayed message names the pages; the search's words them by frame
            boolean same = replayed != null && replayed.schedule().size() == schedule.size();
            String message = same ? replayed.message() : f.message();
            return new Counterexample(check, message, schedule, r.steps());
        }
        if (replayed == null || replayed.schedule().size() != schedule.size()) {
            throw new IllegalStateException("counterexample for " + check.id() + " did not replay to it: "
                    + (replayed == null ? "it did not fire" : "it fired after " + replayed.schedule().size()
                    + " of " + schedule.size() + " moves"));
        }
        return new Counterexample(check, replayed.message(), schedule, r.steps());
    }

    // ---- one move at a time, for Pct ----

    int[] initial() {
        return initialState();
    }

    /** Whether the actor is a daemon thread at the top of its loop (about to start another episode). */
    boolean daemonAtBoundary(int[] s, int actor) {
        return actor < nt && daemon[actor] && s[base + actor] != ThreadTrie.TERMINAL
                && tries[actor].atBoundary(s[base + actor]);
    }

    boolean canMove(int[] s, int actor) {
        return actor < nt ? threadEnabled(s, actor) : ioEnabled(s, actor - nt);
    }

    int choicesAt(int[] s, int actor) {
        return choices(s, actor);
    }

    /** One move; @throws Violation when a check fires inside a step */
    void step(int[] src, int actor, int choice, int[] dst) {
        if (bound >= 0) {
            throw new IllegalStateException("one-move stepping is for searches without a preemption bound");
        }
        move(src, actor, choice, dst, null);
    }

    /** The first check that fires on a state reached (in {@link dev.swapbench.engine.check.Checks} order), or null. */
    Violation check(int[] s) {
        List<Violation> fired = invariants(s);
        return fired.isEmpty() ? null : fired.get(0);
    }

    /** Every user thread finished and no I/O in flight. */
    boolean finished(int[] s) {
        return !userThreadsUnfinished(s) && !machine.ioInFlight(s);
    }

    /** The deadlock check: its message when {@code s} is deadlocked, else null. */
    String deadlock(int[] s) {
        return deadlocked(s) ? deadlockMessage(s) : null;
    }

    /** A counterexample for a schedule that makes {@code check} fire, with its steps from a replay. */
    Counterexample counterexample(CheckId check, String message, List<String> schedule) {
        Replay r = replay(schedule);
        Counterexample replayed = r.fired().get(check);
        boolean same = replayed != null && replayed.schedule().size() == schedule.size();
        return new Counterexample(check, same ? replayed.message() : message, schedule, r.steps());
    }

    String moveName(int actor, int choice) {
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
        Replay r = replayByFrame(schedule, false);
        return PageNames.of(scenario.memory().pages(), nf, r.steps()).rename(r);
    }

    /**
     * {@link #replay}, taking only moves this explorer's search would take: within the scenario's preemption bound
     * and, in serial mode, whole episodes one at a time.
     *
     * @throws IllegalArgumentException also for a move beyond the bound or, in serial mode, one that interleaves,
     *                                  naming the move and why
     */
    public Replay replayWithinBounds(List<String> schedule) {
        Replay r = replayByFrame(schedule, true);
        return PageNames.of(scenario.memory().pages(), nf, r.steps()).rename(r);
    }

    /** {@link #replay}, its pages worded by frame as the model words them. */
    private Replay replayByFrame(List<String> schedule, boolean withinBounds) {
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
        List<int[]> visited = new ArrayList<>();
        int[] moved = new int[schedule.size()];
        visited.add(cur.clone());
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
                        + named(impossible, steps));
            }
            String outside = withinBounds ? whyNotSearched(cur, actor) : null;
            if (outside != null) {
                throw new IllegalArgumentException("move " + (i + 1) + " ('" + m + "') " + named(outside, steps));
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
                afterThreadMove(nxt, actor, preemptionsAfter(cur, actor, enabledActors(cur)));
            }
            for (Violation v : invariants(nxt)) {
                record(fired, inOrder, new Counterexample(v.check(), v.getMessage(), taken, steps));
            }
            int[] tmp = cur;
            cur = nxt;
            nxt = tmp;
            moved[i] = actor;
            visited.add(cur.clone());
        }
        String livelock = machine.retriesFaults() ? Livelock.cycle(this, visited, moved) : null;
        if (livelock != null) {
            record(fired, inOrder, new Counterexample(CheckId.LIVELOCK, livelock, schedule, steps));
            return new Replay(steps, inOrder.get(0), fired, schedule.size());
        }
        if (deadlocked(cur)) {
            record(fired, inOrder, new Counterexample(CheckId.DEADLOCK, deadlockMessage(cur), schedule, steps));
        }
        return new Replay(steps, inOrder.isEmpty() ? null : inOrder.get(0), fired, schedule.size());
    }

    /** A message about the state after {@code steps}, its frames named as the trace names them by then. */
    private String named(String text, List<TraceStep> steps) {
        return PageNames.of(scenario.memory().pages(), nf, steps).rename(text, steps.size());
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
                    : "no I/O is in flight on frame " + (actor - nt) + " (an io move names the frame)";
        }
        String name = threadNames[actor];
        int node = s[base + actor];
        if (node == ThreadTrie.TERMINAL) {
            return "thread " + name + " has finished";
        }
        TrieView trie = tries[actor];
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

    /**
     * Why the search would not take a possible move of {@code actor} from {@code s} (serial mode: another thread is
     * inside its episode; a preemption bound: the move is one preemption too many), or null when it would.
     */
    private String whyNotSearched(int[] s, int actor) {
        boolean[] enabled = enabledActors(s);
        int gate = serialGate(s, enabled);
        if (!serialAllows(gate, s, actor)) {
            for (int t = 0; t < nt; t++) {
                if (insideEpisode(s, t) && t != actor) {
                    int node = s[base + t];
                    String call = machine.label(tries[t].op(node));
                    return gate == IO_ONLY
                            ? "is not serial: thread " + threadNames[t] + " sleeps inside its episode (in " + call
                                    + ") while I/O is in flight: only an I/O completion may move"
                            : "is not serial: thread " + threadNames[t] + " is inside its episode and can go on (its "
                                    + "next step: " + call + ")";
                }
            }
            return "is not serial: another thread is inside its episode";
        }
        if (bound >= 0 && preemptionsAfter(s, actor, enabled) > bound) {
            int last = s[base + nt] - 1;
            return "exceeds the preemption bound " + bound + ": it switches away from thread " + threadNames[last]
                    + " in the middle of its episode, preemption " + (s[base + nt + 1] + 1);
        }
        return null;
    }

    /** No user thread, I/O or daemon inside an episode can move, and some user thread has not finished. */
    private boolean deadlocked(int[] s) {
        return deadlocked(s, enabledActors(s));
    }

    /** {@link #deadlocked(int[])}, given which actors are enabled in {@code s}. */
    private boolean deadlocked(int[] s, boolean[] enabled) {
        for (int t = 0; t < nt; t++) {
            if (enabled[t] && (!daemon[t] || !tries[t].atBoundary(s[base + t]))) {
                return false;
            }
        }
        return !machine.ioInFlight(s) && userThreadsUnfinished(s);
    }
}
