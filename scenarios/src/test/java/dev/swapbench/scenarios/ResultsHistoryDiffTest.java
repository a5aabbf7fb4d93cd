package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link ResultsHistoryTest} reads the history file and reports differences (no exploration). */
class ResultsHistoryDiffTest {

    @Test
    void reportsChangedAddedAndRemovedPairs() {
        Map<String, String> recorded = ResultsHistoryTest.parse(List.of(
                "# a comment",
                "",
                "R2 legacy violated stale-mapping states=20085 bound=0 complete",
                "R2 mainline-2.6.36 clean - states=22355 bound=0 complete",
                "old legacy clean - states=5 bound=-1 complete"));
        Map<String, String> now = ResultsHistoryTest.parse(List.of(
                "R2 legacy violated stale-mapping states=20101 bound=0 complete",
                "R2 mainline-2.6.36 clean - states=22355 bound=0 complete",
                "new legacy violated kernel-bug states=7 bound=0 complete"));
        // in key order ("SCENARIO POLICY", String order)
        assertEquals(List.of(
                "  changed: R2 legacy violated stale-mapping states=20085 bound=0 complete\n"
                        + "       ->  R2 legacy violated stale-mapping states=20101 bound=0 complete",
                "  added:   new legacy violated kernel-bug states=7 bound=0 complete",
                "  removed: old legacy clean - states=5 bound=-1 complete"),
                ResultsHistoryTest.differences(recorded, now));
        assertEquals(List.of(), ResultsHistoryTest.differences(recorded, recorded));
    }

    @Test
    void writtenFileReadsBackTheSame() {
        Map<String, String> lines = ResultsHistoryTest.parse(List.of(
                "b p clean - states=1 bound=0 complete", "a p violated stale-mapping,anon-rmap states=2 bound=1 incomplete"));
        String text = ResultsHistoryTest.render(lines);
        assertEquals(lines, ResultsHistoryTest.parse(List.of(text.split("\n"))));
        assertEquals("a p violated stale-mapping,anon-rmap states=2 bound=1 incomplete",
                text.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
    }
}
