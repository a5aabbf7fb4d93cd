package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken inputs: each must fail with exactly this message, line and column. */
class ScenarioErrorsTest {
    /** Policy ids given to the loader in these tests. */
    static final Set<String> POLICIES = Set.of("legacy", "mainline-2.6.36");

    /** The valid scenario the broken ones are variations of. */
    static final String HEAD = """
            id: T
            title: "t"
            provenance: {kind: derived, ref: "test"}
            """;

    static final String V6_HEAD = """
            id: T
            title: "t"
            era: v6
            provenance: {kind: derived, ref: "test"}
            """;

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("yaml syntax", HEAD + """
                        memory: {frames: 1
                        """,
                        "t.yaml:5:1: YAML syntax error: expected ',' or '}', but got <stream end>"
                                + " (while parsing a flow mapping at line 4, column 9)"),
                Arguments.of("mapping value in a plain scalar", """
                        id: T
                        title: a: b
                        """,
                        "t.yaml:2:9: YAML syntax error: mapping values are not allowed here"),
                Arguments.of("two documents", """
                        id: T
                        ---
                        id: U
                        """,
                        "t.yaml:2:1: YAML syntax error: expected a single document in the stream,"
                                + " but found another document"),
                Arguments.of("control character", """
                        id: T
                        title: "a\u0001b"
                        """,
                        "t.yaml:2:10: YAML error: special characters are not allowed (U+0001); write such"
                                + " characters as escapes in a double-quoted string"),
                Arguments.of("non-scalar key", """
                        id: T
                        ? [a]
                        : 1
                        """,
                        "t.yaml:2:3: expected a plain key in the scenario, got a list"),
                Arguments.of("empty file", "# nothing here\n",
                        "t.yaml:1:1: the file holds no YAML document; expected a map with the keys id, title,"
                                + " era, provenance, kernel, memory, threads, bounds, expect"),
                Arguments.of("top level is a list", "- id: T\n",
                        "t.yaml:1:1: expected a map at the top of the file with the keys id, title, era, provenance,"
                                + " kernel, memory, threads, bounds, expect, got a list"),
                Arguments.of("unknown key in a thread", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                        threads:
                          - id: A
                            mm: parent
                            thread: parent
                            actions: [read 0]
                        """,
                        "t.yaml:12:5: unknown key 'thread' in a thread; expected one of: id, mm, daemon, actions"),
                Arguments.of("unknown top-level key", HEAD + """
                        memroy: {}
                        """,
                        "t.yaml:4:1: unknown key 'memroy' in the scenario; expected one of: id, title, era, provenance,"
                                + " kernel, memory, threads, bounds, expect"),
                Arguments.of("missing memory", HEAD + """
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:1:1: missing required key 'memory' in the scenario"),
                Arguments.of("missing frames", HEAD + """
                        memory:
                          swap_slots: 1
                          mms: [{id: m}]
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:5:3: missing required key 'frames' in memory"),
                Arguments.of("missing ref", """
                        id: T
                        title: "t"
                        provenance:
                          kind: commit
                        """,
                        "t.yaml:4:3: missing required key 'ref' in provenance"),
                Arguments.of("frames not an integer", HEAD + """
                        memory:
                          frames: four
                        """,
                        "t.yaml:5:11: expected an integer for 'frames', got 'four'"),
                Arguments.of("frames quoted", HEAD + """
                        memory:
                          frames: "2"
                        """,
                        "t.yaml:5:11: expected an integer for 'frames', got the quoted string \"2\""),
                Arguments.of("frames zero", HEAD + """
                        memory:
                          frames: 0
                        """,
                        "t.yaml:5:11: 'frames' must be >= 1, got 0"),
                Arguments.of("max_states not an integer", HEAD + minimalMemoryAndThreads() + """
                        bounds:
                          max_states: 1.5e6
                        """,
                        "t.yaml:12:15: expected an integer for 'max_states', got '1.5e6'"),
                Arguments.of("max_preemptions below -1", HEAD + minimalMemoryAndThreads() + """
                        bounds: {max_preemptions: -2}
                        """,
                        "t.yaml:11:27: 'max_preemptions' must be >= -1, got -2"),
                Arguments.of("step_budget too large", HEAD + minimalMemoryAndThreads() + """
                        bounds: {step_budget: 3000000000}
                        """,
                        "t.yaml:11:23: 'step_budget' must be <= 2147483647, got 3000000000"),
                Arguments.of("boolean as yes", HEAD + """
                        kernel:
                          debug_vm: yes
                        """,
                        "t.yaml:5:13: expected true or false for 'debug_vm', got 'yes'"),
                Arguments.of("mms not a list", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms: parent
                        """,
                        "t.yaml:7:8: expected a list for 'mms', got 'parent'"),
                Arguments.of("empty thread list", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads: []
                        """,
                        "t.yaml:5:10: 'threads' must not be empty; expected at least one thread"),
                Arguments.of("duplicate map key", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          frames: 2
                        """,
                        "t.yaml:7:3: duplicate key 'frames' in memory (first at line 5, column 3)"),
                Arguments.of("duplicate policy key", HEAD + minimalMemoryAndThreads() + """
                        expect:
                          legacy: {checks: [], reason: "ok"}
                          legacy: {checks: [deadlock], reason: "hangs"}
                        """,
                        "t.yaml:13:3: duplicate key 'legacy' in expect (first at line 12, column 3)"),
                Arguments.of("invalid scenario id", """
                        id: "R 2"
                        """,
                        "t.yaml:1:5: invalid scenario id 'R 2'; expected letters, digits, '.', '_' or '-'"),
                Arguments.of("unknown provenance kind", """
                        id: T
                        title: t
                        provenance: {kind: url, ref: x}
                        """,
                        "t.yaml:3:20: unknown provenance kind 'url'; expected one of: message-id, commit, derived"),
                Arguments.of("unknown slot allocation", HEAD + """
                        kernel: {slot_allocation: highest-first}
                        """,
                        "t.yaml:4:27: unknown slot_allocation 'highest-first'; expected one of: any, lowest-first"),
                Arguments.of("unknown baseline", HEAD + """
                        kernel: {baseline: v2.6.37}
                        """,
                        "t.yaml:4:20: unknown baseline 'v2.6.37'; expected one of: v2.6.35, v2.6.36"
                                + " (or leave it out: each policy uses its own)"),
                Arguments.of("duplicate mm id", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                            - id: parent
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:9:11: duplicate mm id 'parent' (first declared at line 8, column 11)"),
                Arguments.of("duplicate page id", HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms: [{id: m}]
                          pages:
                            - {id: P}
                            - {id: P, data: 1}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:12: duplicate page id 'P' (first declared at line 9, column 12)"),
                Arguments.of("duplicate thread id", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads:
                          - {id: A, actions: [reclaim]}
                          - {id: A, actions: [swapoff]}
                        """,
                        "t.yaml:7:10: duplicate thread id 'A' (first declared at line 6, column 10)"),
                Arguments.of("unknown check id", HEAD + minimalMemoryAndThreads() + """
                        expect:
                          legacy:
                            checks: [stale-mapping, lost-write]
                            reason: "x"
                        """,
                        "t.yaml:13:29: unknown check id 'lost-write'; expected one of: stale-mapping, anon-rmap,"
                                + " memcg-drift, kernel-bug, deadlock, livelock"),
                Arguments.of("unknown era", "id: T\ntitle: x\nera: v5\n", "t.yaml:3:6: unknown era 'v5'; expected one of:"
                        + " v2.6, v6 (or leave it out: the 2010 era, v2.6)"),
                Arguments.of("v6 knob in a 2010 scenario", HEAD + """
                        kernel:
                          synchronous_io: true
                        """ + minimalMemoryAndThreads(),
                        "t.yaml:5:19: 'synchronous_io' is a knob of the v6 era; add 'era: v6' at the top of the scenario"),
                Arguments.of("unknown memcg_charge_failure", HEAD + """
                        kernel:
                          memcg_charge_failure: sometimes
                        """ + minimalMemoryAndThreads(),
                        "t.yaml:5:25: unknown memcg_charge_failure 'sometimes'; expected one of: none, bypass, enomem"),
                Arguments.of("memcg_charge_failure without a memcg", HEAD + """
                        kernel:
                          memcg_charge_failure: bypass
                        """ + minimalMemoryAndThreads(),
                        "t.yaml:5:25: 'memcg_charge_failure' has no effect here: no mm names a memcg, so memcg is not"
                                + " modelled; give an mm a 'memcg' or leave the knob out"),
                Arguments.of("memcg_charge_failure in a v6 scenario", V6_HEAD + """
                        kernel:
                          memcg_charge_failure: enomem
                        """ + minimalMemoryAndThreads(),
                        "t.yaml:6:25: 'memcg_charge_failure' is not modelled in the v6 era (it has no fork, KSM"
                                + " or rmap world); see docs/v6-era.md"),
                Arguments.of("action the v6 era does not model", V6_HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms:
                            - id: mm
                        threads:
                          - {id: A, mm: mm, actions: [madv_dontneed 0]}
                        """,
                        "t.yaml:11:31: action 'madv_dontneed' is not modelled in the v6 era; a v6 thread can read ADDR,"
                                + " write ADDR, reclaim, swapoff or exit"),
                Arguments.of("v6 zap knob in a 2010 scenario", HEAD + """
                        kernel:
                          zap_gets_swap_device: false
                        """ + minimalMemoryAndThreads(),
                        "t.yaml:5:25: 'zap_gets_swap_device' is a knob of the v6 era; add 'era: v6' at the top of the"
                                + " scenario"),
                Arguments.of("v6 exit that is not the last action", V6_HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms:
                            - id: mm
                        threads:
                          - {id: Z, mm: mm, actions: [exit, read 0]}
                        """,
                        "t.yaml:11:5: thread Z: in the v6 era 'exit' ends mm mm and must be the thread's last action"),
                Arguments.of("v6 exit of an mm another thread uses", V6_HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms:
                            - id: mm
                        threads:
                          - {id: A, mm: mm, actions: [read 0]}
                          - {id: Z, mm: mm, actions: [exit]}
                        """,
                        "t.yaml:12:5: threads A and Z share mm mm, which one of them exits; in the v6 era an exiting mm"
                                + " has one thread"),
                Arguments.of("2010 key in a v6 scenario", V6_HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms:
                            - id: mm
                              pgoff: 3
                        threads:
                          - {id: A, mm: mm, actions: [read 0]}
                        """,
                        "t.yaml:10:14: 'pgoff' is not modelled in the v6 era (it has no fork, KSM or rmap"
                                + " world); see docs/v6-era.md"),
                Arguments.of("unknown policy id", HEAD + minimalMemoryAndThreads() + """
                        expect:
                          andrea: {checks: [], reason: "x"}
                        """,
                        "t.yaml:12:3: unknown policy id 'andrea' in 'expect'; expected one of: legacy,"
                                + " mainline-2.6.36"),
                Arguments.of("unknown key in an expectation", HEAD + minimalMemoryAndThreads() + """
                        expect:
                          legacy: {check: [], reason: "x"}
                        """,
                        "t.yaml:12:12: unknown key 'check' in the expectation for legacy; expected one of:"
                                + " checks, reason"),
                Arguments.of("two-line reason", HEAD + minimalMemoryAndThreads() + """
                        expect:
                          legacy: {checks: [], reason: "a\\nb"}
                        """,
                        "t.yaml:12:32: 'reason' must be one line"),
                Arguments.of("pte slot out of range", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 2
                          mms:
                            - id: parent
                              ptes:
                                - {address: 0, swap: 3}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:30: swap slot 3 is outside 1..2 (swap_slots: 2; offset 0 is the swap header)"),
                Arguments.of("pte page undeclared", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                              ptes:
                                - {address: 0, page: Q}
                          pages: [{id: P}]
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:30: page 'Q' is not a declared page; declared pages: P"),
                Arguments.of("pte with swap and page", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                              ptes:
                                - {address: 0, swap: 0, page: P}
                        """,
                        "t.yaml:10:33: a pte has both 'swap' and 'page'; expected exactly one: {address: A, swap:"
                                + " SLOT} for a swap pte or {address: A, page: ID, writable: BOOL} for a present pte"),
                Arguments.of("pte address outside the vma", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                              ptes:
                                - {address: 5, swap: 0}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:21: address 5 is not covered by mm parent's vma 0..0"),
                Arguments.of("two ptes at one address", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                              vma_start: 2
                              vma_pages: 3
                              ptes:
                                - {address: 3, swap: 1}
                                - {address: 3, page: P, writable: true}
                          pages: [{id: P}]
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:13:21: mm parent has two ptes at address 3 (first at line 12, column 11);"
                                + " a pte holds one thing"),
                Arguments.of("page mapping undeclared", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms: [{id: parent}]
                          pages:
                            - id: P
                              mapping: child
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:16: mapping 'child' is not a declared mm; declared mms: parent"),
                Arguments.of("swap cache slot shared", HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 2
                          mms: [{id: parent}]
                          pages:
                            - {id: P, swapcache: 1}
                            - {id: Q, swapcache: 1}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:10:26: swap slot 1 is the swap cache of two pages: P and Q; a slot has at most one"
                                + " swap cache page"),
                Arguments.of("ksm page with a mapping", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms: [{id: parent}]
                          pages:
                            - {id: K, ksm: true, mapping: parent}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:9:20: page K has ksm: true and a mapping; a KSM page points at its stable node,"
                                + " not an anon_vma: leave out 'mapping' or set ksm: false"),
                Arguments.of("more pages than frames", HEAD + """
                        memory:
                          frames: 2
                          swap_slots: 1
                          mms: [{id: parent}]
                          pages:
                            - {id: P}
                            - {id: Q}
                            - {id: R}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:11:7: memory has 3 pages but only 2 frames; each page takes a frame"
                                + " (raise 'frames' to at least 3)"),
                Arguments.of("thread mm undeclared", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: parent}]}
                        threads:
                          - id: A
                            mm: child
                            actions: [reclaim]
                        """,
                        "t.yaml:7:9: mm 'child' is not a declared mm; declared mms: parent"),
                Arguments.of("forked_from undeclared", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: child
                              forked_from: parent
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:9:20: forked_from 'parent' is not a declared mm; declared mms: child"),
                Arguments.of("forked_from itself", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - {id: a, forked_from: a}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:8:28: mm 'a' cannot be forked_from itself"),
                Arguments.of("fork cycle", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - {id: root}
                            - {id: a, forked_from: c}
                            - {id: b, forked_from: a}
                            - {id: c, forked_from: b}
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:9:28: fork cycle in forked_from: a -> c -> b -> a; every chain of forked_from"
                                + " must end at an mm that is not forked"),
                Arguments.of("born_by_fork without forked_from", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: child
                              born_by_fork: true
                        threads: [{id: A, actions: [reclaim]}]
                        """,
                        "t.yaml:9:21: born_by_fork: true requires forked_from (the mm whose fork creates 'child')"),
                Arguments.of("read outside the vma", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: parent, vma_start: 4, vma_pages: 2}]}
                        threads:
                          - id: A
                            mm: parent
                            actions:
                              - read 4
                              - write 6
                        """,
                        "t.yaml:10:9: address 6 is not covered by mm parent's vma 4..5"),
                Arguments.of("read on a thread without mm", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: parent}]}
                        threads:
                          - id: R
                            actions: [reclaim, read 0]
                        """,
                        "t.yaml:7:24: action 'read' needs a thread with an mm, but thread R has none; add"
                                + " 'mm: ID' to the thread, or use only machine-wide actions (reclaim,"
                                + " try_to_free_swap, swapoff, ksm_merge)"),
                Arguments.of("fork target not born by fork", HEAD + """
                        memory:
                          frames: 1
                          swap_slots: 1
                          mms:
                            - id: parent
                            - {id: child, forked_from: parent}
                        threads:
                          - {id: A, mm: parent, actions: [fork child]}
                        """,
                        "t.yaml:11:35: fork target 'child' must be declared with born_by_fork: true and"
                                + " forked_from: parent"),
                Arguments.of("unknown action", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads:
                          - id: A
                            mm: m
                            actions:
                              - munmap 0
                        """,
                        "t.yaml:9:9: unknown action 'munmap'; expected one of: read ADDR, write ADDR,"
                                + " madv_dontneed ADDR, exit, fork MM, reclaim, try_to_free_swap, swapoff,"
                                + " ksm_merge"),
                Arguments.of("action without its address", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads: [{id: A, mm: m, actions: [write]}]
                        """,
                        "t.yaml:5:36: action 'write' needs an address; expected write ADDR"),
                Arguments.of("action with a word for an address", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads: [{id: A, mm: m, actions: [read zero]}]
                        """,
                        "t.yaml:5:36: expected an integer address in action 'read zero', got 'zero';"
                                + " expected read ADDR"),
                Arguments.of("action with an argument it does not take", HEAD + """
                        memory: {frames: 1, swap_slots: 1, mms: [{id: m}]}
                        threads: [{id: A, actions: [reclaim P]}]
                        """,
                        "t.yaml:5:29: action 'reclaim' takes no argument; expected reclaim"));
    }

    /** Lines 4..10: memory and one thread, valid. */
    static String minimalMemoryAndThreads() {
        return """
                memory:
                  frames: 1
                  swap_slots: 1
                  mms: [{id: m}]
                threads:
                  - id: A
                    actions: [reclaim]
                """;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenInputFailsWithAnExactMessage(String name, String yaml, String message) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "t.yaml", POLICIES), () -> name + ":\n" + yaml);
        assertEquals(message, e.getMessage(), name);
    }
}
