package dev.swapbench.engine;

import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;

/** A v2.6.36 test policy with only an id: a test overrides doSwapPage with the misbehaviour it needs. */
public abstract class TestPolicy implements SwapFaultPolicy {
    private final String id;

    protected TestPolicy(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "test";
    }

    @Override
    public String source() {
        return "test";
    }

    @Override
    public KernelBaseline baseline() {
        return KernelBaseline.V2_6_36;
    }
}
