package dev.swapbench.engine.scenario;

import java.util.List;
import java.util.Map;

/**
 * One scenario: initial memory, kernel threads and what each policy is expected to do.
 * Built by the YAML loader in the {@code scenarios} module, or in Java by tests and generators.
 *
 * @param id           unique id, e.g. {@code R2}
 * @param title        one line for humans
 * @param provenance   where the race comes from
 * @param knobs        kernel configuration knobs
 * @param memory       initial pages, ptes and swap slots
 * @param threads      kernel threads (users and daemons) in declaration order
 * @param bounds       exploration bounds
 * @param expectations per policy id, the checks expected to fire (an absent policy is not judged)
 * @param origin       file the scenario came from ({@code builtin:R2.yaml} for the corpus), for messages
 */
public record Scenario(
        String id,
        String title,
        Provenance provenance,
        Knobs knobs,
        Memory memory,
        List<ThreadSpec> threads,
        Bounds bounds,
        Map<String, Expectation> expectations,
        String origin) {

    public Scenario {
        threads = List.copyOf(threads);
        expectations = Map.copyOf(expectations);
    }

    /** The expectation for a policy, or null when the scenario does not judge it. */
    public Expectation expectationFor(String policyId) {
        return expectations.get(policyId);
    }

    public Scenario withBounds(Bounds newBounds) {
        return new Scenario(id, title, provenance, knobs, memory, threads, newBounds, expectations, origin);
    }
}
