package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.Mainline2636;
import org.junit.jupiter.api.Test;

class PctTest {

    /**
     * From the command line: {@code swapbench run --mode pct --runs 2000 --depth 3 --seed 7 --policy legacy
     * --scenario R2} prints {@code legacy × R2: VIOLATED} and "stale-mapping failed 3 of 2000 runs".
     */
    @Test
    void randomSchedulesFindHughsRaceInLegacyAndTheFailingScheduleReplays() {
        Pct.Outcome o = Pct.run(Scenarios.r2(), new Legacy(), 3, 2000, 7, null);
        Counterexample c = o.exploration().violations().get(CheckId.STALE_MAPPING);
        assertNotNull(c, "no run of 2000 failed: " + o.failing());
        assertTrue(o.failing().get(CheckId.STALE_MAPPING) >= 1);
        assertFalse(o.exploration().complete(), "random runs prove nothing clean");
        Explorer.Replay r = new Explorer(Scenarios.r2(), new Legacy()).replay(c.schedule());
        assertNotNull(r.violation(), "the failing schedule does not replay to a violation");
        assertEquals(CheckId.STALE_MAPPING, r.violation().check());
        assertEquals(c.message(), r.violation().message());
    }

    @Test
    void theSameSeedGivesTheSameRuns() {
        Pct.Outcome a = Pct.run(Scenarios.r2(), new Legacy(), 2, 300, 11, null);
        Pct.Outcome b = Pct.run(Scenarios.r2(), new Legacy(), 2, 300, 11, null);
        assertEquals(a.failing(), b.failing());
        assertEquals(a.exploration().transitions(), b.exploration().transitions());
        for (var e : a.exploration().violations().entrySet()) {
            assertEquals(e.getValue().schedule(), b.exploration().violations().get(e.getKey()).schedule());
        }
    }

    @Test
    void theFixedKernelFailsNoRun() {
        Pct.Outcome o = Pct.run(Scenarios.r2(), new Mainline2636(), 3, 500, 7, null);
        assertTrue(o.exploration().violations().isEmpty(), o.failing().toString());
        assertEquals(500, o.runs());
    }
}
