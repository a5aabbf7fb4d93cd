package dev.swapbench.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page allocated during a run is named by what its allocator does with it: the copy ksm_does_need_to_copy makes
 * (v2.6.36 mm/ksm.c: copied, then at once marked dirty) is a "KSM copy", never a do_wp_page "COW copy".
 */
class PageNamesCorpusTest {

    @Test
    void theCopyKsmDoesNeedToCopyMakesIsNamedAKsmCopy() {
        List<String> ksmCopies = new ArrayList<>();
        for (Scenario s : CorpusResults.scenarios()) {
            for (SwapFaultPolicy p : CorpusResults.policiesFor(s)) {
                PairResult r = CorpusResults.result(p, s);
                for (Counterexample c : r.violations()) {
                    List<TraceStep> steps = c.steps();
                    for (int i = 0; i < steps.size(); i++) {
                        TraceStep copy = steps.get(i);
                        if (!copy.function().equals("copy_user_highpage")) {
                            continue;
                        }
                        String target = copy.call().substring(0, copy.call().indexOf(" <- "));
                        boolean dirtiedAtOnce = steps.stream().skip(i + 1)
                                .filter(t -> t.thread().equals(copy.thread())).findFirst()
                                .map(t -> t.function().equals("SetPageDirty") && t.call().equals(target))
                                .orElse(false);
                        String where = p.id() + " x " + s.id() + " step " + copy.index() + ": " + copy.render();
                        assertTrue(dirtiedAtOnce == target.contains("KSM copy"), where);
                        assertFalse(dirtiedAtOnce && target.contains("COW copy"), where);
                        if (dirtiedAtOnce) {
                            ksmCopies.add(where);
                        }
                    }
                }
            }
        }
        assertFalse(ksmCopies.isEmpty(), "no corpus counterexample runs ksm_does_need_to_copy");
        System.out.println("KSM copies named: " + ksmCopies);
    }
}
