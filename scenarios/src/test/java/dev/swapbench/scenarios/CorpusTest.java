package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in policy against every built-in scenario gives the verdict the scenario expects. The pairs are
 * explored through {@link CorpusResults}, which {@link ResultsHistoryTest} shares.
 */
class CorpusTest {

    @TestFactory
    Stream<DynamicTest> everyPairAsExpected() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : CorpusResults.scenarios()) {
            for (SwapFaultPolicy p : CorpusResults.policies()) {
                tests.add(DynamicTest.dynamicTest(p.id() + " x " + s.id(), () -> {
                    PairResult r = CorpusResults.result(p, s);
                    String fired = r.violations().stream().map(v -> v.check().id() + ": " + v.message() + "\n"
                            + String.join("\n", v.steps().stream().map(st -> st.render()).toList())).toList().toString();
                    System.out.printf("%s x %s: %s states=%d %.2fs %s%n", p.id(), s.id(), r.verdict().id(),
                            r.states(), r.seconds(), r.error() == null ? "" : r.error());
                    assertTrue(r.verdict() != Verdict.ERROR, r.error());
                    assertTrue(r.complete() || r.verdict() == Verdict.VIOLATED, "search incomplete");
                    assertTrue(r.asExpected(), "expected " + r.expected() + " but got " + fired);
                }));
            }
        }
        assertEquals(false, tests.isEmpty());
        return tests.stream();
    }
}
