package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import java.util.Map;

/**
 * What one exploration of (policy, scenario) found.
 *
 * @param violations     per check that fired, its shortest counterexample
 * @param states         distinct states stored
 * @param transitions    transitions taken (including those into known states)
 * @param seconds        wall time of the search
 * @param complete       true when every reachable state within the bound was explored
 * @param maxPreemptions the preemption bound covered, or -1 for none
 * @param depth          BFS levels explored
 * @param error          a policy failure that stopped the search, or null
 * @param storedBytes    bytes of the visited-state store (fingerprint table and trace links)
 * @param queuePeakBytes peak bytes of the BFS frontier (the level being expanded and what it yields)
 * @param stopped        why an incomplete search stopped (the state budget, the time limit, the heap), or null
 * @param workers        threads that expanded states (the results do not depend on it)
 * @param reduction      the state-space reduction used ({@link Explorer#reduction()}), {@code none} for none
 */
public record Exploration(Map<CheckId, Counterexample> violations, long states, long transitions, double seconds,
                          boolean complete, int maxPreemptions, int depth, String error, long storedBytes,
                          long queuePeakBytes, String stopped, int workers, String reduction) {
    public Exploration {
        violations = Map.copyOf(violations);
    }
}
