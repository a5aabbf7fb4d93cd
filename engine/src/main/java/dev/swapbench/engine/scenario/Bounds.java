package dev.swapbench.engine.scenario;

/**
 * Exploration bounds.
 *
 * @param maxPreemptions CHESS-style preemption bound, or -1 for none (exhaustive)
 * @param maxStates      give up (verdict {@code incomplete}) after this many distinct states
 * @param stepBudget     kernel calls one episode (one fault, one reclaim pass) may make before the policy is
 *                       declared to loop
 */
public record Bounds(int maxPreemptions, long maxStates, int stepBudget) {
    public static final long DEFAULT_MAX_STATES = 50_000_000L;
    public static final int DEFAULT_STEP_BUDGET = 200;

    public static Bounds defaults() {
        return new Bounds(-1, DEFAULT_MAX_STATES, DEFAULT_STEP_BUDGET);
    }

    public Bounds withMaxPreemptions(int n) {
        return new Bounds(n, maxStates, stepBudget);
    }
}
