package dev.swapbench.engine.explore;

import java.util.List;

/**
 * One kernel step of a counterexample.
 *
 * @param index    1-based position in the trace
 * @param thread   the thread (or {@code io} for an I/O completion) that took the step
 * @param function the kernel function the step models
 * @param call     its arguments, rendered
 * @param result   what it returned, rendered ("" when nothing worth showing)
 * @param changes  what it changed in the machine
 */
public record TraceStep(int index, String thread, String function, String call, String result, List<String> changes) {
    public TraceStep {
        changes = List.copyOf(changes);
    }

    /** One line: {@code 12 B  lock_page(page1) -> ... | page1 locked}. */
    public String render() {
        String c = function + (call.isEmpty() ? "" : "(" + call + ")") + (result.isEmpty() ? "" : " -> " + result);
        return String.format("%3d  %-3s %s%s", index, thread, c, changes.isEmpty() ? "" : "   | " + String.join(", ", changes));
    }
}
