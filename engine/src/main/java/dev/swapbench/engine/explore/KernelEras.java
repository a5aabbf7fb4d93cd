package dev.swapbench.engine.explore;

import dev.swapbench.engine.model.KernelModel;
import dev.swapbench.engine.model.Machine;
import dev.swapbench.engine.model.Model26;
import dev.swapbench.engine.model.v6.Era6;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import dev.swapbench.spi.folio.FolioFaultPolicy;

/**
 * The registry of kernel eras: one line per era maps a policy's baseline to the model it runs on, and says which
 * scenario era the policy applies to. A pair from different eras is not explored at all (verdict
 * {@code not-applicable}).
 */
public final class KernelEras {
    private KernelEras() {
    }

    /** The scenario era ({@link Knobs#ERA_2_6} or {@link Knobs#ERA_V6}) a policy is written for. */
    public static String eraOf(SwapFaultPolicy policy) {
        return policy.baseline() == KernelBaseline.V6 ? Knobs.ERA_V6 : Knobs.ERA_2_6;
    }

    /** Whether the policy and the scenario belong to the same kernel era. */
    public static boolean applies(SwapFaultPolicy policy, Scenario scenario) {
        return eraOf(policy).equals(scenario.knobs().era());
    }

    static KernelModel model(Scenario scenario, SwapFaultPolicy policy) {
        if (!applies(policy, scenario)) {
            throw new IllegalArgumentException("policy " + policy.id() + " (era " + eraOf(policy) + ") does not apply "
                    + "to scenario " + scenario.id() + " (era " + scenario.knobs().era() + ")");
        }
        if (policy.baseline() == KernelBaseline.V6) {
            if (!(policy instanceof FolioFaultPolicy folio)) {
                throw new IllegalArgumentException("policy " + policy.id() + " declares baseline v6 but does not "
                        + "implement " + FolioFaultPolicy.class.getName());
            }
            return new Era6(scenario, folio);
        }
        KernelBaseline baseline = scenario.knobs().baseline() != null
                ? KernelBaseline.byTag(scenario.knobs().baseline()) : policy.baseline();
        return new Model26(new Machine(scenario, baseline), policy);
    }
}
