package dev.swapbench.engine.model.v2_6;

import static dev.swapbench.engine.model.Layout.MEMSW;
import static dev.swapbench.engine.model.Layout.PENDING;
import static dev.swapbench.engine.model.Layout.RES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapbench.engine.model.InitialState;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Knobs.MemcgChargeFailure;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.spi.KernelBaseline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mem_cgroup_try_charge_swapin's outcomes under the memcg_charge_failure knob: charge, bypass, -ENOMEM. */
class MemcontrolTest {
    private static final int MM = 0, P = 0;

    /** mm (memcg cg, or none) has swap(1); P is slot 1's swap cache page, unmapped and uncharged. */
    private static Scenario scenario(MemcgChargeFailure failure, String memcg) {
        var mm = new MmSpec("mm", null, false, 0, 1, 0, memcg, List.of(PteSpec.swap(0, 1)), 0);
        var p = new PageSpec("P", 1, 1, null, 0, false, false, 0);
        var threads = List.of(new ThreadSpec("A", "mm", false, List.of(Action.at(Action.Op.READ, 0)), 0));
        var knobs = new Knobs(true, false, true, false, Knobs.SlotAllocation.ANY, null, Knobs.ERA_2_6, false, false,
                false, false, failure);
        return new Scenario("charge", "charge", new Provenance("derived", "test", ""), knobs,
                new Memory(2, 1, List.of(mm), List.of(p), List.of()), threads, Bounds.defaults(), Map.of(),
                "test:charge");
    }

    private static Memcontrol memcontrol(Scenario scenario) {
        return new Memcontrol(new Layout(scenario, KernelBaseline.V2_6_36));
    }

    @Test
    void withoutTheKnobTheChargeHasOneOutcome() {
        Memcontrol m = memcontrol(scenario(MemcgChargeFailure.NONE, "cg"));
        assertEquals(1, m.memCgroupTryChargeSwapinChoices(true));
        assertEquals(1, m.memCgroupTryChargeSwapinChoices(false));
    }

    @Test
    void theBypassIsOfferedToEveryCallerAndEnomemOnlyToOneThatReadsTheReturnValue() {
        Memcontrol bypass = memcontrol(scenario(MemcgChargeFailure.BYPASS, "cg"));
        assertEquals(2, bypass.memCgroupTryChargeSwapinChoices(true));
        assertEquals(2, bypass.memCgroupTryChargeSwapinChoices(false));
        Memcontrol enomem = memcontrol(scenario(MemcgChargeFailure.ENOMEM, "cg"));
        assertEquals(2, enomem.memCgroupTryChargeSwapinChoices(true));
        assertEquals(1, enomem.memCgroupTryChargeSwapinChoices(false), "swapoff's unuse_pte has no -ENOMEM path here");
    }

    @Test
    void withMemcgOffTheKnobChangesNothing() {
        Memcontrol m = memcontrol(scenario(MemcgChargeFailure.ENOMEM, null));
        assertEquals(1, m.memCgroupTryChargeSwapinChoices(true));
        assertEquals(Op26.NULL, m.memCgroupTryChargeSwapin(new int[64], MM, P, true, 0));
    }

    @Test
    void theChargeIsPendingUntilCommit() {
        Scenario sc = scenario(MemcgChargeFailure.ENOMEM, "cg");
        Layout l = new Layout(sc, KernelBaseline.V2_6_36);
        int[] s = InitialState.build(sc, l);
        int cg = l.memcgOf(MM);
        assertEquals(cg, new Memcontrol(l).memCgroupTryChargeSwapin(s, MM, P, true, 0));
        assertEquals(1, l.counter(s, cg, RES));
        assertEquals(2, l.counter(s, cg, MEMSW), "memsw: the slot's record and the new charge");
        assertEquals(1, l.counter(s, cg, PENDING));
    }

    @Test
    void aFailedOrBypassedChargeChargesNothing() {
        for (MemcgChargeFailure failure : List.of(MemcgChargeFailure.BYPASS, MemcgChargeFailure.ENOMEM)) {
            Scenario sc = scenario(failure, "cg");
            Layout l = new Layout(sc, KernelBaseline.V2_6_36);
            int[] s = InitialState.build(sc, l);
            int[] before = s.clone();
            int r = new Memcontrol(l).memCgroupTryChargeSwapin(s, MM, P, true, 1);
            assertEquals(failure == MemcgChargeFailure.ENOMEM ? Op26.CHARGE_ENOMEM : Op26.NULL, r, failure.name());
            assertArrayEquals(before, s, failure + ": no counter, no page_cgroup changes");
        }
    }
}
