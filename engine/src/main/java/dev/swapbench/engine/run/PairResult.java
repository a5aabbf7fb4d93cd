package dev.swapbench.engine.run;

import dev.swapbench.engine.explore.Counterexample;
import java.util.List;
import java.util.Set;

/**
 * The outcome of checking one policy against one scenario.
 *
 * @param policy         policy id
 * @param scenario       scenario id
 * @param baseline       the rmap world the run used ({@code v2.6.35} or {@code v2.6.36})
 * @param verdict        clean, violated, incomplete or error
 * @param violations     one shortest counterexample per check that fired
 * @param expected       check ids the scenario expects for this policy; null when the scenario does not judge it
 * @param reason         the scenario's one-line reason for that expectation (null when not judged); for a
 *                       {@code not-applicable} pair, why the eras differ
 * @param asExpected     whether the fired checks equal the expected ones (true when not judged and not an error)
 * @param states         distinct states explored
 * @param transitions    transitions taken
 * @param seconds        search time
 * @param complete       whether the search covered everything within the bound
 * @param maxPreemptions the preemption bound covered (-1: none)
 * @param error          why the verdict is {@code error}, or null
 * @param stopped        why an incomplete search stopped early (the state budget, the time limit, or the heap, with
 *                       advice), or null
 * @param reduction      the state-space reduction the search used ({@code none}, {@code idle-last}, {@code sleep-sets}; see
 *                       {@code Explorer.reduction()}), or null when not known (an error, a result read from an older
 *                       report)
 */
public record PairResult(String policy, String scenario, String baseline, Verdict verdict,
                         List<Counterexample> violations, Set<String> expected, String reason, boolean asExpected,
                         long states, long transitions, double seconds, boolean complete, int maxPreemptions,
                         String error, String stopped, String reduction) {
    public PairResult {
        violations = List.copyOf(violations);
        expected = expected == null ? null : Set.copyOf(expected);
    }

    /** A result that says neither why an incomplete search stopped nor which reduction it used. */
    public PairResult(String policy, String scenario, String baseline, Verdict verdict,
                      List<Counterexample> violations, Set<String> expected, String reason, boolean asExpected,
                      long states, long transitions, double seconds, boolean complete, int maxPreemptions,
                      String error) {
        this(policy, scenario, baseline, verdict, violations, expected, reason, asExpected, states, transitions,
                seconds, complete, maxPreemptions, error, null, null);
    }

    /** Whether the scenario states an expectation for this policy. */
    public boolean judged() {
        return expected != null;
    }
}
