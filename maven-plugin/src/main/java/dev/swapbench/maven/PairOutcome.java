package dev.swapbench.maven;

import java.util.List;

/**
 * What the launcher reported for one test of the swapbench engine: a (policy, scenario) pair, or a discovery problem
 * (a malformed scenario file ...), which has no policy.
 *
 * @param policy   the policy id, or null for a problem
 * @param name     the scenario id, or the problem's name
 * @param status   how it finished
 * @param message  the failure message (its first line is the headline), or null
 * @param entries  the engine's reporting entries ("not judged: verdict clean" ...)
 */
record PairOutcome(String policy, String name, Status status, String message, List<String> entries) {
    enum Status { PASSED, FAILED, ABORTED, SKIPPED }

    PairOutcome {
        entries = List.copyOf(entries);
    }

    /** The first line of the message: {@code policy P, scenario S: expected X, got Y}, or a file:line:column one. */
    String headline() {
        if (message == null || message.isBlank()) {
            return (policy != null ? "policy " + policy + ", scenario " + name : name) + ": " + status.name()
                    .toLowerCase(java.util.Locale.ROOT);
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
