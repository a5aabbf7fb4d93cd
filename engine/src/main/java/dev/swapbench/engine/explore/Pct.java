package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.thread.PolicyFailure;
import dev.swapbench.spi.SwapFaultPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Randomized schedules with PCT's priority change points (Burckhardt, Kothari, Musuvathi and Nagarakatte, "A
 * Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010), for scenarios too big to
 * explore exhaustively.
 *
 * <p>Each run gives the n actors (threads and per-frame I/O completions) distinct random priorities d..d+n-1 and
 * picks d-1 change points among the first k moves; at every move the enabled actor with the highest priority moves
 * (a choice, such as which page reclaim isolates, is drawn uniformly), and at the j-th change point the actor that
 * just moved drops to priority j, below every initial one. A bug of depth d (d ordering constraints) is then found by
 * one run with probability at least 1/(n k^(d-1)). k is the longest run seen so far that ended by itself (at first 50
 * moves): a run cut at the move cap is a thread spinning at a high priority, and its length says nothing of the program's.
 *
 * <p>Daemons (reclaim, try_to_free_swap) loop forever, which PCT's threads do not: a daemon may start at most as
 * many episodes per run as the user threads have actions (plus one), so every run ends. A run ends when no actor
 * can move (or after {@value #MAX_MOVES} moves); it fails at the first check that fires, including deadlock. Run r uses the random stream seeded with
 * (seed, r), so a run is reproduced by its number, and its schedule replays with {@link Explorer#replay}.
 */
public final class Pct {
    /** The longest run, in moves, before it is cut (a policy that never lets a user thread finish). */
    public static final int MAX_MOVES = 100_000;

    /**
     * What a batch of runs found.
     *
     * @param exploration as a search reports it: per check the shortest failing run (its schedule replays), the
     *                    moves made in all runs as transitions, never complete
     * @param runs        runs made
     * @param failing     per check, how many runs it failed
     * @param longestRun  k, the longest run in moves that was not cut (at least 50): the change points were drawn among the
     *                    first k
     * @param cutRuns     runs cut after {@value #MAX_MOVES} moves (a starved thread; counted as misses)
     */
    public record Outcome(Exploration exploration, int runs, Map<CheckId, Integer> failing, int longestRun, int cutRuns) {
        public Outcome {
            failing = Map.copyOf(failing);
        }
    }

    private Pct() {
    }

    /**
     * @param scenario  the scenario (its preemption bound is ignored)
     * @param depth     d, the bug depth PCT targets (>= 1)
     * @param runs      how many runs
     * @param seed      the seed of the whole batch
     * @param timeLimit stop after this long (fewer runs), or null
     */
    public static Outcome run(Scenario scenario, SwapFaultPolicy policy, int depth, int runs, long seed,
                              Duration timeLimit) {
        if (depth < 1 || runs < 1) {
            throw new IllegalArgumentException("PCT needs depth >= 1 and runs >= 1, got " + depth + " and " + runs);
        }
        long start = System.nanoTime();
        long deadline = timeLimit == null ? Long.MAX_VALUE : start + timeLimit.toNanos();
        Scenario unbounded = scenario.withBounds(scenario.bounds().withMaxPreemptions(-1));
        Explorer x = new Explorer(unbounded, policy);
        int episodes = 1;
        for (var t : unbounded.threads()) {
            episodes += t.daemon() ? 0 : t.actions().size();
        }
        Map<CheckId, List<String>> shortest = new EnumMap<>(CheckId.class);
        Map<CheckId, String> messages = new EnumMap<>(CheckId.class);
        Map<CheckId, Integer> failing = new EnumMap<>(CheckId.class);
        long moves = 0;
        int k = 50;
        int cut = 0;
        int done = 0;
        String error = null;
        try {
            for (; done < runs && System.nanoTime() <= deadline; done++) {
                Run r = new Run(x, depth, k, episodes, new Random(seed * 1_000_003L + done));
                r.play();
                moves += r.schedule.size();
                if (r.cut) {
                    cut++;
                } else {
                    k = Math.max(k, r.schedule.size());
                }
                if (r.fired != null) {
                    failing.merge(r.fired, 1, Integer::sum);
                    List<String> best = shortest.get(r.fired);
                    if (best == null || r.schedule.size() < best.size()) {
                        shortest.put(r.fired, r.schedule);
                        messages.put(r.fired, r.message);
                    }
                }
            }
        } catch (PolicyFailure e) {
            error = e.getMessage();
        }
        Map<CheckId, Counterexample> violations = new EnumMap<>(CheckId.class);
        if (error == null) {
            for (var e : shortest.entrySet()) {
                violations.put(e.getKey(), x.counterexample(e.getKey(), messages.get(e.getKey()), e.getValue()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String stopped = "PCT: " + done + " random run(s) at depth " + depth + ", seed " + seed + " (random testing "
                + "proves nothing clean)" + (done < runs ? "; the time limit cut the batch" : "");
        Exploration e = new Exploration(violations, 0, moves, seconds, false, -1, 0, error, 0, 0, stopped, 1, "none");
        return new Outcome(e, done, failing, k, cut);
    }

    /** One run. */
    private static final class Run {
        final Explorer x;
        final Random random;
        final int[] priority;
        final int[] changeAt;
        final int[] episodesLeft;
        final List<String> schedule = new ArrayList<>();
        CheckId fired;
        String message;
        boolean cut;

        Run(Explorer x, int depth, int k, int episodes, Random random) {
            this.x = x;
            this.random = random;
            int n = x.actors();
            priority = new int[n];
            for (int i = 0; i < n; i++) {
                priority[i] = depth + i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = priority[i];
                priority[i] = priority[j];
                priority[j] = t;
            }
            changeAt = new int[depth - 1];
            for (int j = 0; j < changeAt.length; j++) {
                changeAt[j] = 1 + random.nextInt(k);
            }
            episodesLeft = new int[n];
            java.util.Arrays.fill(episodesLeft, episodes);
        }

        void play() {
            int[] cur = x.initial();
            int[] nxt = new int[cur.length];
            for (int step = 1; step <= MAX_MOVES; step++) {
                int actor = -1;
                for (int a = 0; a < priority.length; a++) {
                    if (x.canMove(cur, a) && !(x.daemonAtBoundary(cur, a) && episodesLeft[a] == 0)
                            && (actor < 0 || priority[a] > priority[actor])) {
                        actor = a;
                    }
                }
                if (actor < 0) {
                    String dead = x.deadlock(cur);
                    if (dead != null) {
                        fail(CheckId.DEADLOCK, dead);
                    }
                    return;
                }
                if (x.daemonAtBoundary(cur, actor)) {
                    episodesLeft[actor]--;
                }
                int choice = random.nextInt(x.choicesAt(cur, actor));
                schedule.add(x.moveName(actor, choice));
                try {
                    x.step(cur, actor, choice, nxt);
                } catch (Violation v) {
                    fail(v.check(), v.getMessage());
                    return;
                }
                Violation v = x.check(nxt);
                if (v != null) {
                    fail(v.check(), v.getMessage());
                    return;
                }
                for (int j = 0; j < changeAt.length; j++) {
                    if (changeAt[j] == step) {
                        priority[actor] = j + 1;
                    }
                }
                int[] t = cur;
                cur = nxt;
                nxt = t;
            }
            cut = true;
        }

        private void fail(CheckId check, String msg) {
            fired = check;
            message = msg;
        }
    }
}
