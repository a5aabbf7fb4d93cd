package dev.swapbench.junit;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * Something found during discovery that must fail the run: a malformed scenario file, a policy that cannot be loaded,
 * an unknown policy id in the filter, a bad configuration value or an unreadable baseline. A test that fails with
 * {@link #message()}.
 */
final class ProblemDescriptor extends AbstractTestDescriptor {
    /** Segment type of a malformed scenario file; its value is the file's path. */
    static final String FILE_SEGMENT = "scenario-file";
    /** Segment type of any other problem. */
    static final String SEGMENT = "problem";

    private final String message;

    ProblemDescriptor(UniqueId id, String displayName, String message, TestSource source) {
        super(id, displayName, source);
        this.message = message;
    }

    String message() {
        return message;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
