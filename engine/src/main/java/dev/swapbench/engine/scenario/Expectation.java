package dev.swapbench.engine.scenario;

import java.util.Set;

/**
 * What a scenario expects of one policy.
 *
 * @param checks ids of the checks expected to fire (empty: clean)
 * @param reason one line saying why
 * @param line   source line (0 when built in Java)
 */
public record Expectation(Set<String> checks, String reason, int line) {
    public Expectation {
        checks = Set.copyOf(checks);
    }
}
