package dev.swapbench.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report says besides the results.
 *
 * @param command   the command that made the report ({@code compare}, {@code check} for the Maven plugin, ...)
 * @param created   when the run ended
 * @param policies  the policies, in column order (results of policies not listed get columns after them)
 * @param scenarios the scenarios, in row order (likewise)
 * @param problems  one line per problem met on the way that the results do not show (a broken policy jar)
 * @param extra     further free-form values for the JSON {@code meta} object (strings, numbers, lists, maps), e.g.
 *                  {@code maxPreemptionsOverride}
 */
public record Metadata(String command, Instant created, List<PolicyInfo> policies, List<ScenarioInfo> scenarios,
                       List<String> problems, Map<String, Object> extra) {
    public Metadata {
        command = command == null ? "" : command;
        created = created == null ? Instant.now() : created;
        policies = policies == null ? List.of() : List.copyOf(policies);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        problems = problems == null ? List.of() : List.copyOf(problems);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public Metadata(String command, List<PolicyInfo> policies, List<ScenarioInfo> scenarios) {
        this(command, Instant.now(), policies, scenarios, List.of(), Map.of());
    }

    /** The JSON {@code meta} object: command, created, then {@link #extra}. */
    public Map<String, Object> jsonMeta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("created", created.toString());
        m.putAll(extra);
        return m;
    }
}
