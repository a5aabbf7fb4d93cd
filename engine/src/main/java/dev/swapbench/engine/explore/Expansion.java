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
    final Frontier.Segment states = new Frontier.Segment();
    final Event[] first = new Event[CheckId.values().length];
    /** The first anon-rmap BUG_ON in this segment (kept apart: it decides the anon-rmap kind), or null. */
    Event anonRmapBug;
    /** Whether some successor is unfindable for the rmap walk with the scenario over (the kind's "permanent"). */
    boolean unfindableAtEnd;

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
