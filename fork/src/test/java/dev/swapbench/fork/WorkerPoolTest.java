package dev.swapbench.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.scenarios.ScenarioLoader;
import dev.swapbench.spi.SwapFaultPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Worker JVMs give the same results as checking in process, for any number of workers, in job order. */
class WorkerPoolTest {
    private static final PolicyCatalog BUILT_IN = PolicyCatalog.load(WorkerPoolTest.class.getClassLoader());
    private static final Set<String> SCENARIOS = Set.of("R2", "R5", "R6-v2.6.36", "swapoff-quiet", "fork-then-cow");

    @Test
    void resultsAreTheSameInProcessAndWithOneOrTwoWorkers() {
        List<WorkerJob> jobs = new ArrayList<>();
        List<PairResult> inProcess = new ArrayList<>();
        for (Scenario s : ScenarioLoader.builtIn(BUILT_IN.policies().keySet())) {
            if (!SCENARIOS.contains(s.id())) {
                continue;
            }
            for (SwapFaultPolicy p : BUILT_IN.sorted()) {
                jobs.add(new WorkerJob(p.id(), null, PairChecker.baselineOf(p), s, PairChecker.KEEP_SCENARIO_BOUND,
                        null));
                inProcess.add(untimed(PairChecker.check(p, s, PairChecker.KEEP_SCENARIO_BOUND)));
            }
        }
        assertNotEquals(0, jobs.size());
        for (int workers : new int[] {1, 2}) {
            WorkerPool pool = new WorkerPool(workers, List.of("-Xmx256m"),
                    WorkerPool.classPathOf(getClass().getClassLoader()), Duration.ofMinutes(5), Duration.ofSeconds(10));
            List<PairResult> forked = pool.run(jobs, new WorkerPool.Listener() { });
            assertEquals(inProcess, forked.stream().map(WorkerPoolTest::untimed).toList(), workers + " workers");
        }
    }

    static PairResult untimed(PairResult r) {
        return new PairResult(r.policy(), r.scenario(), r.baseline(), r.verdict(), r.violations(), r.expected(),
                r.reason(), r.asExpected(), r.states(), r.transitions(), 0, r.complete(), r.maxPreemptions(),
                r.error());
    }
}
