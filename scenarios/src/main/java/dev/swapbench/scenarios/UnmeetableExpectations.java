package dev.swapbench.scenarios;

import dev.swapbench.engine.check.AnonRmapKind;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expectations that no exploration can meet, found without exploring (what {@code swapbench lint} reports). Only
 * what the scenario's own declarations decide:
 * <ul>
 *   <li>{@code memcg-drift} when no mm names a memcg: memcg is then not modelled, so nothing can drift;</li>
 *   <li>{@code deadlock} when every thread is a daemon: a deadlock needs a user thread that has not finished;</li>
 *   <li>{@code anon-rmap:bug} with {@code debug_vm: false}: the rmap BUG_ONs are CONFIG_DEBUG_VM's.</li>
 * </ul>
 * Whether a check can fire on some interleaving otherwise is what the exploration is for, and is not guessed here.
 */
public final class UnmeetableExpectations {
    private UnmeetableExpectations() {
    }

    /** One problem per unmeetable expectation, as {@code ORIGIN:LINE:1: MESSAGE}, in policy order. */
    public static List<String> of(Scenario s, String origin) {
        boolean memcg = s.memory().mms().stream().map(MmSpec::memcg).anyMatch(g -> g != null);
        boolean userThread = s.threads().stream().anyMatch(t -> !t.daemon());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Expectation> e : new TreeMap<>(s.expectations()).entrySet()) {
            Expectation x = e.getValue();
            String at = origin + ":" + Math.max(1, x.line()) + ":1: the expectation for " + e.getKey() + " can never "
                    + "be met: ";
            if (x.checks().contains(CheckId.MEMCG_DRIFT.id()) && !memcg) {
                problems.add(at + "memcg-drift needs a memcg, and no mm names one (memcg is not modelled)");
            }
            if (x.checks().contains(CheckId.DEADLOCK.id()) && !userThread) {
                problems.add(at + "deadlock needs a user thread that has not finished, and every thread is a daemon");
            }
            if (AnonRmapKind.BUG.id().equals(x.anonRmapKind()) && !s.knobs().debugVm()) {
                problems.add(at + "anon-rmap:bug is a CONFIG_DEBUG_VM BUG_ON, and kernel.debug_vm is false");
            }
        }
        return problems;
    }
}
