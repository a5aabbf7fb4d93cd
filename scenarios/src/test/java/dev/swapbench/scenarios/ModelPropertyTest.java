package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.KernelEras;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the model and the explorer over seeded random scenarios. A failure prints the seed (rerun one with
 * {@code -Dswapbench.seed=N}) and the scenario shrunk to the fewest threads and actions that still fail.
 */
class ModelPropertyTest {
    private static final PolicyCatalog POLICIES = PolicyCatalog.load(ModelPropertyTest.class.getClassLoader());
    /** The generators write 2010-era scenarios: the policies of that era. */
    private static final List<SwapFaultPolicy> ERA_2_6 = POLICIES.sorted().stream()
            .filter(p -> KernelEras.eraOf(p).equals(Knobs.ERA_2_6)).toList();

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(1, 61);
    }

    private static void check(long seed, Scenario s, Predicate<Scenario> fails, String property) {
        if (fails.test(s)) {
            Scenario small = ModelGenerator.shrink(s, fails);
            fail(property + " fails for seed " + seed + " (rerun with -Dswapbench.seed=" + seed + "); shrunk to:\n"
                    + ScenarioWriter.toYaml(small));
        }
    }

    /**
     * One thread at a time there is no race, so every variant must keep every invariant: no stale data, no BUG,
     * every reference, swap count and memcg counter accounted for whenever no thread is inside the kernel. The
     * exception is anon-rmap for the two variants without a KSM copy, which need no race to map a foreign ex-KSM
     * page (R5): that is their finding, not the model's.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sequentialRunsKeepEveryInvariant(long seed) {
        Scenario s = ModelGenerator.generate(seed, 1);
        for (SwapFaultPolicy p : ERA_2_6) {
            boolean noKsmCopy = p.id().equals("ksm-forced-write") || p.id().equals("reuse-remap");
            check(seed, s, sc -> {
                Exploration e = new Explorer(sc, p).run();
                var fired = new java.util.HashSet<>(e.violations().keySet());
                if (noKsmCopy) {
                    fired.remove(dev.swapbench.engine.check.CheckId.ANON_RMAP);
                }
                return e.error() != null || !fired.isEmpty() || !e.complete();
            }, "sequential invariants under " + p.id());
        }
    }

    /** Under the fixed kernel a BUG, a leak or a deadlock is a model bug until shown otherwise. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mainlineNeverHitsAKernelBugOrDeadlock(long seed) {
        Scenario s = ModelGenerator.generate(seed, 2 + (int) (seed % 2));
        SwapFaultPolicy mainline = POLICIES.policies().get("mainline-2.6.36");
        check(seed, s, sc -> {
            Exploration e = new Explorer(sc, mainline).run();
            return e.error() != null || !e.violations().isEmpty();
        }, "mainline-2.6.36 clean");
    }

    /** Same inputs, same counts and counterexamples; and every counterexample replays to its violation. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void explorationIsDeterministicAndTracesReplay(long seed) {
        Scenario s = ModelGenerator.generate(seed, 2 + (int) (seed % 2));
        for (SwapFaultPolicy p : ERA_2_6) {
            Exploration a = new Explorer(s, p).run();
            Exploration b = new Explorer(s, p).run();
            assertEquals(a.states(), b.states(), "states, seed " + seed + ", " + p.id());
            assertEquals(a.transitions(), b.transitions(), "transitions, seed " + seed + ", " + p.id());
            assertEquals(a.violations().keySet(), b.violations().keySet(), "checks, seed " + seed);
            for (Counterexample c : a.violations().values()) {
                assertEquals(c.schedule(), b.violations().get(c.check()).schedule(), "schedule, seed " + seed);
                Counterexample r = new Explorer(s, p).replay(c.schedule()).fired().get(c.check());
                assertNotNull(r, "replay of " + c.check().id() + " for seed " + seed + " did not fire it");
                assertEquals(c.schedule(), r.schedule(), "replayed to the last move, seed " + seed);
                assertEquals(c.message(), r.message(), "replayed message, seed " + seed);
            }
        }
    }
}
