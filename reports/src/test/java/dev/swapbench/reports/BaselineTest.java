package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    private static PairResult pair(String policy, Verdict v, Set<String> expected, boolean asExpected,
                                   dev.swapbench.engine.explore.Counterexample... cs) {
        return new PairResult(policy, "S", "v2.6.36", v, List.of(cs), expected, "r", asExpected, 1, 1, 0.1, true,
                -1, null);
    }

    @Test
    void eachKindOfChangeAndWhatCountsAsARegression() {
        var stale = ReportFixtures.STALE;
        var bug = ReportFixtures.ODD;
        Baseline b = new Baseline("b.json", "1", List.of(
                pair("p-newly-violated", Verdict.CLEAN, null, true),
                pair("p-newly-clean-expected", Verdict.VIOLATED, Set.of("stale-mapping"), true, stale),
                pair("p-newly-clean-unexpected", Verdict.VIOLATED, Set.of(), false, stale),
                pair("p-checks", Verdict.VIOLATED, null, true, stale),
                pair("p-checks-fewer", Verdict.VIOLATED, null, true, stale, bug),
                pair("p-verdict", Verdict.CLEAN, Set.of(), true),
                pair("p-expectation", Verdict.CLEAN, Set.of(), true),
                pair("p-same", Verdict.VIOLATED, Set.of("stale-mapping"), true, stale),
                pair("p-removed", Verdict.CLEAN, null, true)));
        List<PairResult> now = List.of(
                pair("p-newly-violated", Verdict.VIOLATED, null, true, stale),
                pair("p-newly-clean-expected", Verdict.CLEAN, Set.of("stale-mapping"), false),
                pair("p-newly-clean-unexpected", Verdict.CLEAN, Set.of(), true),
                pair("p-checks", Verdict.VIOLATED, null, true, bug),
                pair("p-checks-fewer", Verdict.VIOLATED, null, true, stale),
                pair("p-verdict", Verdict.INCOMPLETE, Set.of(), false),
                pair("p-expectation", Verdict.CLEAN, Set.of("stale-mapping"), false),
                pair("p-same", Verdict.VIOLATED, Set.of("stale-mapping"), true, stale),
                pair("p-new", Verdict.CLEAN, null, true));
        Map<String, Change> byPolicy = new java.util.HashMap<>();
        List<Change> changes = b.changes(now);
        changes.forEach(c -> byPolicy.put(c.policy(), c));
        assertNull(byPolicy.get("p-same"), "an unchanged pair is not listed");
        assertEquals(9, changes.size(), changes.toString());

        check(byPolicy, "p-newly-violated", Change.Kind.NEWLY_VIOLATED, true);
        check(byPolicy, "p-newly-clean-expected", Change.Kind.NEWLY_CLEAN, true);
        check(byPolicy, "p-newly-clean-unexpected", Change.Kind.NEWLY_CLEAN, false);
        check(byPolicy, "p-checks", Change.Kind.CHECKS_CHANGED, true);
        check(byPolicy, "p-checks-fewer", Change.Kind.CHECKS_CHANGED, false);
        check(byPolicy, "p-verdict", Change.Kind.VERDICT_CHANGED, true);
        check(byPolicy, "p-expectation", Change.Kind.EXPECTATION_CHANGED, true);
        check(byPolicy, "p-new", Change.Kind.NEW_PAIR, false);
        check(byPolicy, "p-removed", Change.Kind.REMOVED_PAIR, false);
        assertEquals("checks-changed", byPolicy.get("p-checks").kind().id());
        assertEquals("check set changed: +kernel-bug, -stale-mapping", byPolicy.get("p-checks").summary());
        assertEquals("newly violated: stale-mapping", byPolicy.get("p-newly-violated").summary());
        assertNull(byPolicy.get("p-new").before());
        assertNull(byPolicy.get("p-removed").after());

        // regressions first, then the rest in the order of the current results, removed pairs last
        int firstNonRegression = 0;
        while (changes.get(firstNonRegression).regression()) {
            firstNonRegression++;
        }
        assertEquals(5, firstNonRegression, changes.toString());
        assertTrue(changes.subList(firstNonRegression, changes.size()).stream().noneMatch(Change::regression));
        assertEquals("p-newly-violated", changes.get(0).policy());
        assertEquals("p-removed", changes.get(changes.size() - 1).policy());
    }

    private static void check(Map<String, Change> byPolicy, String policy, Change.Kind kind, boolean regression) {
        Change c = byPolicy.get(policy);
        assertEquals(kind, c.kind(), policy);
        assertEquals(regression, c.regression(), policy + ": " + c);
    }

    @Test
    void readsARunReportAsBaseline() throws IOException {
        Path f = dir.resolve("run.json");
        JsonReport.write(f, ReportFixtures.results(), Map.of("command", "run"));
        Baseline b = Baseline.read(f);
        assertEquals(ReportFixtures.results(), b.results());
        assertEquals(JsonReport.toolVersion(), b.version());
        assertTrue(b.changes(ReportFixtures.results()).isEmpty(), "a run compared with itself has no change");
        assertFalse(b.name().isEmpty());
    }
}
