package dev.swapbench.engine.scenario;

import java.util.Set;

/**
 * What a scenario expects of one policy.
 *
 * @param checks       ids of the checks expected to fire (empty: clean)
 * @param reason       one line saying why
 * @param line         source line (0 when built in Java)
 * @param anonRmapKind the {@link dev.swapbench.engine.check.AnonRmapKind} id expected of anon-rmap (written
 *                     {@code anon-rmap:KIND} in {@code checks}), or null for any kind
 */
public record Expectation(Set<String> checks, String reason, int line, String anonRmapKind) {
    public Expectation {
        checks = Set.copyOf(checks);
    }

    /** An expectation that does not name the kind of anon-rmap. */
    public Expectation(Set<String> checks, String reason, int line) {
        this(checks, reason, line, null);
    }
}
