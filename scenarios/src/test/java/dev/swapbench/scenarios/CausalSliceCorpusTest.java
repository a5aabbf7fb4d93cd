package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.CausalSlice;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds every counterexample of the built-in corpus to what {@link CausalSlice} guarantees: the schedule that runs,
 * in slice order, each slice step's move preceded by its thread's moves not yet run, and drops every thread's moves
 * after its last slice step, replays (every move possible where it is taken) and makes the same check fire with the
 * same message. Also: the slice ends with the violating step, and it is shorter than the trace.
 */
class CausalSliceCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCondensedDiagramReplaysToItsViolation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : CorpusResults.scenarios()) {
            for (SwapFaultPolicy p : CorpusResults.policies()) {
                PairResult r = CorpusResults.result(p, s);
                for (Counterexample c : r.violations()) {
                    tests.add(DynamicTest.dynamicTest(p.id() + " x " + s.id() + " " + c.check().id(),
                            () -> holds(p, s, c)));
                }
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private static void holds(SwapFaultPolicy p, Scenario s, Counterexample c) {
        CausalSlice slice = CausalSlice.of(c);
        List<Integer> kept = slice.indices();
        System.out.printf("%s x %s %s: %d of %d steps%n", p.id(), s.id(), c.check().id(), kept.size(), c.steps().size());
        assertEquals(c.steps().size(), (int) kept.get(kept.size() - 1), "the slice ends with the violating step");
        List<String> condensed = condensedSchedule(p, s, c, new HashSet<>(kept));
        Explorer.Replay replay = new Explorer(s, p).replay(condensed);
        assertNotNull(replay.violation(), "the condensed schedule " + condensed + " fires nothing");
        assertEquals(c.check(), replay.violation().check(), "check fired by " + condensed);
        assertEquals(c.message(), replay.violation().message(), "message of the check fired by " + condensed);
        assertTrue(kept.size() <= c.steps().size());
    }

    /** The test can fail: on legacy x R2, keeping only the violating step (B alone) does not reach the violation. */
    @org.junit.jupiter.api.Test
    void aSliceThatLeavesOutWhatTheViolationDependsOnDoesNotReplay() {
        Scenario s = CorpusResults.scenarios().stream().filter(x -> x.id().equals("R2")).findFirst().orElseThrow();
        SwapFaultPolicy legacy = CorpusResults.POLICIES.policies().get("legacy");
        Counterexample c = CorpusResults.result(legacy, s).violations().get(0);
        List<String> onlyB = condensedSchedule(legacy, s, c, Set.of(c.steps().size()));
        Explorer.Replay replay;
        try {
            replay = new Explorer(s, legacy).replay(onlyB);
        } catch (IllegalArgumentException cannotMove) {
            return;
        }
        assertTrue(replay.violation() == null || !replay.violation().message().equals(c.message()),
                "B alone " + onlyB + " reached " + replay.violation());
    }

    /** The moves of the schedule as the diagram reads: see the class comment. */
    static List<String> condensedSchedule(SwapFaultPolicy p, Scenario s, Counterexample c, Set<Integer> kept) {
        List<String> schedule = c.schedule();
        // the kernel steps each move took: replay each prefix
        int[] lastStep = new int[schedule.size()];
        for (int k = 0; k < schedule.size(); k++) {
            lastStep[k] = new Explorer(s, p).replay(schedule.subList(0, k + 1)).steps().size();
        }
        Map<String, List<String>> pending = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        int first = 1;
        for (int k = 0; k < schedule.size(); k++) {
            String move = schedule.get(k);
            String actor = move.contains(":") ? move.substring(0, move.indexOf(':')) : move;
            boolean inSlice = false;
            for (int step = first; step <= lastStep[k]; step++) {
                inSlice |= kept.contains(step);
            }
            first = lastStep[k] + 1;
            List<String> waiting = pending.computeIfAbsent(actor, a -> new ArrayList<>());
            if (!inSlice) {
                waiting.add(move);
                continue;
            }
            out.addAll(waiting);
            waiting.clear();
            out.add(move);
        }
        return out;
    }
}
