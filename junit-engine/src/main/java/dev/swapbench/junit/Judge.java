package dev.swapbench.junit;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.reports.Baseline;
import dev.swapbench.reports.Change;
import dev.swapbench.reports.CpuColumns;
import dev.swapbench.reports.Matrix;
import dev.swapbench.reports.ScenarioInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a pair's test fails and writes what the test reports.
 *
 * <p>Without a baseline a pair fails when its verdict differs from the scenario's expectation for the policy
 * ({@link PairResult#asExpected()} false, which includes every {@code error} verdict). With a baseline (a previous
 * report) a pair that the baseline holds fails only on a regression as {@link Baseline#changes} defines it (the
 * same rule as {@code swapbench compare} and the {@code junit.xml} of the report set): it was as expected and is not
 * any more, or a check fires that did not fire in the baseline. A pair the baseline does not hold is judged as
 * without a baseline.
 */
final class Judge {
    /**
     * @param failed  whether the test fails
     * @param message the failure message (its first line is the headline), or null
     * @param entry   a reporting entry for a passing test (not judged; a known failure kept by the baseline), or null
     */
    record Outcome(boolean failed, String message, String entry) {
    }

    private Judge() {
    }

    static Outcome judge(PairResult r, Baseline baseline, Scenario s) {
        if (r.verdict() == Verdict.NOT_APPLICABLE) {
            return new Outcome(false, null, "not applicable: " + r.reason());
        }
        boolean notAsExpected = r.verdict() == Verdict.ERROR || !r.asExpected();
        String expected = expected(r);
        String got = got(r);
        String head = "policy " + r.policy() + ", scenario " + r.scenario() + ": ";
        Change change = baseline == null ? null : change(baseline, r);
        boolean held = baseline != null && (change == null || change.kind() != Change.Kind.NEW_PAIR);
        if (!held) {
            if (notAsExpected) {
                return new Outcome(true, details(head + "expected " + expected + ", got " + got, r, s), null);
            }
            return new Outcome(false, null, r.judged() ? null : "not judged: verdict " + r.verdict().id());
        }
        if (change != null && change.regression()) {
            return new Outcome(true, details(head + "regression against the baseline: " + change.summary()
                    + "; expected " + expected + ", got " + got, r, s), null);
        }
        if (notAsExpected) {
            return new Outcome(false, null, "not as expected, as in the baseline: expected " + expected + ", got "
                    + got);
        }
        return new Outcome(false, null, r.judged() ? null : "not judged: verdict " + r.verdict().id());
    }

    /** The baseline's change for this one pair: null when the baseline holds it unchanged. */
    static Change change(Baseline baseline, PairResult r) {
        for (Change c : baseline.changes(List.of(r))) {
            if (c.kind() != Change.Kind.REMOVED_PAIR && c.policy().equals(r.policy())
                    && c.scenario().equals(r.scenario())) {
                return c;
            }
        }
        return null;
    }

    /** The expectation in words: {@code clean}, the check ids, or {@code not judged}. */
    static String expected(PairResult r) {
        if (!r.judged()) {
            return "not judged";
        }
        return r.expected().isEmpty() ? "clean" : String.join(", ", Matrix.sortedChecks(r.expected()));
    }

    /** The outcome in words: {@code clean}, the fired check ids, {@code incomplete ...} or {@code error}. */
    static String got(PairResult r) {
        return switch (r.verdict()) {
            case ERROR -> "error";
            case INCOMPLETE -> "incomplete (no check fired before the state budget ran out)";
            case CLEAN -> "clean";
            case VIOLATED -> String.join(", ", Matrix.fired(r));
            case NOT_APPLICABLE -> "not applicable (another kernel era)";
        };
    }

    private static String details(String headline, PairResult r, Scenario s) {
        StringBuilder b = new StringBuilder(headline).append('\n');
        b.append("  scenario: ").append(s.id()).append(" \"").append(s.title()).append("\" (").append(s.origin())
                .append(")\n");
        b.append("  expected: ").append(expected(r));
        if (r.judged() && r.reason() != null && !r.reason().isBlank()) {
            b.append(" (").append(r.reason()).append(')');
        }
        b.append('\n');
        b.append("  got:      ").append(got(r)).append(String.format(Locale.ROOT,
                " (verdict %s; %d states, %.2f s, bound %s, %s)", r.verdict().id(), r.states(), r.seconds(),
                r.maxPreemptions() < 0 ? "none" : r.maxPreemptions() + " preemptions",
                r.complete() ? "complete" : "incomplete")).append('\n');
        if (r.error() != null) {
            b.append("  error:    ").append(r.error()).append('\n');
        }
        List<String> threads = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (ThreadSpec t : s.threads()) {
            threads.add(t.id());
            roles.add(ScenarioInfo.role(t));
        }
        for (Counterexample c : r.violations()) {
            b.append('\n').append("  ").append(c.check().id()).append(": ").append(c.message()).append('\n');
            b.append("  shortest interleaving: ").append(c.schedule().size()).append(" moves, ")
                    .append(c.steps().size()).append(" kernel steps; the steps the violation depends on, one column ")
                    .append("per thread (").append(CpuColumns.MARK).append(" marks the step where the check fired; ")
                    .append("every step: report.html or report.json):\n");
            // the condensed diagram of report.md and junit.xml
            for (String line : CpuColumns.condensed(c, threads, roles).split("\n")) {
                b.append(line.isEmpty() ? "" : "    " + line).append('\n');
            }
            b.append("  schedule: ").append(String.join(" ", c.schedule())).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
