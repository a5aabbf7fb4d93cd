package dev.swapbench.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapbench.engine.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One pair for a worker to check: an explicit value that writes itself as one line of JSON and reads itself back
 * from it in the same field order (jcstress's {@code ForkedTestConfig}).
 *
 * @param policy         the policy id
 * @param jar            the jar the policy comes from (loaded in its own class loader), or null for the worker's
 *                       class path
 * @param baseline       the policy's kernel baseline tag, for the error result of a worker that dies (null: unknown)
 * @param scenario       the scenario, whole (the worker reads no file)
 * @param maxPreemptions the preemption bound, as {@code PairChecker.check} takes it
 * @param timeLimit      the search's time limit, or null for none
 */
public record WorkerJob(String policy, Path jar, String baseline, Scenario scenario, int maxPreemptions,
                        Duration timeLimit) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The job as one line of JSON. */
    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("policy", policy);
        n.put("jar", jar == null ? null : jar.toAbsolutePath().toString());
        n.put("baseline", baseline);
        n.set("scenario", MAPPER.valueToTree(scenario));
        n.put("maxPreemptions", maxPreemptions);
        if (timeLimit == null) {
            n.putNull("timeLimitNanos");
        } else {
            n.put("timeLimitNanos", timeLimit.toNanos());
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #toJson} wrote. */
    public static WorkerJob fromJson(String line) throws IOException {
        JsonNode n = MAPPER.readTree(line);
        JsonNode jar = n.get("jar");
        JsonNode limit = n.get("timeLimitNanos");
        return new WorkerJob(n.get("policy").textValue(), jar.isNull() ? null : Path.of(jar.textValue()),
                n.get("baseline").textValue(), MAPPER.treeToValue(n.get("scenario"), Scenario.class),
                n.get("maxPreemptions").intValue(), limit.isNull() ? null : Duration.ofNanos(limit.longValue()));
    }

    /** {@code legacy × R2}. */
    public String pair() {
        return policy + " \u00d7 " + scenario.id();
    }
}
