package dev.swapbench.junit;

import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One (policy, scenario) pair: a test. Display name: the scenario id. */
final class PairDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "scenario";

    private final SwapFaultPolicy policy;
    private final Scenario scenario;

    PairDescriptor(UniqueId parent, SwapFaultPolicy policy, Scenario scenario, TestSource source) {
        super(parent.append(SEGMENT, scenario.id()), scenario.id(), source);
        this.policy = policy;
        this.scenario = scenario;
    }

    SwapFaultPolicy policy() {
        return policy;
    }

    Scenario scenario() {
        return scenario;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
