package dev.swapbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.policies.Legacy;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.policies.Mainline2636;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplorerTest {

    @Test
    void legacyMapsStaleDataInHughsRace() {
        Exploration e = new Explorer(Scenarios.r2(), new Legacy()).run();
        assertEquals(java.util.Set.of(CheckId.STALE_MAPPING), e.violations().keySet());
        Counterexample c = e.violations().get(CheckId.STALE_MAPPING);
        assertTrue(c.message().contains("maps B's swap-in page holding 0, but 1 was written there last"), c.message());
        // the last step is B's set_pte_at of the stale page into the child's pte
        var last = c.steps().get(c.steps().size() - 1);
        assertEquals("B", last.thread());
        assertEquals("set_pte_at", last.function());
        assertEquals(0, e.maxPreemptions());
    }

    @Test
    void pagesAreNamedByScenarioIdOrByWhoAllocatedThem() {
        Counterexample c = new Explorer(Scenarios.r2(), new Legacy()).run().violations().get(CheckId.STALE_MAPPING);
        List<String> lines = c.steps().stream().map(TraceStep::render).toList();
        String trace = String.join("\n", lines);
        // frame 0 holds the page the scenario declares as page1 until reclaim frees it ...
        assertTrue(trace.contains("__remove_mapping(page1) -> freed   | page1 freed"), trace);
        // ... then B's swap-in takes the same frame under a new name, said where it is allocated once
        assertTrue(trace.contains("alloc_page_vma -> B's swap-in page (in read_swap_cache_async)   | B's swap-in page "
                + "allocated"), trace);
        assertTrue(trace.contains("alloc_page_vma -> A's COW copy (in do_wp_page)   | A's COW copy allocated"), trace);
        assertTrue(trace.contains("copy_user_highpage(A's COW copy <- B's swap-in page)"), trace);
        // no frame number is left in the text (frames 0 and 1 are all the trace uses)
        assertFalse(trace.contains("page0") || trace.contains("frame"), trace);
        assertEquals("mm child address 0 maps B's swap-in page holding 0, but 1 was written there last", c.message());
    }

    @Test
    void mainlineIsCleanAndTheSearchCompletes() {
        Exploration e = new Explorer(Scenarios.r2(), new Mainline2636()).run();
        assertTrue(e.violations().isEmpty(), e.violations().toString());
        assertTrue(e.complete());
        assertTrue(e.states() > 1000, "states " + e.states());
    }

    @Test
    void aShorterBoundCoversLessAndSaysSo() {
        var bounded = Scenarios.r2().withBounds(new Bounds(0, 100, 200));
        Exploration e = new Explorer(bounded, new Mainline2636()).run();
        assertFalse(e.complete(), "a 100-state budget cannot cover R2");
        assertEquals(100, e.states());
    }

    @Test
    void breadthFirstGivesTheShortestCounterexample() {
        Counterexample c = new Explorer(Scenarios.r2(), new Legacy()).run().violations().get(CheckId.STALE_MAPPING);
        // no strict prefix of the schedule reaches the violation
        List<String> shorter = c.schedule().subList(0, c.schedule().size() - 1);
        assertEquals(null, new Explorer(Scenarios.r2(), new Legacy()).replay(shorter).violation());
        Explorer.Replay r = new Explorer(Scenarios.r2(), new Legacy()).replay(c.schedule());
        assertNotNull(r.violation());
        assertEquals(c.message(), r.violation().message());
        assertEquals(c.steps(), r.steps());
    }

    @Test
    void sameInputsGiveTheSameCounts() {
        Exploration a = new Explorer(Scenarios.r2(), new Legacy()).run();
        Exploration b = new Explorer(Scenarios.r2(), new Legacy()).run();
        assertEquals(a.states(), b.states());
        assertEquals(a.transitions(), b.transitions());
        assertEquals(a.violations().get(CheckId.STALE_MAPPING).schedule(),
                b.violations().get(CheckId.STALE_MAPPING).schedule());
    }

    @Test
    void replayRejectsAMoveThatIsNotPossible() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Explorer(Scenarios.r2(), new Legacy()).replay(List.of("Z")));
        assertTrue(e.getMessage().contains("names no thread"), e.getMessage());
    }

    @Test
    void aPlainSwapCycleIsCleanUnderEveryBuiltInBaseline() {
        for (var p : new dev.swapbench.spi.SwapFaultPolicy[] {new Legacy(), new Mainline2636()}) {
            Exploration e = new Explorer(Scenarios.sanity(), p).run();
            assertTrue(e.complete());
            assertTrue(e.violations().isEmpty(), p.id() + ": " + e.violations());
        }
    }

    @Test
    void serialModeRunsWholeEpisodesSoHughsRaceCannotHappen() {
        Exploration interleaved = new Explorer(Scenarios.r2(), new Legacy()).run();
        Exploration serial = new Explorer(Scenarios.r2(), new Legacy(), Explorer.Mode.SERIAL).run();
        assertFalse(interleaved.violations().isEmpty());
        assertTrue(serial.violations().isEmpty(), serial.violations().toString());
        assertTrue(serial.complete());
        assertTrue(serial.states() < interleaved.states(), serial.states() + " vs " + interleaved.states());
    }
}
