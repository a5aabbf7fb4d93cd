package dev.swapbench.junit;

import dev.swapbench.spi.SwapFaultPolicy;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** One policy: a container of (policy, scenario) tests. Display name: the policy id. */
final class PolicyDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "policy";

    private final SwapFaultPolicy policy;

    PolicyDescriptor(UniqueId parent, SwapFaultPolicy policy) {
        super(parent.append(SEGMENT, policy.id()), policy.id(), ClassSource.from(policy.getClass()));
        this.policy = policy;
    }

    SwapFaultPolicy policy() {
        return policy;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
