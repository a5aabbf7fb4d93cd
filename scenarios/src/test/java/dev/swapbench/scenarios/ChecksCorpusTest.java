package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.scenarios.faulty.FaultyFolioPolicies;
import dev.swapbench.scenarios.faulty.FaultyPolicies;
import dev.swapbench.spi.SwapFaultPolicy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks no built-in policy trips (kernel-bug, deadlock, memcg-drift, livelock), each exercised by at least two
 * scenarios against test policies that get one piece of bookkeeping wrong; the built-in policies are clean there.
 */
class ChecksCorpusTest {
    private static final List<SwapFaultPolicy> POLICIES = new ArrayList<>();

    static {
        POLICIES.addAll(PolicyCatalog.load(ChecksCorpusTest.class.getClassLoader()).sorted());
        POLICIES.addAll(FaultyPolicies.all());
        POLICIES.addAll(FaultyFolioPolicies.all());
    }

    private static List<Scenario> scenarios() throws Exception {
        Path dir = Path.of(ChecksCorpusTest.class.getResource("checks").toURI());
        Set<String> ids = new HashSet<>();
        POLICIES.forEach(p -> ids.add(p.id()));
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(ScenarioLoader.load(f, ids));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyPairAsExpected() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : scenarios()) {
            for (SwapFaultPolicy p : POLICIES) {
                if (s.expectationFor(p.id()) == null) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(p.id() + " x " + s.id(), () -> {
                    PairResult r = PairChecker.check(p, s, PairChecker.KEEP_SCENARIO_BOUND);
                    assertTrue(r.asExpected(), p.id() + " x " + s.id() + ": expected " + r.expected() + ", got "
                            + r.violations().stream().map(v -> v.check().id() + ": " + v.message()).toList()
                            + (r.error() == null ? "" : " error " + r.error()));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void eachOfTheseChecksIsExercisedByTwoScenarios() throws Exception {
        Map<CheckId, Integer> count = new EnumMap<>(CheckId.class);
        for (Scenario s : scenarios()) {
            Set<String> fired = new HashSet<>();
            s.expectations().values().forEach(e -> fired.addAll(e.checks()));
            fired.forEach(id -> count.merge(CheckId.byId(id).orElseThrow(), 1, Integer::sum));
        }
        for (CheckId c : List.of(CheckId.KERNEL_BUG, CheckId.DEADLOCK, CheckId.MEMCG_DRIFT, CheckId.LIVELOCK)) {
            assertTrue(count.getOrDefault(c, 0) >= 2, c.id() + " is exercised by " + count.get(c) + " scenario(s)");
        }
        assertEquals(12, scenarios().size());
    }
}
