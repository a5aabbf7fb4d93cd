package dev.swapbench.reports;

import dev.swapbench.engine.run.PairResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An earlier report to compare with: what changed, pair by pair.
 *
 * @param name    where it came from (the file name, for people)
 * @param version the swapbench version that wrote it
 * @param results its results
 */
public record Baseline(String name, String version, List<PairResult> results) {
    public Baseline {
        results = List.copyOf(results);
    }

    /** Reads a JSON report (of {@code run --json} or {@code compare}); problems name the file and the JSON path. */
    public static Baseline read(Path file) throws IOException {
        JsonReport.Report r = JsonReport.readReport(file);
        return new Baseline(file.toString(), r.version(), r.results());
    }

    /**
     * The pairs that differ between this baseline and {@code current}: regressions first, then the other changes,
     * each in the order of {@code current}; removed pairs last. Pairs whose verdict, fired checks and
     * as-expectedness are all the same are not listed.
     */
    public List<Change> changes(List<PairResult> current) {
        Map<String, PairResult> before = new LinkedHashMap<>();
        for (PairResult r : results) {
            before.putIfAbsent(key(r), r);
        }
        List<Change> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PairResult now : current) {
            String k = key(now);
            if (!seen.add(k)) {
                continue;
            }
            PairResult was = before.get(k);
            Change c = was == null ? added(now) : compare(was, now);
            if (c != null) {
                out.add(c);
            }
        }
        for (PairResult was : before.values()) {
            if (!seen.contains(key(was))) {
                out.add(new Change(was.policy(), was.scenario(), Change.Kind.REMOVED_PAIR, false, Change.Side.of(was),
                        null, "removed pair: was " + Change.Side.of(was).text()));
            }
        }
        // stable: regressions first, the rest keep their order
        out.sort(Comparator.comparing((Change c) -> !c.regression()));
        return List.copyOf(out);
    }

    private static Change added(PairResult now) {
        Change.Side a = Change.Side.of(now);
        return new Change(now.policy(), now.scenario(), Change.Kind.NEW_PAIR, false, null, a,
                "new pair: " + a.text());
    }

    private static Change compare(PairResult was, PairResult now) {
        Change.Side b = Change.Side.of(was);
        Change.Side a = Change.Side.of(now);
        List<String> newlyFired = new ArrayList<>(a.fired());
        newlyFired.removeAll(b.fired());
        List<String> noLongerFired = new ArrayList<>(b.fired());
        noLongerFired.removeAll(a.fired());
        boolean lostExpectation = b.asExpected() && !a.asExpected();
        boolean regression = lostExpectation || !newlyFired.isEmpty();
        Change.Kind kind;
        String what;
        if (b.fired().isEmpty() && !a.fired().isEmpty()) {
            kind = Change.Kind.NEWLY_VIOLATED;
            what = String.join(", ", a.fired());
        } else if (!b.fired().isEmpty() && a.fired().isEmpty()) {
            kind = Change.Kind.NEWLY_CLEAN;
            what = "no longer " + String.join(", ", b.fired()) + "; now " + a.verdict().id();
        } else if (!newlyFired.isEmpty() || !noLongerFired.isEmpty()) {
            kind = Change.Kind.CHECKS_CHANGED;
            what = (newlyFired.isEmpty() ? "" : "+" + String.join(", +", newlyFired))
                    + (!newlyFired.isEmpty() && !noLongerFired.isEmpty() ? ", " : "")
                    + (noLongerFired.isEmpty() ? "" : "-" + String.join(", -", noLongerFired));
        } else if (b.verdict() != a.verdict()) {
            kind = Change.Kind.VERDICT_CHANGED;
            what = b.verdict().id() + " -> " + a.verdict().id();
        } else if (b.asExpected() != a.asExpected()) {
            kind = Change.Kind.EXPECTATION_CHANGED;
            what = a.asExpected() ? "now as expected" : "no longer as expected";
        } else {
            return null;
        }
        String summary = kind.text() + ": " + what + (lostExpectation && kind != Change.Kind.EXPECTATION_CHANGED
                ? " (was as expected, is not now)" : "");
        return new Change(now.policy(), now.scenario(), kind, regression, b, a, summary);
    }

    private static String key(PairResult r) {
        return r.policy() + "\u0000" + r.scenario();
    }
}
