package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
