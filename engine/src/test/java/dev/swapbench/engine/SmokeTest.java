package dev.swapbench.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.Mainline2636;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void r2() {
        for (var p : new dev.swapbench.spi.SwapFaultPolicy[] {new Legacy(), new Mainline2636()}) {
            for (int pb : new int[] {0, 1, 2, 3, -1}) {
                var sc = Scenarios.r2().withBounds(new Bounds(pb, 30_000_000, 200));
                var e = new Explorer(sc, p).run();
                System.out.println(p.id() + " pb=" + pb + ": states=" + e.states() + " tr=" + e.transitions()
                        + " s=" + e.seconds() + " complete=" + e.complete() + " viol=" + e.violations().keySet()
                        + " depth=" + e.depth() + " B/state=" + (double) e.storedBytes() / e.states());
            }
        }
        assertTrue(true);
    }
}
