package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel search gives exactly the one-thread result: states, transitions, depth, completeness, the checks that
 * fire, their messages and their schedules, whatever the number of workers; also when the search stops early (at
 * the first violation, at the state budget), where the stopping point depends on the order of the merge.
 */
class WorkerCountTest {

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 11);
    }

    private static void assertSame(Exploration one, Exploration many, String what) {
        assertEquals(one.states(), many.states(), "states, " + what);
        assertEquals(one.transitions(), many.transitions(), "transitions, " + what);
        assertEquals(one.depth(), many.depth(), "depth, " + what);
        assertEquals(one.complete(), many.complete(), "complete, " + what);
        assertEquals(one.error(), many.error(), "error, " + what);
        assertEquals(one.violations().keySet(), many.violations().keySet(), "checks, " + what);
        for (Counterexample c : one.violations().values()) {
            Counterexample d = many.violations().get(c.check());
            assertEquals(c.message(), d.message(), "message of " + c.check().id() + ", " + what);
            assertEquals(c.schedule(), d.schedule(), "schedule of " + c.check().id() + ", " + what);
        }
    }

    private static void compare(Scenario s, SwapFaultPolicy p, String what) {
        assertSame(new Explorer(s, p).workers(1).run(), new Explorer(s, p).workers(2).run(), what);
        assertSame(new Explorer(s, p).workers(1).run(true), new Explorer(s, p).workers(3).run(true),
                what + ", stopping at the first violation");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedScenariosGiveTheSameResultForOneAndManyWorkers(long seed) {
        Scenario s = ModelGenerator.generate(seed, 2 + (int) (seed % 2));
        for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
            compare(s, p, "seed " + seed + " (rerun with -Dswapbench.seed=" + seed + "), " + p.id());
        }
    }

    @Test
    void corpusScenariosGiveTheSameResultForOneAndManyWorkers() {
        for (String id : List.of("R2", "R4", "memcg-reuse-before-commit")) {
            Scenario s = CorpusResults.scenarios().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
                compare(s, p, id + ", " + p.id());
            }
        }
    }

    @Test
    void aStateBudgetStopsAtTheSameStateForOneAndManyWorkers() {
        Scenario r2 = CorpusResults.scenarios().stream().filter(x -> x.id().equals("R2-sept")).findFirst()
                .orElseThrow();
        Scenario small = r2.withBounds(new dev.swapbench.engine.scenario.Bounds(r2.bounds().maxPreemptions(), 12_345,
                r2.bounds().stepBudget()));
        for (SwapFaultPolicy p : CorpusResults.policiesFor(small)) {
            Exploration one = new Explorer(small, p).workers(1).run();
            assertTrue(!one.complete() && one.states() == 12_345, p.id() + ": " + one.states());
            assertSame(one, new Explorer(small, p).workers(2).run(), "R2-sept cut at 12,345 states, " + p.id());
        }
    }
}
