package dev.swapbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.policies.v6.SwapcachePrepare68;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.folio.FolioFaultPolicy;
import dev.swapbench.spi.folio.FolioKernel;
import org.junit.jupiter.api.Test;

/** The livelock check: a fair cycle with no progress in which a fault keeps retrying. */
class LivelockTest {

    /** A fault that always sleeps a tick and returns without mapping anything: the access retries for ever. */
    static final class AlwaysRetries implements FolioFaultPolicy {
        @Override
        public String id() {
            return "always-retries";
        }

        @Override
        public String description() {
            return "sleeps a tick and returns";
        }

        @Override
        public String source() {
            return "test";
        }

        @Override
        public int doSwapPage(FolioKernel k, Fault vmf) {
            var si = k.getSwapDevice(vmf.origPte().toSwapEntry());
            k.scheduleTimeoutUninterruptible();
            k.putSwapDevice(si);
            return 0;
        }
    }

    @Test
    void aFaultThatNeverMapsLivelocks() {
        Explorer x = new Explorer(Scenarios.v6Loads(1), new AlwaysRetries());
        Exploration e = x.run();
        Counterexample c = e.violations().get(CheckId.LIVELOCK);
        assertNotNull(c, "expected livelock, got " + e.violations().keySet());
        assertTrue(c.message().startsWith("thread A can retry forever"), c.message());
        assertTrue(e.complete());
    }

    @Test
    void aLivelockCounterexampleReplaysToItsCycle() {
        Explorer x = new Explorer(Scenarios.v6Loads(2), new AlwaysRetries());
        Counterexample c = x.run().violations().get(CheckId.LIVELOCK);
        assertNotNull(c);
        Explorer.Replay r = x.replay(c.schedule());
        assertNotNull(r.violation(), "the replayed schedule does not end in its cycle");
        assertEquals(CheckId.LIVELOCK, r.violation().check());
        assertEquals(c.message(), r.violation().message());
    }

    @Test
    void aCycleThatStarvesARunnableThreadIsNotALivelock() {
        // the loser of swapcache_prepare can retry for as long as the winner is not scheduled, but the winner is
        // runnable all along: a fair scheduler runs it, so there is no livelock
        Exploration e = new Explorer(Scenarios.v6Loads(2), new SwapcachePrepare68()).run();
        assertFalse(e.violations().containsKey(CheckId.LIVELOCK), e.violations().toString());
        assertTrue(e.violations().isEmpty(), e.violations().toString());
        assertTrue(e.complete());
    }

    @Test
    void theTwoThousandTenEraIsNotSearchedForLivelocks() {
        Exploration e = new Explorer(Scenarios.sanity(), new dev.swapbench.policies.Mainline2636()).run();
        assertFalse(e.violations().containsKey(CheckId.LIVELOCK));
    }
}
