package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.policies.Mainline2636;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeapGuardTest {

    @Test
    void anAllocationBeyondTheFreeHeapIsRefused() {
        HeapGuard.Exhausted e = assertThrows(HeapGuard.Exhausted.class,
                () -> HeapGuard.require(Runtime.getRuntime().maxMemory(), "hold everything twice"));
        assertTrue(e.getMessage().contains("cannot hold everything twice"), e.getMessage());
    }

    /** A search too big for a 64 MiB heap ends incomplete, saying why, instead of dying of OutOfMemoryError. */
    @Test
    void aSearchTooBigForTheHeapStopsIncompleteWithTheReason() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Big.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the search did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("complete=false") && out.contains("stopped=the heap"), out);
    }

    /** Explores Hugh's race with no preemption bound and no state budget, and prints how it ended. */
    public static final class Big {
        public static void main(String[] args) {
            var r2 = Scenarios.r2();
            var unbounded = r2.withBounds(new dev.swapbench.engine.scenario.Bounds(-1, Long.MAX_VALUE, 200));
            Exploration e = new Explorer(unbounded, new Mainline2636()).workers(2).run();
            System.out.println("states=" + e.states() + " complete=" + e.complete() + " stopped=" + e.stopped());
        }
    }
}
