package dev.swapbench.engine.thread;

/**
 * Thread code misbehaved: a policy threw, looped past the step budget, or made a different call on replay
 * (nondeterminism). The message names the policy, the thread, its action and the step.
 */
public final class PolicyFailure extends RuntimeException {
    public PolicyFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
