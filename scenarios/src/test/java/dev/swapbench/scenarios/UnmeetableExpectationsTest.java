package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnmeetableExpectationsTest {
    private static final String BASE = """
            id: u
            title: "unmeetable expectations"
            provenance: {kind: derived, ref: test, notes: ""}
            kernel:
              debug_vm: DEBUG
            memory:
              frames: 2
              swap_slots: 1
              mms:
                - id: mm
                  MEMCG
                  ptes:
                    - {address: 0, swap: 1}
              slots:
                - {slot: 1, data: 3}
            threads:
              - {id: A, mm: mm, daemon: DAEMON, actions: [read 0]}
            expect:
              legacy: {checks: [CHECKS], reason: "x"}
            """;

    private static List<String> problems(String debugVm, String memcg, String daemon, String checks)
            throws ScenarioException {
        String yaml = BASE.replace("DEBUG", debugVm).replace("MEMCG", memcg).replace("DAEMON", daemon)
                .replace("CHECKS", checks);
        return UnmeetableExpectations.of(ScenarioLoader.parse(yaml, "u.yaml", null), "u.yaml");
    }

    @Test
    void eachRuleFiresOnlyWhereTheScenarioRulesTheCheckOut() throws ScenarioException {
        assertEquals(List.of("u.yaml:19:1: the expectation for legacy can never be met: memcg-drift needs a memcg, "
                + "and no mm names one (memcg is not modelled)"), problems("true", "", "false", "memcg-drift"));
        assertEquals(List.of(), problems("true", "memcg: cg", "false", "memcg-drift"));
        assertEquals(1, problems("true", "", "true", "deadlock").size());
        assertEquals(List.of(), problems("true", "", "false", "deadlock"));
        assertEquals(1, problems("false", "", "false", "anon-rmap:bug").size());
        assertEquals(List.of(), problems("true", "", "false", "anon-rmap:bug"));
        assertEquals(List.of(), problems("false", "", "false", "anon-rmap:unfindable-permanent"));
    }

    @Test
    void theCorpusHasNone() {
        for (var s : CorpusResults.scenarios()) {
            assertEquals(List.of(), UnmeetableExpectations.of(s, s.origin()), s.id());
        }
    }
}
