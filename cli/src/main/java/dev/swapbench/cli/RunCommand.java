package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.HitRates;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.reports.Matrix;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code swapbench run}: checks policies against scenarios and prints each verdict with its evidence. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Check policies against scenarios: every (policy, scenario) pair is explored exhaustively "
                + "(within the scenario's bounds) and judged against the scenario's expectation.",
            "Exit status: 0 every judged pair as expected, 1 some judged pair not as expected, 2 usage or input "
                + "error, a policy jar that could not be loaded (no policy in it, a missing provider class, a null or "
                + "taken id), or a policy failed (threw, looped, slept, exited, was nondeterministic)."})
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

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "interleaved", converter = ModeOption.class,
            description = "interleaved (default): every interleaving of kernel steps; serial: every order of whole "
                    + "episodes (a fault, a reclaim pass, a fork, a swapoff slot), judged against the scenario's "
                    + "expectation as far as serial executions reach it: an expected check that needs an interleaving "
                    + "may stay unfired (as expected in serial mode: it needs an interleaving), but a check that fires "
                    + "must be expected (one that is not is a model bug or a policy bug that needs no race: NOT as "
                    + "expected, exit 1), and a pair the scenario does not judge must stay clean; pct: --runs "
                    + "random schedules with PCT priority change points (Burckhardt et al., ASPLOS 2010), for "
                    + "scenarios too big to explore: violated when a run fails (its schedule replays), otherwise "
                    + "incomplete. serial and pct run in this JVM.")
    Explorer.Mode mode;

    @Option(names = "--no-reduction", description = "Search without the state-space reduction (slower; the verdicts "
            + "are the same, see docs/model.md).")
    boolean noReduction;

    @Option(names = "--sleep-sets", description = "Keep sleep sets in searches without a preemption bound: sound and "
            + "fewer moves, but more time than they save today (docs/model.md, Reduction). Runs in this JVM.")
    boolean sleepSets;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "3",
            description = "With --mode pct: the bug depth PCT targets (priority change points + 1). Default: "
                    + "${DEFAULT-VALUE}.")
    int pctDepth;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1000",
            description = "With --mode pct: random runs per pair. Default: ${DEFAULT-VALUE}.")
    int pctRuns;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "With --mode pct, and for --hit-rate's random runs: the seed (run r of a batch is reproduced "
                    + "by the same seed). Default: ${DEFAULT-VALUE}.")
    long pctSeed;

    @Mixin
    HitRateOptions hitRate = new HitRateOptions();

    @Option(names = "--schedule", paramLabel = "MOVES",
            description = "Replay this one interleaving of the one --scenario (moves as in a trace's schedule line: "
                    + "\"A A B R:1 io0 ...\") under each policy and print its kernel steps. With --mode serial or "
                    + "--max-preemptions N the schedule must keep to them (whole episodes one at a time; at most N "
                    + "preemptions); otherwise the scenario's own bound does not restrict it. Exit status: 0 no "
                    + "check fired, 1 one fired, 2 a move is not possible or outside the mode or bound (the message "
                    + "names it and why).")
    String schedule;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop each pair's search after SECONDS (its verdict is then incomplete unless a check "
                    + "fired). Default: no limit.")
    Double timeLimit;

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Mixin
    Workers workers = new Workers();

    @Option(names = "--full", description = "Print every kernel step of a counterexample, not only the steps its "
            + "violation depends on.")
    boolean full;

    @Override
    public Integer call() {
        checkBound(spec, maxPreemptions);
        if (pctDepth < 1 || pctRuns < 1) {
            throw new ParameterException(spec.commandLine(), "--depth and --runs must be >= 1, got " + pctDepth
                    + " and " + pctRuns);
        }
        hitRate.check(spec);
        Duration limit = timeLimit(spec, timeLimit);
        Map<String, Map<String, Object>> hitRates = new java.util.HashMap<>();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PairResult> results = new ArrayList<>();
        int brokenJars;
        try (Inputs in = new Inputs(policyPath)) {
            brokenJars = in.brokenJars();
            List<SwapFaultPolicy> ps = in.policies(policies);
            List<Scenario> ss = in.scenarios(scenarios);
            for (String w : in.warnings()) {
                err.println("swapbench: warning: " + w);
            }
            err.flush();
            if (ps.isEmpty()) {
                throw new InputException("no policy found; add a policy jar with --policy-path");
            }
            if (schedule != null) {
                if (ss.size() != 1 || json != null) {
                    throw new InputException("--schedule replays one scenario (give exactly one --scenario) and "
                            + "writes no --json");
                }
                return ScheduleRun.run(out, ps, ss.get(0), ScheduleRun.moves(schedule), mode, maxPreemptions);
            }
            List<Workers.Pair> pairs = new ArrayList<>();
            for (Scenario s : ss) {
                for (SwapFaultPolicy p : ps) {
                    pairs.add(new Workers.Pair(p, in.jar(p), s));
                }
            }
            if (mode != Explorer.Mode.INTERLEAVED || noReduction || sleepSets) {
                // the model's diagnostics (the serial oracle, PCT, the unreduced search, sleep sets) run in this JVM
                String asked = System.getProperty(Explorer.SLEEP_SETS_PROPERTY);
                if (sleepSets) {
                    System.setProperty(Explorer.SLEEP_SETS_PROPERTY, "true");
                }
                try {
                    for (Workers.Pair pair : pairs) {
                        PairResult r = mode == Explorer.Mode.PCT
                                ? PairChecker.checkPct(pair.policy(), pair.scenario(), pctDepth, pctRuns, pctSeed,
                                        limit)
                                : PairChecker.check(pair.policy(), pair.scenario(), maxPreemptions, limit, mode,
                                        !noReduction);
                        results.add(r);
                        print(out, r, pair.scenario(), mode, full, hitRate(r, pair, hitRates));
                        out.flush();
                    }
                } finally {
                    if (asked == null) {
                        System.clearProperty(Explorer.SLEEP_SETS_PROPERTY);
                    } else {
                        System.setProperty(Explorer.SLEEP_SETS_PROPERTY, asked);
                    }
                }
            } else {
                results.addAll(workers.check(spec, pairs, maxPreemptions, limit, new Workers.Listener() {
                    private final java.util.Map<String, PairResult> done = new java.util.HashMap<>();
                    private int printed;

                    @Override
                    public void started(String pair) {
                    }

                    @Override
                    public synchronized void finished(PairResult r) {
                        // printed in pair order, whichever worker finished first
                        done.put(r.policy() + "\u0000" + r.scenario(), r);
                        while (printed < pairs.size()) {
                            Workers.Pair next = pairs.get(printed);
                            PairResult n = done.remove(next.policy().id() + "\u0000" + next.scenario().id());
                            if (n == null) {
                                break;
                            }
                            print(out, n, next.scenario(), mode, full, hitRate(n, next, hitRates));
                            out.flush();
                            printed++;
                        }
                    }
                }));
            }
        }
        if (json != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("command", "run");
            meta.put("created", Instant.now().toString());
            meta.put("mode", mode.id());
            if (maxPreemptions != KEEP_BOUND) {
                meta.put("maxPreemptionsOverride", maxPreemptions);
            }
            if (hitRate.on) {
                meta.put(HitRates.META, HitRates.options(hitRate.options(pctSeed)));
            }
            try {
                List<Map<String, Object>> extra = new ArrayList<>();
                for (PairResult r : results) {
                    Map<String, Object> h = hitRates.get(HitRates.key(r.policy(), r.scenario()));
                    extra.add(h == null ? null : Map.of("hitRate", h));
                }
                JsonReport.write(json, results, meta, extra);
            } catch (IOException e) {
                throw new InputException("cannot write the JSON report " + json + ": " + e, e);
            }
            out.println("wrote " + json);
        }
        Matrix.Counts counts = Matrix.count(results, 0);
        out.println(Matrix.summary(counts));
        if (mode == Explorer.Mode.SERIAL) {
            long race = results.stream().filter(r -> r.asExpected() && !needInterleaving(r, mode).isEmpty()).count();
            out.println("serial mode: " + race + " of the pairs as expected have an expected violation that needs an "
                    + "interleaving (not reachable one whole episode at a time); a check that fires serially must be "
                    + "expected, one that is not is a model bug or a policy bug that needs no race");
        }
        out.flush();
        return counts.errors() > 0 || brokenJars > 0 ? 2 : counts.notAsExpected() > 0 ? 1 : 0;
    }

    static void checkBound(CommandSpec spec, int maxPreemptions) {
        if (maxPreemptions < -1 && maxPreemptions != KEEP_BOUND) {
            throw new ParameterException(spec.commandLine(), "--max-preemptions must be -1 (no bound) or a number "
                    + ">= 0, got " + maxPreemptions);
        }
    }

    /** Longer than this is no limit at all (and no clock arithmetic can overflow). */
    static final double NO_LIMIT_SECONDS = 1e9;

    /** The --time-limit option as a Duration (null: none); a limit that is not a positive number is a usage error. */
    static Duration timeLimit(CommandSpec spec, Double seconds) {
        return timeLimit(spec, seconds, "--time-limit");
    }

    /**
     * A limit in seconds as a Duration: null when absent or longer than {@link #NO_LIMIT_SECONDS} (about 30 years:
     * no limit); a value that is not a positive number is a usage error.
     */
    static Duration timeLimit(CommandSpec spec, Double seconds, String option) {
        if (seconds == null) {
            return null;
        }
        if (!(seconds > 0)) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive number of seconds, got "
                    + seconds);
        }
        if (seconds >= NO_LIMIT_SECONDS) {
            return null;
        }
        return Duration.ofNanos(Math.max(1, (long) (seconds * 1e9)));
    }

    /**
     * With --hit-rate: a violated pair's hit-rate lines (and its JSON object into {@code json}); for any other pair the
     * line that says why it has none.
     */
    private List<String> hitRate(PairResult r, Workers.Pair pair, Map<String, Map<String, Object>> json) {
        if (!hitRate.on) {
            return List.of();
        }
        if (r.verdict() != Verdict.VIOLATED) {
            return List.of("  hit rate: " + HitRates.notComputed(r));
        }
        HitRate.Result h = HitRateOptions.compute(pair.scenario(), pair.policy(), hitRate.options(pctSeed));
        json.put(HitRates.key(r.policy(), r.scenario()), HitRates.json(h));
        return HitRates.lines(h, r.violations().stream().map(Counterexample::check).toList());
    }

    static String status(PairResult r) {
        return r.verdict() == Verdict.NOT_APPLICABLE ? "not applicable" : !r.judged() ? "not judged" : r.asExpected() ? "as expected" : "NOT as expected";
    }

    /**
     * In serial mode: the checks the scenario expects (with every interleaving) that the serial search did not fire;
     * they need an interleaving inside kernel paths, which serial mode never makes.
     */
    static List<String> needInterleaving(PairResult r, Explorer.Mode mode) {
        if (mode != Explorer.Mode.SERIAL || !r.judged() || r.verdict() == Verdict.ERROR
                || r.verdict() == Verdict.NOT_APPLICABLE) {
            return List.of();
        }
        Set<String> fired = r.violations().stream().map(c -> c.check().id()).collect(Collectors.toSet());
        return Matrix.sortedChecks(r.expected()).stream().filter(c -> !fired.contains(c)).toList();
    }

    /**
     * {@link #status}; in serial mode, for a judged pair as expected there that the scenario expects to violate, which
     * expected checks need an interleaving and which fire without a race.
     */
    static String status(PairResult r, Explorer.Mode mode) {
        if (mode != Explorer.Mode.SERIAL || !r.judged() || !r.asExpected() || r.expected().isEmpty()
                || r.verdict() == Verdict.ERROR || r.verdict() == Verdict.NOT_APPLICABLE) {
            return status(r);
        }
        List<String> missing = needInterleaving(r, mode);
        List<String> fired = Matrix.fired(r);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(String.join(", ", missing) + (missing.size() == 1 ? " needs" : " need") + " an interleaving");
        }
        if (!fired.isEmpty()) {
            parts.add(String.join(", ", fired) + (fired.size() == 1 ? " fires" : " fire") + " without a race");
        }
        return "as expected in serial mode: " + String.join("; ", parts);
    }

    /**
     * The header line, the check table, the error or the counterexamples of one pair.
     *
     * @param full  every kernel step of a counterexample, not only its condensed form
     * @param extra lines (the hit rate) printed between the check table and the counterexamples
     */
    static void print(PrintWriter out, PairResult r, Scenario s, Explorer.Mode mode, boolean full,
                      List<String> extra) {
        out.println(r.policy() + " \u00d7 " + r.scenario() + ": " + r.verdict().name() + " (" + status(r, mode) + ")"
                + " states=" + r.states() + " transitions=" + r.transitions() + " time=" + Texts.seconds(r.seconds())
                + " bound=" + Texts.bound(r.maxPreemptions()) + " " + (r.complete() ? "complete" : "incomplete")
                + (r.reduction() != null ? " reduction=" + r.reduction() : ""));
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
        Expectation exp = s == null ? null : s.expectationFor(r.policy());
        String expectedKind = exp == null ? null : exp.anonRmapKind();
        String foundKind = r.violations().stream().filter(v -> v.check() == CheckId.ANON_RMAP).map(Counterexample::kind)
                .filter(k -> k != null).findFirst().orElse(null);
        for (CheckId c : CheckId.values()) {
            String actual = fired.contains(c.id()) ? "fired" : "-";
            String expected = !r.judged() ? "(not judged)" : r.expected().contains(c.id()) ? "expected fired"
                    : "expected -";
            boolean differs = r.judged() && !expected.equals("expected " + actual);
            if (needInterleaving(r, mode).contains(c.id())) {
                expected += " (needs an interleaving: not reachable in serial mode)";
                differs = false;
            }
            if (c == CheckId.ANON_RMAP && r.judged() && expectedKind != null && r.expected().contains(c.id())) {
                // an expectation that names the kind (anon-rmap:KIND) is met only by that kind
                expected += " (" + expectedKind + ")";
                if (foundKind != null && !foundKind.equals(expectedKind)) {
                    expected += ", found " + foundKind;
                    // serially a weaker kind is what serial executions allow (the stronger one needs a race)
                    differs = mode != Explorer.Mode.SERIAL || !r.asExpected();
                }
            }
            out.printf("  %-" + w + "s  %-5s  %s%s%n", c.id(), actual, expected, differs ? "   <-- differs" : "");
        }
        if (r.judged() && r.reason() != null && !r.reason().isEmpty()) {
            out.println("  expectation: " + r.reason());
        }
        if (r.stopped() != null) {
            out.println("  " + r.stopped());
        } else if (r.verdict() == Verdict.INCOMPLETE) {
            out.println("  the search stopped before covering everything");
        }
        extra.forEach(out::println);
        for (Counterexample c : r.violations()) {
            out.println("  " + c.check().id() + (c.kind() != null ? " (" + c.kind() + ")" : "") + ": " + c.message());
            Texts.counterexample(out, c, s, full);
        }
        out.println();
    }
}
