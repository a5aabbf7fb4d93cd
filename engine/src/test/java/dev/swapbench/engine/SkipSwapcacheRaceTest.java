package dev.swapbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.policies.v6.Bypass415;
import dev.swapbench.policies.v6.NoBypass;
import dev.swapbench.policies.v6.SwapcachePrepare68;
import dev.swapbench.policies.v6.SwapcacheWait69;
import org.junit.jupiter.api.Test;

/**
 * The CVE-2024-26759 ladder on the v6 model: the bypass without a pin maps stale data, the fixes do not. From the
 * command line: {@code ./swapbench run --policy bypass-v4.15 --scenario v6-CVE-2024-26759} prints
 * {@code VIOLATED (as expected)} with stale-mapping.
 */
class SkipSwapcacheRaceTest {

    @Test
    void bypassWithoutPinMapsTheStaleCopyOnTheReusedEntry() {
        Exploration e = new Explorer(Scenarios.skipSwapcacheRace(false), new Bypass415()).run();
        Counterexample c = e.violations().get(CheckId.STALE_MAPPING);
        assertNotNull(c, "expected stale-mapping, got " + e.violations().keySet());
        assertEquals("mm mm address 0 maps A's new folio holding 1, but 2 was written there last", c.message());
        assertTrue(e.complete());
    }

    @Test
    void onADiscardingDeviceTheLoserCanMapZeros() {
        Exploration e = new Explorer(Scenarios.skipSwapcacheRace(true), new Bypass415()).run();
        Counterexample c = e.violations().get(CheckId.STALE_MAPPING);
        assertNotNull(c);
        assertTrue(c.message().contains("holding 0"), c.message());
    }

    @Test
    void thePinAndTheSwapCacheKeepEveryWrite() {
        for (var p : java.util.List.of(new SwapcachePrepare68(), new SwapcacheWait69(), new NoBypass())) {
            for (boolean discard : new boolean[] {false, true}) {
                Exploration e = new Explorer(Scenarios.skipSwapcacheRace(discard), p).run();
                assertTrue(e.violations().isEmpty(), p.id() + ": " + e.violations());
                assertTrue(e.complete(), p.id());
            }
        }
    }

    @Test
    void theCounterexampleReplaysToTheSameViolation() {
        Explorer x = new Explorer(Scenarios.skipSwapcacheRace(false), new Bypass415());
        Counterexample c = x.run().violations().get(CheckId.STALE_MAPPING);
        Explorer.Replay r = x.replay(c.schedule());
        assertEquals(CheckId.STALE_MAPPING, r.violation().check());
        assertEquals(c.message(), r.violation().message());
        assertEquals(c.steps(), r.steps());
    }
}
