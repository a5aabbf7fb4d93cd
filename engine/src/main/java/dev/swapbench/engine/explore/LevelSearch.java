package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.thread.PolicyFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Level-synchronous breadth-first search with parallel expansion and a serial, ordered merge (the scheme of
 * Holzmann and Bosnacki's multicore BFS and of TLC's level workers, made deterministic).
 *
 * <p>Each level's states are cut into {@link Frontier} segments, taken {@value #BATCH} at a time. Workers expand the
 * segments of a batch at once, reading the set of stored fingerprints but never writing it: a successor they see
 * stored (in an earlier level, or by an earlier batch) is dropped there (it was checked when it was first stored),
 * every other successor comes back as a candidate. Then one thread walks the batch's segments in order, and in each
 * the candidates and the checks that fired in the order the serial search would meet them, storing each candidate
 * whose fingerprint is new. Without sleep sets the workers already expand the next batch while it merges, so they may
 * not see what it stores; that only lets more candidates come back for the merge to drop, since a candidate whose
 * fingerprint is stored is never stored again and the checks of the state were recorded where it was first stored.
 * State numbers, trace links, the first place each check fires, the counts, and where a state budget or the first
 * violation stops the search are therefore exactly those of the one-thread FIFO search, whatever the number of
 * workers; only the wall time differs.
 */
final class LevelSearch {
    /**
     * Segments merged at a time. Fixed, not derived from the worker count, so that with sleep sets a batch's workers
     * see the same states of the earlier batches for any number of workers. It bounds the memory of expansions
     * waiting for their merge to two batches (one merged, one expanded meanwhile).
     */
    static final int BATCH = 16;
    /** Expands states; one per worker, never shared between threads. */
    interface Expander {
        /**
         * Expands {@code state} into {@code out} (whose {@link Expansion#parent()} has been called): counts each move
         * with {@link Expansion#move()} (or passes over an asleep actor's with {@link Expansion#skip}), reports checks
         * with {@link Expansion#fired}, and passes each successor whose fingerprint is not {@code stored} to
         * {@link Expansion#candidate}, with the actors asleep in it.
         *
         * @param sleep   the actors asleep in {@code state} (sleep sets; always 0 without them)
         * @param stored  the successor (fingerprint, the actors asleep in it) is dropped: stored already (with sleep
         *                sets: in an earlier level, or in this one with a sleep set inside the one it carries)
         * @param checked the successor is stored already, so its checks have run (with sleep sets, a successor stored
         *                in this level may still come back as a candidate, to narrow its sleep set)
         */
        void expand(int[] state, int sleep, Expansion out, Stored stored, LongPredicate checked);
    }

    /** Whether a successor is dropped by the worker that reaches it. */
    interface Stored {
        boolean test(long fp, int sleep);
    }

    /** Where a check first fired: the state, and the move from it ({@code actor} -1: the state itself). */
    record Found(long state, int actor, int choice, String message) {}

    /** What the search found and what it cost. */
    static final class Result {
        final Map<CheckId, Found> found = new EnumMap<>(CheckId.class);
        /** The shortest path to an anon-rmap BUG_ON, which may be longer than the first anon-rmap found. */
        Found anonRmapBug;
        /** Whether a state with the scenario over is rmap-unfindable. */
        boolean unfindableAtEnd;
        long states;
        long transitions;
        int depth;
        boolean complete = true;
        /** Why an incomplete search stopped (state budget, time, heap), or null. */
        String stopped;
        String error;
        TraceLinks links = new TraceLinks();
        long fingerprintBytes;
        long frontierPeakBytes;
    }

    private final int width;
    private final int workers;
    private final Supplier<Expander> expanders;
    private boolean sleepSets;
    /** Expansions merged, for the next segments (at most a batch of them: every one is merged before the next). */
    private final Queue<Expansion> spare = new ConcurrentLinkedQueue<>();
    private final Queue<Expansion> made = new ConcurrentLinkedQueue<>();

    /**
     * @param width     ints per state
     * @param workers   threads expanding states (1: everything in the calling thread)
     * @param expanders makes one expander per worker
     */
    LevelSearch(int width, int workers, Supplier<Expander> expanders) {
        this.width = width;
        this.workers = Math.max(1, workers);
        this.expanders = expanders;
    }

    /**
     * @param init        the initial state (stored as state 0)
     * @param initFp      its fingerprint
     * @param stopAtFirst stop at the first check that fires
     * @param maxStates   stop (incomplete) once this many states are stored
     * @param deadline    {@link System#nanoTime()} after which the search stops (incomplete)
     */
    /**
     * Keeps a sleep set per state (Godefroid, LNCS 1032, chapter 5): the expander passes over asleep actors, and a
     * state's set is the intersection of those of its arrivals in the level that stores it ({@link LevelSleep}).
     */
    LevelSearch sleepSets(boolean on) {
        sleepSets = on;
        return this;
    }

