package dev.swapbench.junit;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a pair's test fails and writes what the test reports.
 *
 * <p>Without a baseline a pair fails when its verdict differs from the scenario's expectation for the policy
 * ({@link PairResult#asExpected()} false, which includes every {@code error} verdict). With a baseline (a previous
 * report) a pair that the baseline holds fails only on a regression: it was as expected and is not any more, it
 * ends in an error it did not end in before, or a check fires that fired neither in the baseline nor in the
 * expectation ("newly violated"). A pair the baseline does not hold is judged as without a baseline.
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

    static String key(String policy, String scenario) {
        return policy + '\n' + scenario;
    }

    static Outcome judge(PairResult r, PairResult base, Scenario s) {
        boolean notAsExpected = r.verdict() == Verdict.ERROR || !r.asExpected();
        String expected = expected(r);
        String got = got(r);
        String head = "policy " + r.policy() + ", scenario " + r.scenario() + ": ";
        if (base == null) {
            if (notAsExpected) {
                return new Outcome(true, details(head + "expected " + expected + ", got " + got, r, s), null);
            }
            return new Outcome(false, null, r.judged() ? null : "not judged: verdict " + r.verdict().id());
        }
        if (regression(base, r)) {
            return new Outcome(true, details(head + "regression against the baseline: was " + got(base) + ", now "
                    + got + " (expected " + expected + ")", r, s), null);
        }
        if (notAsExpected) {
            return new Outcome(false, null, "not as expected, as in the baseline: expected " + expected + ", got "
                    + got);
        }
        return new Outcome(false, null, r.judged() ? null : "not judged: verdict " + r.verdict().id());
    }

    static boolean regression(PairResult base, PairResult now) {
        boolean nowBad = now.verdict() == Verdict.ERROR || !now.asExpected();
        boolean baseBad = base.verdict() == Verdict.ERROR || !base.asExpected();
        if (nowBad && !baseBad) {
            return true;
        }
        if (now.verdict() == Verdict.ERROR && base.verdict() != Verdict.ERROR) {
            return true;
        }
        Set<String> newly = fired(now);
        newly.removeAll(fired(base));
        if (now.expected() != null) {
            newly.removeAll(now.expected());
        }
        return !newly.isEmpty();
    }

    /** The expectation in words: {@code clean}, the check ids, or {@code not judged}. */
    static String expected(PairResult r) {
        if (!r.judged()) {
            return "not judged";
        }
        return r.expected().isEmpty() ? "clean" : String.join(", ", sorted(r.expected()));
    }

    /** The outcome in words: {@code clean}, the fired check ids, {@code incomplete ...} or {@code error}. */
    static String got(PairResult r) {
        return switch (r.verdict()) {
            case ERROR -> "error";
            case INCOMPLETE -> "incomplete (no check fired before the state budget ran out)";
            case CLEAN -> "clean";
            case VIOLATED -> String.join(", ", sorted(fired(r)));
        };
    }

    static Set<String> fired(PairResult r) {
        Set<String> out = new TreeSet<>();
        for (Counterexample c : r.violations()) {
            out.add(c.check().id());
        }
        return out;
    }

    private static List<String> sorted(Collection<String> ids) {
        List<String> l = new ArrayList<>(ids);
        l.sort(Comparator.comparingInt((String id) -> CheckId.byId(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        return l;
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
        for (ThreadSpec t : s.threads()) {
            threads.add(t.id());
        }
        for (Counterexample c : r.violations()) {
            b.append('\n').append("  ").append(c.check().id()).append(": ").append(c.message()).append('\n');
            b.append("  shortest interleaving: ").append(c.schedule().size()).append(" moves, ")
                    .append(c.steps().size()).append(" kernel steps, one column per thread:\n");
            for (String line : CpuColumns.render(c.steps(), threads).split("\n")) {
                b.append("    ").append(line).append('\n');
            }
            b.append("  schedule: ").append(String.join(" ", c.schedule())).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
