package dev.swapbench.junit;

/**
 * A pair whose verdict differs from its expectation (or regressed against the baseline), or a discovery problem.
 * The message says everything; a stack trace would only point into the engine, so there is none.
 */
public final class SwapbenchFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public SwapbenchFailure(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
