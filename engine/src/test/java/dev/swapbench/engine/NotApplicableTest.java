package dev.swapbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.v6.Bypass415;
import org.junit.jupiter.api.Test;

/** A policy and a scenario of different kernel eras make a pair that is not explored and judges nothing. */
class NotApplicableTest {

    @Test
    void aTwoThousandTenPolicyOnAV6ScenarioIsNotApplicable() {
        PairResult r = PairChecker.check(new Legacy(), Scenarios.skipSwapcacheRace(false),
                PairChecker.KEEP_SCENARIO_BOUND);
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
        assertEquals("policy legacy is written for the v2.6 era, scenario skip-swapcache-race for the v6 era",
                r.reason());
        assertTrue(r.asExpected());
        assertFalse(r.judged());
        assertEquals(0, r.states());
        assertTrue(r.violations().isEmpty());
    }

    @Test
    void aV6PolicyOnATwoThousandTenScenarioIsNotApplicable() {
        PairResult r = PairChecker.check(new Bypass415(), Scenarios.r2(), PairChecker.KEEP_SCENARIO_BOUND);
        assertEquals(Verdict.NOT_APPLICABLE, r.verdict());
        assertEquals("v6", r.baseline());
        assertTrue(r.error() == null);
    }

    @Test
    void theVerdictHasAPublicId() {
        assertEquals(Verdict.NOT_APPLICABLE, Verdict.byId("not-applicable"));
    }
}
