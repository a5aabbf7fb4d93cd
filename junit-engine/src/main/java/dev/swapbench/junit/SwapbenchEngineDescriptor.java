package dev.swapbench.junit;

import dev.swapbench.reports.Baseline;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The engine's root: keeps what discovery learned for the execution. */
final class SwapbenchEngineDescriptor extends EngineDescriptor {
    private final EngineConfig config;
    private Baseline baseline;
    private TestSource source;

    SwapbenchEngineDescriptor(UniqueId uniqueId, EngineConfig config) {
        super(uniqueId, "swapbench");
        this.config = config;
    }

    /**
     * The {@link SwapbenchSuite} class that selected everything. Surefire (3.6) discovers all candidate classes at
     * once and keeps only those named by a {@code ClassSource} or {@code MethodSource} somewhere in the test plan, so
     * the suite class must appear as a source.
     */
    @Override
    public Optional<TestSource> getSource() {
        return Optional.ofNullable(source);
    }

    void source(TestSource s) {
        source = s;
    }

    EngineConfig config() {
        return config;
    }

    /** The baseline report ({@value EngineConfig#BASELINE}), or null without one. */
    Baseline baseline() {
        return baseline;
    }

    void baseline(Baseline b) {
        baseline = b;
    }
}
