package dev.swapbench.reports;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.util.List;

/**
 * How one (policy, scenario) pair differs from the baseline report.
 *
 * @param policy     policy id
 * @param scenario   scenario id
 * @param kind       what changed
 * @param regression whether it is a regression: the pair was as expected and is not now, or a check fires that did
 *                   not fire before
 * @param before     the pair in the baseline (null for a new pair)
 * @param after      the pair now (null for a removed pair)
 * @param summary    one line saying what changed, e.g. {@code newly violated: stale-mapping}
 */
public record Change(String policy, String scenario, Kind kind, boolean regression, Side before, Side after,
                     String summary) {

    /** The kinds of change, by their ids in the JSON report. */
    public enum Kind {
        /** Nothing fired before; some check fires now. */
        NEWLY_VIOLATED("newly-violated", "newly violated"),
        /** Some check fired before; none fires now. */
        NEWLY_CLEAN("newly-clean", "newly clean"),
        /** Checks fired before and now, but not the same ones. */
        CHECKS_CHANGED("checks-changed", "check set changed"),
        /** Same checks fired, but the verdict differs (clean, incomplete, error). */
        VERDICT_CHANGED("verdict-changed", "verdict changed"),
        /** Same outcome, but the scenario's expectation changed so that it is (or is no longer) as expected. */
        EXPECTATION_CHANGED("expectation-changed", "expectation changed"),
        /** The pair is not in the baseline. */
        NEW_PAIR("new-pair", "new pair"),
        /** The pair is in the baseline only. */
        REMOVED_PAIR("removed-pair", "removed pair");

        private final String id;
        private final String text;

        Kind(String id, String text) {
            this.id = id;
            this.text = text;
        }

        public String id() {
            return id;
        }

        /** For people: {@code newly violated}. */
        public String text() {
            return text;
        }
    }

    /**
     * One side of a change.
     *
     * @param verdict    the verdict
     * @param fired      the checks that fired, in {@code CheckId} order
     * @param asExpected whether the pair was as expected (true when not judged and not an error)
     */
    public record Side(Verdict verdict, List<String> fired, boolean asExpected) {
        public Side {
            fired = List.copyOf(fired);
        }

        public static Side of(PairResult r) {
            return new Side(r.verdict(), Matrix.fired(r), r.asExpected());
        }

        /** {@code violated: stale-mapping, anon-rmap}, {@code clean}, ... */
        public String text() {
            return verdict.id() + (fired.isEmpty() ? "" : ": " + String.join(", ", fired))
                    + (asExpected ? "" : " (not as expected)");
        }
    }
}
