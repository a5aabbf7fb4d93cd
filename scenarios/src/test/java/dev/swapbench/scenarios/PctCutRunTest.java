package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.Pct;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.scenarios.faulty.FaultyFolioPolicies;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.engine.run.PolicyCatalog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PCT against a policy whose fault can spin forever (polite-backoff on its livelock scenario): a run cut at the move
 * cap is counted, and its length does not become k, so the later runs keep their change points among the moves of
 * runs that ended by themselves.
 */
class PctCutRunTest {

    @Test
    void aRunCutAtTheMoveCapDoesNotBecomeK() throws Exception {
        SwapFaultPolicy backoff = FaultyFolioPolicies.all().stream()
                .filter(p -> p.id().equals("polite-backoff")).findFirst().orElseThrow();
        Path file = Path.of(PctCutRunTest.class.getResource("checks/check-livelock-polite-backoff.yaml").toURI());
        Set<String> ids = new HashSet<>(Set.of(backoff.id()));
        PolicyCatalog.load(PctCutRunTest.class.getClassLoader()).sorted().forEach(p -> ids.add(p.id()));
        Scenario s = ScenarioLoader.load(file, ids);
        Pct.Outcome o = Pct.run(s, backoff, 2, 40, 1, null);
        assertEquals(40, o.runs());
        assertTrue(o.cutRuns() > 0, "some run spins until the cap: " + o);
        assertTrue(o.cutRuns() < o.runs(), "some run ends by itself: " + o);
        assertTrue(o.longestRun() < Pct.MAX_MOVES, "k is the longest run that ended, not the cap: " + o);
    }
}
