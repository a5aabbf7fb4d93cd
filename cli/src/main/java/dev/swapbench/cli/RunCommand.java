package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.reports.Matrix;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code swapbench run}: checks policies against scenarios and prints each verdict with its evidence. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Check policies against scenarios: every (policy, scenario) pair is explored exhaustively "
                + "(within the scenario's bounds) and judged against the scenario's expectation.",
            "Exit status: 0 every judged pair as expected, 1 some judged pair not as expected, 2 usage or input "
                + "error, or a policy failed (threw, looped, was nondeterministic)."})
final class RunCommand implements Callable<Integer> {
    /** Keep the scenario's own preemption bound (PairChecker's convention). */
    static final int KEEP_BOUND = -2;

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "ID", description = "A policy id. Repeatable. Default: all found.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "ID|FILE",
            description = "A built-in scenario id or a scenario file. Repeatable. Default: the whole built-in corpus.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--max-preemptions", paramLabel = "N", defaultValue = "" + KEEP_BOUND,
            description = "Override every scenario's preemption bound: N >= 0, or -1 for none (exhaustive). "
                    + "Default: each scenario's own bound.", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    int maxPreemptions;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop each pair's search after SECONDS (its verdict is then incomplete unless a check "
                    + "fired). Default: no limit.")
    Double timeLimit;

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Override
    public Integer call() {
        checkBound(spec, maxPreemptions);
        java.time.Duration limit = timeLimit(spec, timeLimit);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PairResult> results = new ArrayList<>();
        try (Inputs in = new Inputs(policyPath)) {
            List<SwapFaultPolicy> ps = in.policies(policies);
            List<Scenario> ss = in.scenarios(scenarios);
            for (String w : in.warnings()) {
                err.println("swapbench: warning: " + w);
            }
            err.flush();
            if (ps.isEmpty()) {
                throw new InputException("no policy found; add a policy jar with --policy-path");
            }
            for (Scenario s : ss) {
                for (SwapFaultPolicy p : ps) {
                    PairResult r = PairChecker.check(p, s, maxPreemptions, limit);
                    results.add(r);
                    print(out, r);
                    out.flush();
                }
            }
        }
        if (json != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("command", "run");
            meta.put("created", Instant.now().toString());
            if (maxPreemptions != KEEP_BOUND) {
                meta.put("maxPreemptionsOverride", maxPreemptions);
            }
            try {
                JsonReport.write(json, results, meta);
            } catch (IOException e) {
                throw new InputException("cannot write the JSON report " + json + ": " + e, e);
            }
            out.println("wrote " + json);
        }
        Matrix.Counts counts = Matrix.count(results, 0);
        out.println(Matrix.summary(counts));
        out.flush();
        return counts.errors() > 0 ? 2 : counts.notAsExpected() > 0 ? 1 : 0;
    }

    static void checkBound(CommandSpec spec, int maxPreemptions) {
        if (maxPreemptions < -1 && maxPreemptions != KEEP_BOUND) {
            throw new ParameterException(spec.commandLine(), "--max-preemptions must be -1 (no bound) or a number "
                    + ">= 0, got " + maxPreemptions);
        }
    }

    /** The --time-limit option as a Duration (null: none); a limit that is not a positive number is a usage error. */
    static java.time.Duration timeLimit(CommandSpec spec, Double seconds) {
        if (seconds == null) {
            return null;
        }
        if (!(seconds > 0) || seconds.isInfinite()) {
            throw new ParameterException(spec.commandLine(), "--time-limit must be a positive number of seconds, got "
                    + seconds);
        }
        return java.time.Duration.ofNanos((long) (seconds * 1e9));
    }

    static String status(PairResult r) {
        return r.verdict() == Verdict.NOT_APPLICABLE ? "not applicable" : !r.judged() ? "not judged" : r.asExpected() ? "as expected" : "NOT as expected";
    }

    /** The header line, the check table, the error or the counterexamples of one pair. */
    static void print(PrintWriter out, PairResult r) {
        out.println(r.policy() + " \u00d7 " + r.scenario() + ": " + r.verdict().name() + " (" + status(r) + ")"
                + " states=" + r.states() + " transitions=" + r.transitions() + " time=" + Texts.seconds(r.seconds())
                + " bound=" + Texts.bound(r.maxPreemptions()) + " " + (r.complete() ? "complete" : "incomplete"));
        if (r.verdict() == Verdict.ERROR) {
            out.println("  error: " + r.error());
            out.println();
            return;
        }
        if (r.verdict() == Verdict.NOT_APPLICABLE) {
            out.println("  not explored: " + r.reason());
            out.println();
            return;
        }
        Set<String> fired = r.violations().stream().map(c -> c.check().id()).collect(Collectors.toSet());
        int w = 0;
        for (CheckId c : CheckId.values()) {
            w = Math.max(w, c.id().length());
        }
        for (CheckId c : CheckId.values()) {
            String actual = fired.contains(c.id()) ? "fired" : "-";
            String expected = !r.judged() ? "(not judged)" : r.expected().contains(c.id()) ? "expected fired"
                    : "expected -";
            boolean differs = r.judged() && !expected.equals("expected " + actual);
            out.printf("  %-" + w + "s  %-5s  %s%s%n", c.id(), actual, expected, differs ? "   <-- differs" : "");
        }
        if (r.judged() && r.reason() != null && !r.reason().isEmpty()) {
            out.println("  expectation: " + r.reason());
        }
        if (r.verdict() == Verdict.INCOMPLETE) {
            out.println("  the search stopped at the state budget (bounds.max_states) before covering everything");
        }
        for (Counterexample c : r.violations()) {
            out.println("  " + c.check().id() + ": " + c.message());
            String what = c.check() == CheckId.LIVELOCK ? "path to a fair cycle, then the cycle" : "shortest interleaving";
            out.println("    " + what + " (" + c.schedule().size() + " moves, " + c.steps().size() + " kernel steps):");
            for (TraceStep s : c.steps()) {
                out.println("    " + s.render());
            }
            out.println("    schedule: " + String.join(" ", c.schedule()));
        }
        out.println();
    }
}
