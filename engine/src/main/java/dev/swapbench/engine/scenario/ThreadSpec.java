package dev.swapbench.engine.scenario;

import java.util.List;

/**
 * A kernel thread.
 *
 * @param id      name shown in traces (A, B, C, R ...)
 * @param mm      the mm a user thread runs in; null for threads that act on the whole machine
 * @param daemon  true: the action list repeats forever (kswapd-style reclaim, a try_to_free_swap caller);
 *                the scenario is finished when every non-daemon thread is
 * @param actions what the thread does, in order
 * @param line    source line (0 when built in Java)
 */
public record ThreadSpec(String id, String mm, boolean daemon, List<Action> actions, int line) {
    public ThreadSpec {
        actions = List.copyOf(actions);
    }
}