    Result run(int[] init, long initFp, boolean stopAtFirst, long maxStates, long deadline) {
        Result r = new Result();
        FingerprintSet seen = new FingerprintSet(1 << 16);
        // the initial state is stored before its checks ran (only stale-mapping is checked there): a move back to
        // it must still be checked as any other successor, so it never counts as stored for the workers
        LongPredicate checked = fp -> fp != initFp && seen.contains(fp);
        // with sleep sets, the level being stored: a successor stored in it is still a candidate (its sleep set)
        LevelSleep[] building = {sleepSets ? new LevelSleep() : null};
        Stored stored = !sleepSets ? (fp, sleep) -> checked.test(fp)
                : (fp, sleep) -> checked.test(fp) && (!building[0].contains(fp) || building[0].covered(fp, sleep));
        LevelSleep current = null;
        if (sleepSets) {
            current = new LevelSleep();
            current.add(initFp, 0);
        }
        seen.add(initFp);
        r.links.add(0, 0);
        r.states = 1;
        Frontier level = new Frontier(1);
        level.push(init);
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, runnable -> {
            Thread t = new Thread(runnable, "swapbench-explorer");
            t.setDaemon(true);
            return t;
        }) : null;
        BlockingQueue<Expander> idle = new ArrayBlockingQueue<>(workers);
        for (int i = 0; i < workers; i++) {
            idle.add(expanders.get());
        }
        // without sleep sets, workers expand the next batch while this thread merges one: a worker then does not see
        // what the merge stores, so it keeps a few more candidates, which the merge drops (the result is the same;
        // only fewer successors are dropped early). The sleep sets' level table is not read while it is written.
        boolean overlap = pool != null && !sleepSets;
        try {
            long levelStart = 0;
            for (int depth = 0; level.size() > 0; depth++) {
                r.depth = depth;
                List<Frontier.Segment> segments = level.segments();
                int[] firstOf = new int[segments.size()];
                for (int i = 1; i < segments.size(); i++) {
                    firstOf[i] = firstOf[i - 1] + segments.get(i - 1).count;
                }
                Frontier next = new Frontier(segments.size());
                boolean go = true;
                List<Future<Expansion>> pending = null;
                for (int from = 0; go && from < segments.size(); from += BATCH) {
                    int to = Math.min(segments.size(), from + BATCH);
                    if (pending == null) {
                        pending = start(segments, firstOf, from, to, current, idle, pool, stored, checked, deadline);
                    }
                    List<Expansion> done = collect(pending);
                    pending = overlap && to < segments.size() ? start(segments, firstOf, to,
                            Math.min(segments.size(), to + BATCH), current, idle, pool, stored, checked, deadline) : null;
                    long sleepBytes = current == null ? 0 : current.bytes() + building[0].bytes();
                    r.frontierPeakBytes = Math.max(r.frontierPeakBytes, level.bytes() + next.bytes()
                            + expansionBytes() + sleepBytes);
                    long parents = 0;
                    for (int i = from; i < to; i++) {
                        parents += segments.get(i).count;
                        level.release(i);
                    }
                    go = merge(done, levelStart, next, seen, building[0], r, stopAtFirst, maxStates, deadline);
                    levelStart += parents;
                }
                r.fingerprintBytes = seen.bytes();
                if (!go) {
                    break; // a batch still under way is dropped: the pool's shutdown below waits for it
                }
                level = next;
                if (sleepSets) {
                    current = building[0];
                    building[0] = new LevelSleep();
                }
            }
        } catch (HeapGuard.Exhausted e) {
            r.complete = false;
            r.stopped = e.getMessage();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                awaitTermination(pool);
            }
        }
        r.fingerprintBytes = seen.bytes();
        return r;
    }

    /** Waits (a little) for the workers to finish a segment they were expanding, so none runs on after the search. */
    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes held by every expansion made (the search recycles them, so each is in use or waiting for reuse). */
    private long expansionBytes() {
        long n = 0;
        for (Expansion e : made) {
            n += e.bytes();
        }
        return n;
    }

    /**
     * Starts expanding segments {@code from..to} ({@code firstOf[i]}: the level index of segment i's first state, for
     * its sleep set in {@code sleep}, null without sleep sets): in the pool, or here and now without one. A segment
     * not expanded because time ran out gives null.
     */
    private List<Future<Expansion>> start(List<Frontier.Segment> segments, int[] firstOf, int from, int to,
                                          LevelSleep sleep, BlockingQueue<Expander> idle, ExecutorService pool,
                                          Stored stored, LongPredicate checked, long deadline) {
        List<Future<Expansion>> futures = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Frontier.Segment s = segments.get(i);
            int first = firstOf[i];
            if (pool == null || to - from == 1) {
                Expansion e = System.nanoTime() > deadline ? null
                        : expand(s, first, sleep, idle.peek(), stored, checked);
                futures.add(CompletableFuture.completedFuture(e));
                continue;
            }
            futures.add(pool.submit(() -> {
                if (System.nanoTime() > deadline) {
                    return null;
                }
                Expander x = idle.take();
                try {
                    return expand(s, first, sleep, x, stored, checked);
                } finally {
                    idle.add(x);
                }
            }));
        }
        return futures;
    }

    /** The expansions of a batch, in order, once all are done. */
    private static List<Expansion> collect(List<Future<Expansion>> futures) {
        List<Expansion> done = new ArrayList<>(futures.size());
        for (Future<Expansion> f : futures) {
            try {
                done.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolicyFailure("the search was interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
        return done;
    }

    private Expansion expand(Frontier.Segment s, int first, LevelSleep sleep, Expander x, Stored stored,
                             LongPredicate checked) {
        Expansion out = spare.poll();
        if (out == null) {
            out = new Expansion();
            made.add(out);
        } else {
            out.reset();
        }
        int[] state = new int[width];
        int[] at = {0};
        for (int i = 0; i < s.count; i++) {
            s.read(at, state);
            out.parent();
            x.expand(state, sleep == null ? 0 : sleep.sleep(first + i), out, stored, checked);
        }
        return out;
    }

    /**
     * Merges one level's expansions in order into {@code next}; false when the search stops (first violation, state
     * budget, time).
     */
    private boolean merge(List<Expansion> done, long levelStart, Frontier next, FingerprintSet seen,
                                 LevelSleep sleep, Result r, boolean stopAtFirst, long maxStates, long deadline) {
        long parentBase = levelStart;
        for (int k = 0; k < done.size(); k++) {
            Expansion x = done.get(k);
            if (x == null) {
                r.complete = false;
                r.stopped = "the time limit";
                return false;
            }
            done.set(k, null);
            if (r.anonRmapBug == null && x.anonRmapBug != null) {
                Expansion.Event b = x.anonRmapBug;
                r.anonRmapBug = new Found(parentBase + b.parent(), b.actor(), b.choice(), b.message());
            }
            r.unfindableAtEnd |= x.unfindableAtEnd;
            List<Expansion.Event> events = new ArrayList<>();
            for (Expansion.Event e : x.first) {
                if (e != null) {
                    events.add(e);
                }
            }
            events.sort(Comparator.comparingInt(Expansion.Event::parent).thenComparingInt(Expansion.Event::ordinal));
            int ei = 0;
            int start = 0;
            for (int c = 0; c < x.candidates; c++) {
                int p = x.candidateParent[c];
                int o = x.candidateOrdinal[c];
                for (; ei < events.size() && events.get(ei).before(p, o); ei++) {
                    Expansion.Event e = events.get(ei);
                    if (record(e, parentBase, r) && stopAtFirst) {
                        r.transitions += movesBefore(x, e.parent()) + e.ordinal() + 1;
                        return false;
                    }
                }
                int end = x.candidateEnd[c];
                if (seen.add(x.candidateFp[c])) {
                    if (sleep != null) {
                        sleep.add(x.candidateFp[c], x.candidateSleep[c]);
                    }
                    r.links.add(parentBase + p, o);
                    next.append(x.states.data, start, end - start);
                    r.states++;
                    boolean late = (r.states & 4095) == 0 && System.nanoTime() > deadline;
                    if (r.states >= maxStates || late) {
                        r.transitions += movesBefore(x, p) + o + 1;
                        r.complete = false;
                        r.stopped = late ? "the time limit" : "the state budget (bounds.max_states)";
                        return false;
                    }
                } else if (sleep != null) {
                    sleep.meet(x.candidateFp[c], x.candidateSleep[c]);
                }
                start = end;
            }
            for (; ei < events.size(); ei++) {
                Expansion.Event e = events.get(ei);
                if (record(e, parentBase, r) && stopAtFirst) {
                    r.transitions += movesBefore(x, e.parent()) + e.ordinal() + 1;
                    return false;
                }
            }
            r.transitions += movesBefore(x, x.parents);
            parentBase += x.parents;
            spare.add(x);
        }
        return true;
    }

    /** Records a check's first firing; true if it had not fired before. */
    private static boolean record(Expansion.Event e, long parentBase, Result r) {
        if (r.found.containsKey(e.check())) {
            return false;
        }
        r.found.put(e.check(), new Found(parentBase + e.parent(), e.actor(), e.choice(), e.message()));
        return true;
    }

    private static long movesBefore(Expansion x, int parent) {
        long n = 0;
        for (int i = 0; i < parent; i++) {
            n += x.taken(i);
        }
        return n;
    }

    /**
     * System property: the default number of threads of every search in this JVM (apart from the worker JVMs that
     * check pairs side by side, which the shells set with {@code --workers} / {@code swapbench.workers}).
     */
    static final String WORKERS_PROPERTY = "swapbench.searchThreads";

    /** {@value #WORKERS_PROPERTY} when set to a number >= 1, else one worker per available processor. */
    static int defaultWorkers() {
        Integer n = Integer.getInteger(WORKERS_PROPERTY);
        return n != null && n >= 1 ? n : Runtime.getRuntime().availableProcessors();
    }
}
