package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import java.util.Arrays;

/**
 * What one worker found expanding one frontier segment, in the order of the serial search: per parent state its
 * number of moves, the successors not stored before this level (candidates, with the parent, the move's ordinal,
 * the fingerprint and the encoded state), and per check the first place it fired. {@link LevelSearch} merges these
 * in segment order, which makes the result independent of how many workers there were.
 */
final class Expansion {
    /** A check firing: at {@code parent} (local index in the segment), move {@code ordinal} (-1: the state itself). */
    record Event(CheckId check, int parent, int ordinal, int actor, int choice, String message) {
        boolean before(int p, int o) {
            return parent < p || (parent == p && ordinal < o);
        }
    }

    int[] moves = new int[Frontier.SEGMENT];
    /** Per parent state, its moves not taken because their actor was asleep (sleep sets). */
    int[] asleep = new int[Frontier.SEGMENT];
    int parents;
    int candidates;
    int[] candidateParent = new int[64];
    int[] candidateOrdinal = new int[64];
    long[] candidateFp = new long[64];
    int[] candidateEnd = new int[64];
    /** Per candidate, the actors asleep in it (sleep sets; 0 without them). */
    int[] candidateSleep = new int[64];
    final Frontier.Segment states = new Frontier.Segment(4096);
    final Event[] first = new Event[CheckId.values().length];
    /** The first anon-rmap BUG_ON in this segment (kept apart: it decides the anon-rmap kind), or null. */
    Event anonRmapBug;
    /** Whether some successor is unfindable for the rmap walk with the scenario over (the kind's "permanent"). */
    boolean unfindableAtEnd;
    /**
     * The candidates by fingerprint (open addressing; slot value: candidate index + 1), so that a successor reached
     * again in this segment is not encoded, checked and merged again: a third of K2's successors at bound 0.
     */
    private int[] byFp = new int[256];

    /**
     * Empties this expansion for another segment, keeping its arrays: the search recycles the expansions it has
     * merged, so their buffers stay at the size a segment needs.
     */
    void reset() {
        parents = 0;
        candidates = 0;
        states.length = 0;
        states.count = 0;
        Arrays.fill(first, null);
        anonRmapBug = null;
        unfindableAtEnd = false;
        Arrays.fill(byFp, 0);
    }

    /** Bytes held (the encoded candidates and the per-candidate arrays; the rest is small). */
    long bytes() {
        return states.data.length + 24L * candidateFp.length + 4L * byFp.length;
    }

    /** Starts the next parent state. */
    void parent() {
        if (parents == moves.length) {
            moves = Arrays.copyOf(moves, parents * 2);
            asleep = Arrays.copyOf(asleep, parents * 2);
        }
        asleep[parents] = 0;
        moves[parents++] = 0;
    }

    /** Counts one move of the current parent and returns its ordinal. */
    int move() {
        return moves[parents - 1]++;
    }

    /** Passes over {@code n} moves of the current parent whose actor is asleep: they keep their ordinals. */
    void skip(int n) {
        moves[parents - 1] += n;
        asleep[parents - 1] += n;
    }

    /** Moves taken from parent {@code p} (not counting those passed over asleep). */
    int taken(int p) {
        return moves[p] - asleep[p];
    }

    /**
     * Whether {@code fp} is already a candidate of this segment. The merge would store the earlier one (or drop both),
     * so the later one is dropped here, its checks unrun: they are those of the earlier one, which come first. Its
     * sleep set narrows the earlier one's as the merge would have narrowed the state's (or, had the worker found it
     * stored with a set inside this one, changes nothing there either).
     */
    boolean repeated(long fp, int sleep) {
        int mask = byFp.length - 1;
        for (int i = slot(fp, mask); byFp[i] != 0; i = (i + 1) & mask) {
            int c = byFp[i] - 1;
            if (candidateFp[c] == fp) {
                candidateSleep[c] &= sleep;
                return true;
            }
        }
        return false;
    }

    private static int slot(long fp, int mask) {
        return (int) (fp >>> 40) & mask;
    }

    private void index(int c) {
        if (2 * (c + 1) > byFp.length) {
            byFp = new int[byFp.length * 2];
            for (int k = 0; k < c; k++) {
                index(k);
            }
        }
        int mask = byFp.length - 1;
        int i = slot(candidateFp[c], mask);
        while (byFp[i] != 0) {
            i = (i + 1) & mask;
        }
        byFp[i] = c + 1;
    }

    void candidate(int ordinal, long fp, int[] state, int sleep) {
        if (candidates == candidateFp.length) {
            int n = candidates * 2;
            candidateParent = Arrays.copyOf(candidateParent, n);
            candidateOrdinal = Arrays.copyOf(candidateOrdinal, n);
            candidateFp = Arrays.copyOf(candidateFp, n);
            candidateEnd = Arrays.copyOf(candidateEnd, n);
            candidateSleep = Arrays.copyOf(candidateSleep, n);
        }
        candidateSleep[candidates] = sleep;
        candidateParent[candidates] = parents - 1;
        candidateOrdinal[candidates] = ordinal;
        candidateFp[candidates] = fp;
        states.write(state);
        candidateEnd[candidates] = states.length;
        index(candidates);
        candidates++;
    }

    /** Records a check firing at the current parent, unless the check already fired earlier in this segment. */
    void fired(CheckId check, int ordinal, int actor, int choice, String message) {
        if (first[check.ordinal()] == null) {
            first[check.ordinal()] = new Event(check, parents - 1, ordinal, actor, choice, message);
        }
    }

    /** Records an anon-rmap BUG_ON inside a step at the current parent, unless one fired earlier in this segment. */
    void anonRmapBug(int ordinal, int actor, int choice, String message) {
        if (anonRmapBug == null) {
            anonRmapBug = new Event(CheckId.ANON_RMAP, parents - 1, ordinal, actor, choice, message);
        }
    }

    /** Whether {@code check} already fired in this segment (a worker need not build its message again). */
    boolean hasFired(CheckId check) {
        return first[check.ordinal()] != null;
    }
}
