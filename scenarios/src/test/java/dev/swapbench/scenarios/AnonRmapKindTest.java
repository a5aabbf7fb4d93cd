package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code anon-rmap:KIND} expectations: read, written back, and judged on the kind the explorer reports. */
class AnonRmapKindTest {
    private static final SwapFaultPolicy KSM_FORCED_WRITE = CorpusResults.POLICIES.policies().get("ksm-forced-write");

    private static Scenario corpus(String id) {
        return CorpusResults.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static Scenario expecting(Scenario s, String kind) {
        Expectation e = new Expectation(Set.of("anon-rmap"), "test", 0, kind);
        return new Scenario(s.id(), s.title(), s.provenance(), s.knobs(), s.memory(), s.threads(), s.bounds(),
                Map.of(KSM_FORCED_WRITE.id(), e), s.origin());
    }

    @Test
    void theKindIsReadAndWrittenBack() throws Exception {
        Scenario r6 = corpus("R6-v2.6.36");
        assertEquals("unfindable-permanent", r6.expectationFor("ksm-forced-write").anonRmapKind());
        assertNull(r6.expectationFor("mainline-2.6.36").anonRmapKind());
        Scenario again = ScenarioLoader.parse(ScenarioWriter.toYaml(r6), "again", null);
        assertEquals("unfindable-permanent", again.expectationFor("ksm-forced-write").anonRmapKind());
        assertEquals(Set.of("anon-rmap"), again.expectationFor("ksm-forced-write").checks());
        assertTrue(ScenarioWriter.toYaml(r6).contains("anon-rmap:unfindable-permanent"));
    }

    @Test
    void anUnknownKindNamesTheKindsAndTheLine() {
        String yaml = ScenarioWriter.toYaml(corpus("R6-v2.6.36")).replace("anon-rmap:unfindable-permanent",
                "anon-rmap:forever");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "f.yaml", null));
        assertTrue(e.getMessage().matches("(?s)f\\.yaml:\\d+:\\d+: unknown anon-rmap kind 'forever'; expected one of: "
                + "anon-rmap:bug, anon-rmap:unfindable-transient, anon-rmap:unfindable-permanent.*"), e.getMessage());
    }

    @Test
    void aPairIsJudgedOnTheKind() {
        // R5-nodebug: the window closes when do_wp_page copies; R6-v2.6.36: Y's pte stays unfindable
        PairResult transientAsTransient = PairChecker.check(KSM_FORCED_WRITE,
                expecting(corpus("R5-nodebug"), "unfindable-transient"), PairChecker.KEEP_SCENARIO_BOUND);
        PairResult transientAsPermanent = PairChecker.check(KSM_FORCED_WRITE,
                expecting(corpus("R5-nodebug"), "unfindable-permanent"), PairChecker.KEEP_SCENARIO_BOUND);
        PairResult permanent = PairChecker.check(KSM_FORCED_WRITE,
                expecting(corpus("R6-v2.6.36"), "unfindable-permanent"), PairChecker.KEEP_SCENARIO_BOUND);
        PairResult anyKind = PairChecker.check(KSM_FORCED_WRITE, expecting(corpus("R6-v2.6.36"), null),
                PairChecker.KEEP_SCENARIO_BOUND);
        PairResult bugExpected = PairChecker.check(KSM_FORCED_WRITE, expecting(corpus("R6-v2.6.36"), "bug"),
                PairChecker.KEEP_SCENARIO_BOUND);
        assertTrue(transientAsTransient.asExpected());
        assertFalse(transientAsPermanent.asExpected());
        assertTrue(permanent.asExpected());
        assertTrue(anyKind.asExpected());
        assertFalse(bugExpected.asExpected());
        assertEquals("unfindable-permanent", permanent.violations().get(0).kind());
        assertEquals("bug", PairChecker.check(KSM_FORCED_WRITE, corpus("R5"), PairChecker.KEEP_SCENARIO_BOUND)
                .violations().get(0).kind());
    }
}
