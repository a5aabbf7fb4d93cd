package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swapbench replay}: replays the counterexamples of a run's JSON report. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay every counterexample of a JSON report (written by 'run --json') on the same policy "
                + "and scenario, and check that the same check fires with the same message.",
            "Exit status: 0 all reproduce, 1 some do not, 2 usage or input error."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE", required = true, description = "The report to replay.")
    Path json;

    @Option(names = "--policy", paramLabel = "ID", description = "Only this policy's results. Repeatable.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "ID|FILE",
            description = "Only this scenario's results; a FILE also supplies a scenario that is not built in. "
                    + "Repeatable.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Option(names = "--trace", description = "Print the replayed kernel steps.")
    boolean trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PairResult> results;
        try {
            results = JsonReport.read(json);
        } catch (IOException e) {
            throw new InputException("cannot read the report " + json + ": " + e.getMessage(), e);
        }
        int reproduced = 0, failed = 0;
        try (Inputs in = new Inputs(policyPath)) {
            Map<String, Scenario> given = new LinkedHashMap<>();
            if (!scenarios.isEmpty()) {
                for (Scenario s : in.scenarios(scenarios)) {
                    given.put(s.id(), s);
                }
            }
            Set<String> policyFilter = new LinkedHashSet<>(policies);
            List<PairResult> selected = new ArrayList<>();
            for (PairResult r : results) {
                if ((policyFilter.isEmpty() || policyFilter.contains(r.policy()))
                        && (given.isEmpty() || given.containsKey(r.scenario()))) {
                    selected.add(r);
                }
            }
            if (selected.isEmpty()) {
                throw new InputException("no result in " + json + " matches"
                        + (policyFilter.isEmpty() ? "" : " --policy " + String.join(",", policyFilter))
                        + (given.isEmpty() ? "" : " --scenario " + String.join(",", given.keySet()))
                        + "; the report holds " + describe(results));
            }
            for (PairResult r : selected) {
                if (r.violations().isEmpty()) {
                    continue;
                }
                SwapFaultPolicy policy = in.policy(r.policy());
                Scenario scenario = given.get(r.scenario());
                if (scenario == null) {
                    scenario = builtIn(in, r.scenario());
                }
                if (scenario.bounds().maxPreemptions() != r.maxPreemptions()) {
                    scenario = scenario.withBounds(scenario.bounds().withMaxPreemptions(r.maxPreemptions()));
                }
                for (Counterexample c : r.violations()) {
                    String label = r.policy() + " \u00d7 " + r.scenario() + " " + c.check().id() + ": ";
                    Outcome o = replay(policy, scenario, c);
                    out.println(label + (o.ok ? "reproduced" : "NOT reproduced") + " (" + o.detail + ")");
                    if (trace) {
                        for (TraceStep s : o.steps) {
                            out.println("    " + s.render());
                        }
                    }
                    if (o.ok) {
                        reproduced++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        out.println((reproduced + failed) + " violations replayed: " + reproduced + " reproduced, " + failed
                + " not reproduced");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static String describe(List<PairResult> results) {
        if (results.isEmpty()) {
            return "no results";
        }
        Set<String> pairs = new LinkedHashSet<>();
        for (PairResult r : results) {
            pairs.add(r.policy() + " \u00d7 " + r.scenario());
        }
        return String.join(", ", pairs);
    }

    private Scenario builtIn(Inputs in, String id) {
        for (Scenario s : in.corpus()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new InputException("scenario '" + id + "' of " + json + " is not a built-in scenario (known: "
                + in.knownScenarios() + "); pass its file with --scenario FILE");
    }

    private record Outcome(boolean ok, String detail, List<TraceStep> steps) {
    }

    private static Outcome replay(SwapFaultPolicy policy, Scenario scenario, Counterexample c) {
        Explorer explorer = new Explorer(scenario, policy);
        Explorer.Replay r;
        try {
            r = explorer.replay(c.schedule());
        } catch (IllegalArgumentException e) {
            return new Outcome(false, "the schedule does not replay: " + e.getMessage(), List.of());
        } catch (RuntimeException e) { // a policy failure on replay (the engine's PolicyFailure), or worse
            return new Outcome(false, "the replay failed: " + e.getMessage(), List.of());
        }
        String traceNote = r.steps().equals(c.steps()) ? "" : "; note: the kernel steps differ from the report's";
        if (c.check() == CheckId.DEADLOCK && (r.violation() == null || r.violation().check() != CheckId.DEADLOCK)) {
            // Explorer.replay reports a deadlock the schedule reaches; without one, say why nothing deadlocked.
            if (r.violation() != null) {
                return new Outcome(false, r.violation().check().id() + " fired instead: " + r.violation().message(),
                        r.steps());
            }
            List<String> movable = movableAfter(explorer, scenario, c.schedule());
            return movable.isEmpty()
                    ? new Outcome(true, "no user thread and no I/O can move after the schedule" + traceNote, r.steps())
                    : new Outcome(false, "no deadlock: " + String.join(", ", movable) + " can still move", r.steps());
        }
        Counterexample same = r.fired().get(c.check());
        if (same == null && r.violation() == null) {
            return new Outcome(false, "no check fired", r.steps());
        }
        if (same == null) {
            return new Outcome(false, r.violation().check().id() + " fired instead: " + r.violation().message(),
                    r.steps());
        }
        if (!same.message().equals(c.message())) {
            return new Outcome(false, "same check, different message: " + same.message(), r.steps());
        }
        return new Outcome(true, "same check, same message" + traceNote, r.steps());
    }

    /** The user threads and I/O completions that can still take a move after {@code schedule}. */
    private static List<String> movableAfter(Explorer explorer, Scenario scenario, List<String> schedule) {
        List<String> actors = new ArrayList<>();
        for (ThreadSpec t : scenario.threads()) {
            if (!t.daemon()) {
                actors.add(t.id());
            }
        }
        for (int p = 0; p < scenario.memory().frames(); p++) { // one I/O completion per page frame (Machine.frames())
            actors.add("io" + p);
        }
        List<String> movable = new ArrayList<>();
        for (String a : actors) {
            List<String> longer = new ArrayList<>(schedule);
            longer.add(a);
            try {
                explorer.replay(longer);
                movable.add(a);
            } catch (IllegalArgumentException e) {
                // cannot move: as a deadlock requires
            }
        }
        return movable;
    }
}
