package dev.swapbench.maven;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Collects the swapbench engine's test results as {@link PairOutcome}s, in execution order. */
final class OutcomeCollector implements TestExecutionListener {
    private final List<PairOutcome> outcomes = new ArrayList<>();
    private final Map<String, List<String>> entries = new HashMap<>();
    private final List<String> engineFailures = new ArrayList<>();

    synchronized List<PairOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Failures of the engine itself or of a policy container (the report could not be written ...). */
    synchronized List<String> engineFailures() {
        return List.copyOf(engineFailures);
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        List<String> l = entries.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>());
        entry.getKeyValuePairs().forEach((k, v) -> l.add(k.equals("swapbench") ? v : k + ": " + v));
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(id, PairOutcome.Status.SKIPPED, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message = result.getThrowable().map(OutcomeCollector::message).orElse(null);
        if (id.isTest()) {
            PairOutcome.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> PairOutcome.Status.PASSED;
                case ABORTED -> PairOutcome.Status.ABORTED;
                case FAILED -> PairOutcome.Status.FAILED;
            };
            add(id, status, message);
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            engineFailures.add(id.getDisplayName() + ": " + (message == null ? result.getStatus() : message));
        }
    }

    private void add(TestIdentifier id, PairOutcome.Status status, String message) {
        UniqueId uid = id.getUniqueIdObject();
        String policy = null;
        String name = id.getDisplayName();
        for (UniqueId.Segment s : uid.getSegments()) {
            if (s.getType().equals("policy")) {
                policy = s.getValue();
            } else if (s.getType().equals("scenario")) {
                name = s.getValue();
            }
        }
        outcomes.add(new PairOutcome(policy, name, status, message,
                entries.getOrDefault(id.getUniqueId(), List.of())));
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m != null && !m.isBlank() && t instanceof AssertionError) {
            return m;
        }
        // an unexpected exception: its class matters
        return t + (t.getCause() != null ? " (caused by " + t.getCause() + ")" : "");
    }
}
