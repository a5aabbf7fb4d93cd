package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {
    private static PolicyInfo policy(String id, String baseline) {
        return new PolicyInfo(id, "", "", baseline, PolicyInfo.BUILT_IN);
    }

    @Test
    void policiesInKernelHistoryThenDropInsByEraThenName() {
        List<PolicyInfo> shuffled = List.of(policy("zeta", "v2.6.36"), policy("reuse-remap", "v2.6.36"),
                policy("future-b", "v3.10"), policy("mainline-2.6.36", "v2.6.36"), policy("alpha", "v2.6.36"),
                policy("legacy", "v2.6.35"), policy("future-a", "v3.10"), policy("ksm-forced-write", "v2.6.36"),
                policy("andrea-recheck", "v2.6.36"), policy("nine", "v2.6.9"));
        assertEquals(List.of("legacy", "andrea-recheck", "mainline-2.6.36", "ksm-forced-write", "reuse-remap", "nine",
                "alpha", "zeta", "future-a", "future-b"),
                Matrix.historyOrder(shuffled).stream().map(PolicyInfo::id).toList());
    }

    @Test
    void theV6LadderFollowsThe2010PoliciesInItsOwnHistory() {
        List<PolicyInfo> shuffled = List.of(policy("no-bypass", "v6"), policy("my-v6-fix", "v6"),
                policy("swapcache-wait-v6.9", "v6"), policy("legacy", "v2.6.35"), policy("bypass-v4.15", "v6"),
                policy("my-2010-fix", "v2.6.36"), policy("swapcache-prepare-v6.8", "v6"));
        assertEquals(List.of("legacy", "my-2010-fix", "bypass-v4.15", "swapcache-prepare-v6.8", "swapcache-wait-v6.9",
                "no-bypass", "my-v6-fix"), Matrix.historyOrder(shuffled).stream().map(PolicyInfo::id).toList());
    }

    @Test
    void eachEraShowsItsScenariosAgainstItsPoliciesOnly() {
        PolicyInfo v6 = policy("bypass-v4.15", "v6");
        ScenarioInfo cve = new ScenarioInfo("v6-cve", "the bypass race", "commit", "13ddaf26be32", "", "builtin",
                List.of("A", "B", "R"));
        List<PairResult> results = new java.util.ArrayList<>(ReportFixtures.results());
        for (String p : List.of("legacy", "mainline-2.6.36", "dropin-test", "thrower")) {
            results.add(notApplicable(p, "v6-cve"));
        }
        results.add(notApplicable("bypass-v4.15", "R2"));
        results.add(notApplicable("bypass-v4.15", "R7"));
        results.add(new PairResult("bypass-v4.15", "v6-cve", "v6", Verdict.VIOLATED, List.of(ReportFixtures.STALE),
                java.util.Set.of("stale-mapping"), "no pin", true, 10, 20, 0.01, true, 0, null));
        Metadata meta = ReportFixtures.meta();
        List<PolicyInfo> ps = new java.util.ArrayList<>(meta.policies());
        ps.add(v6);
        List<ScenarioInfo> ss = new java.util.ArrayList<>(meta.scenarios());
        ss.add(cve);
        Matrix m = Matrix.of(results, new Metadata(meta.command(), meta.created(), ps, ss, meta.problems(),
                meta.extra()), null);

        List<Matrix.Era> eras = m.eras();
        assertEquals(2, eras.size());
        assertEquals(List.of("R2", "R7"), eras.get(0).scenarios().stream().map(ScenarioInfo::id).toList());
        assertEquals(List.of("legacy", "mainline-2.6.36", "dropin-test", "thrower"),
                eras.get(0).policies().stream().map(PolicyInfo::id).toList());
        assertEquals(List.of("v6-cve"), eras.get(1).scenarios().stream().map(ScenarioInfo::id).toList());
        assertEquals(List.of("bypass-v4.15"), eras.get(1).policies().stream().map(PolicyInfo::id).toList());
        String md = MarkdownReport.render(m);
        assertTrue(md.contains("### v6 era\n\n| scenario | bypass-v4.15 |"), md);
        assertTrue(!HtmlReport.render(m).contains("another kernel era"), "no not-applicable cell is drawn");
    }

    private static PairResult notApplicable(String policy, String scenario) {
        return new PairResult(policy, scenario, "", Verdict.NOT_APPLICABLE, List.of(), null, "another era", true, 0, 0,
                0, true, 0, null);
    }

    @Test
    void versionsCompareByNumber() {
        assertTrue(Matrix.compareVersions("v2.6.9", "v2.6.36") < 0);
        assertTrue(Matrix.compareVersions("v2.6.36", "v3.0") < 0);
        assertTrue(Matrix.compareVersions("", "v2.6.35") < 0);
        assertEquals(0, Matrix.compareVersions("v2.6.36", "v2.6.36"));
    }

    @Test
    void theReportsFollowTheHistoryOrder() {
        Matrix m = ReportFixtures.matrix();
        assertEquals(List.of("legacy", "mainline-2.6.36", "dropin-test", "thrower"),
                m.policies().stream().map(PolicyInfo::id).toList());
    }
}
