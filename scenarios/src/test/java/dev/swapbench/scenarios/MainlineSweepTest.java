package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mainline sweep (issue 9): generated scenarios under mainline-2.6.36, the fixed kernel, at preemption bound 1.
 * Every check that fires is triaged by hand: a model bug, or a real v2.6.36 behaviour (the kernel had later fixes)
 * kept in the corpus with its evidence. Too slow for every build; run it with
 * {@code mvn -B -ntp -pl scenarios -am test -Dtest=MainlineSweepTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dswapbench.sweep=200} (seeds 1..200; {@code -Dswapbench.seed=N} for one). A failure prints the seed and the
 * scenario shrunk to the fewest threads and actions that still fire the same check.
 */
@EnabledIfSystemProperty(named = "swapbench.sweep", matches = "\\d+")
class MainlineSweepTest {
    private static final SwapFaultPolicy MAINLINE = CorpusResults.POLICIES.policies().get("mainline-2.6.36");

    static LongStream seeds() {
        String one = System.getProperty("swapbench.seed");
        return one != null ? LongStream.of(Long.parseLong(one))
                : LongStream.rangeClosed(1, Long.parseLong(System.getProperty("swapbench.sweep", "0")));
    }

    private static Scenario atBoundOne(Scenario s) {
        return s.withBounds(new Bounds(1, 2_000_000, s.bounds().stepBudget()));
    }

    private static Map<CheckId, Counterexample> fired(Scenario s) {
        Exploration e = new Explorer(s, MAINLINE).run();
        if (e.error() != null) {
            throw new AssertionError("mainline-2.6.36 on " + s.id() + ": " + e.error());
        }
        return e.violations();
    }

    private static void sweep(long seed, Scenario s) {
        Map<CheckId, Counterexample> found = fired(s);
        List<String> report = new ArrayList<>();
        for (CheckId check : found.keySet()) {
            Predicate<Scenario> still = c -> fired(c).containsKey(check);
            Scenario small = ModelGenerator.shrink(s, still);
            Counterexample c = fired(small).get(check);
            report.add(check.id() + ": " + c.message() + "\n  schedule: " + String.join(" ", c.schedule())
                    + "\nscenario (shrunk):\n" + ScenarioWriter.toYaml(small));
        }
        if (!report.isEmpty()) {
            fail("mainline-2.6.36 at bound 1, seed " + seed + " (rerun with -Dswapbench.sweep=1 -Dswapbench.seed="
                    + seed + "): triage each\n" + String.join("\n", report));
        }
    }

    @ParameterizedTest(name = "episodes, seed {0}")
    @MethodSource("seeds")
    void episodeScenarios(long seed) {
        sweep(seed, atBoundOne(ModelGenerator.generateEpisodes(seed)));
    }

    @ParameterizedTest(name = "model scenarios, seed {0}")
    @MethodSource("seeds")
    void modelScenarios(long seed) {
        sweep(seed, atBoundOne(ModelGenerator.generate(seed, 2 + (int) (seed % 2))));
    }
}
