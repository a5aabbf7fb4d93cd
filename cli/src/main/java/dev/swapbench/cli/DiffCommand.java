package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.CausalSlice;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.CpuColumns;
import dev.swapbench.reports.Matrix;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code swapbench diff}: a differential witness. For two policies whose verdicts on a scenario differ, the shortest
 * interleaving on which the first violates a check and the second does not: the first policy's counterexample,
 * replayed under the second with {@link Explorer#replay}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"A differential witness: for two policies whose verdicts on a scenario differ, print the "
                + "shortest interleaving on which the first (--policy A) violates a check and the second (--policy B) "
                + "does not. A's counterexample is replayed under B: if B can follow the schedule and no check fires, "
                + "that is the witness; otherwise A's counterexample is printed with B's verdict. When only B "
                + "violates, the roles are swapped (and said so).",
            "Exit status: 0 a witness was printed, 1 the verdicts do not differ or no witness was found, 2 usage "
                + "or input error, or a policy failed."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "ID", required = true,
            description = "A policy id; give exactly two: --policy A --policy B.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "ID|FILE", required = true,
            description = "A built-in scenario id or a scenario file.")
    String scenario;

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Option(names = "--max-preemptions", paramLabel = "N", defaultValue = "" + RunCommand.KEEP_BOUND,
            description = "Override the scenario's preemption bound: N >= 0, or -1 for none. Default: its own.",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    int maxPreemptions;

    @Option(names = "--full", description = "Print every kernel step of the common prefix (or of the "
            + "counterexample), not only the steps the violation depends on.")
    boolean full;

    @Override
    public Integer call() {
        RunCommand.checkBound(spec, maxPreemptions);
        if (policies.size() != 2 || policies.get(0).equals(policies.get(1))) {
            throw new ParameterException(spec.commandLine(), "give two different policies: --policy A --policy B"
                    + " (got " + policies.size() + ": " + String.join(", ", policies) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Inputs in = new Inputs(policyPath)) {
            SwapFaultPolicy a = in.policy(policies.get(0));
            SwapFaultPolicy b = in.policy(policies.get(1));
            Scenario s = in.scenario(scenario);
            for (String w : in.warnings()) {
                err.println("swapbench: warning: " + w);
            }
            err.flush();
            if (maxPreemptions >= -1) {
                s = s.withBounds(s.bounds().withMaxPreemptions(maxPreemptions));
            }
            PairResult ra = PairChecker.check(a, s, RunCommand.KEEP_BOUND);
            PairResult rb = PairChecker.check(b, s, RunCommand.KEEP_BOUND);
            out.println(line(ra));
            out.println(line(rb));
            if (ra.verdict() == Verdict.ERROR || rb.verdict() == Verdict.ERROR) {
                for (PairResult r : List.of(ra, rb)) {
                    if (r.verdict() == Verdict.ERROR) {
                        out.println("  " + r.policy() + " failed: " + r.error());
                    }
                }
                return 2;
            }
            for (PairResult r : List.of(ra, rb)) {
                if (r.verdict() == Verdict.NOT_APPLICABLE) {
                    out.println("no witness: " + r.reason() + "; diff compares two policies of the scenario's era");
                    return 2;
                }
            }
            List<String> firedA = Matrix.fired(ra);
            List<String> firedB = Matrix.fired(rb);
            if (firedA.equals(firedB)) {
                out.println("no witness: the verdicts do not differ (both " + (firedA.isEmpty() ? "fire nothing"
                        : "fire " + String.join(", ", firedA)) + ")");
                return 1;
            }
            PairResult x = ra;
            PairResult y = rb;
            SwapFaultPolicy yPolicy = b;
            if (only(ra, firedB).isEmpty()) {
                out.println("note: " + ra.policy() + " fires no check that " + rb.policy() + " does not; showing "
                        + "where " + rb.policy() + " violates and " + ra.policy() + " does not");
                x = rb;
                y = ra;
                yPolicy = a;
            }
            List<Counterexample> candidates = only(x, Matrix.fired(y));
            candidates.sort(Comparator.comparingInt(c -> c.schedule().size()));
            List<String> threads = Texts.threads(s);
            List<String> tried = new ArrayList<>();
            for (Counterexample c : candidates) {
                Explorer explorer = new Explorer(s, yPolicy);
                Explorer.Replay replay;
                try {
                    replay = explorer.replay(c.schedule());
                } catch (IllegalArgumentException e) {
                    tried.add(c.check().id() + ": " + y.policy() + " cannot follow the schedule: " + e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    tried.add(c.check().id() + ": " + y.policy() + " fails on the schedule: " + e.getMessage());
                    continue;
                }
                if (replay.violation() != null) {
                    tried.add(c.check().id() + ": " + y.policy() + " also fires " + replay.violation().check().id()
                            + " on the schedule: " + replay.violation().message());
                    continue;
                }
                out.println();
                out.println("witness: on this interleaving of " + s.id() + ", " + x.policy() + " fires "
                        + c.check().id() + " and " + y.policy() + " fires nothing"
                        + (c.check() == CheckId.DEADLOCK ? " (it is not stuck there)" : "") + ".");
                out.println();
                printWitness(out, s, c, x.policy(), replay.steps(), y.policy(), yPolicy, x == ra ? a : b);
                out.flush();
                return 0;
            }
            Counterexample shortest = candidates.get(0);
            out.println();
            out.println("no witness: no counterexample of " + x.policy() + " separates it from " + y.policy() + ":");
            for (String t : tried) {
                out.println("  " + t);
            }
            out.println();
            out.println(x.policy() + ": shortest interleaving that fires " + shortest.check().id() + " ("
                    + shortest.schedule().size() + " moves); " + y.policy() + "'s verdict: " + Matrix.outcome(y));
            out.print(full ? CpuColumns.render(shortest, threads) : CpuColumns.condensed(shortest, threads,
                    Texts.roles(s)));
            out.println("schedule: " + String.join(" ", shortest.schedule()));
            out.flush();
            return 1;
        }
    }

    /**
     * The witness: the steps both policies take alike once (condensed to the steps the violation depends on, or every
     * step with {@code --full}), then the two continuations side by side from the first step where they differ.
     */
    private void printWitness(PrintWriter out, Scenario s, Counterexample c, String violating, List<TraceStep> other,
                              String clean, SwapFaultPolicy cleanPolicy, SwapFaultPolicy violatingPolicy) {
        List<String> threads = Texts.threads(s);
        int common = CpuColumns.commonPrefix(c.steps(), other);
        out.println(violating + ": shortest interleaving that fires " + c.check().id() + " (" + c.schedule().size()
                + " moves, " + c.steps().size() + " kernel steps); " + clean + " takes " + other.size()
                + " kernel steps on the same schedule.");
        out.println();
        if (common == 0) {
            out.println("The policies differ from the first step.");
        } else {
            out.println("Common prefix: steps 1-" + common + ", the same under both policies"
                    + (full ? ":" : "; the ones the violation depends on (every step: --full):"));
            List<TraceStep> prefix = c.steps().subList(0, common);
            if (full) {
                out.print(CpuColumns.render(prefix, threads));
            } else {
                List<TraceStep> shown = CausalSlice.of(c).steps().stream().filter(t -> t.index() <= common).toList();
                out.print(CpuColumns.condensed(shown, threads, Texts.roles(s), false, null));
            }
        }
        out.println();
        out.println("From step " + (common + 1) + " the policies part (" + CpuColumns.MARK
                + " marks the first step where they behave differently):");
        List<List<TraceStep>> movesA = moves(s, violatingPolicy, c.schedule(), c.steps());
        List<List<TraceStep>> movesB = moves(s, cleanPolicy, c.schedule(), other);
        int from = 0;
        while (from < movesA.size() && !movesA.get(from).isEmpty()
                && movesA.get(from).get(movesA.get(from).size() - 1).index() <= common) {
            from++;
        }
        out.print(CpuColumns.sideBySide(movesA.subList(from, movesA.size()), movesB.subList(from, movesB.size()),
                violating, clean, common + 1));
        out.println();
        out.println(violating + ": " + c.check().id() + ": " + c.message());
        out.println(clean + ": no check fires");
        out.println();
        out.println("schedule: " + String.join(" ", c.schedule()));
    }

    /** The steps of a replay of {@code schedule} grouped by move (each prefix replayed to find where moves end). */
    private static List<List<TraceStep>> moves(Scenario s, SwapFaultPolicy p, List<String> schedule,
                                               List<TraceStep> steps) {
        List<List<TraceStep>> out = new ArrayList<>();
        int done = 0;
        for (int k = 0; k < schedule.size(); k++) {
            int after = k == schedule.size() - 1 ? steps.size()
                    : new Explorer(s, p).replay(schedule.subList(0, k + 1)).steps().size();
            out.add(steps.subList(done, Math.max(done, after)));
            done = Math.max(done, after);
        }
        return out;
    }

    /** The counterexamples of {@code r} for checks not in {@code others}. */
    private static List<Counterexample> only(PairResult r, List<String> others) {
        List<Counterexample> out = new ArrayList<>();
        for (Counterexample c : r.violations()) {
            if (!others.contains(c.check().id())) {
                out.add(c);
            }
        }
        return out;
    }

    private static String line(PairResult r) {
        return r.policy() + " \u00d7 " + r.scenario() + ": " + Matrix.outcome(r) + " (" + Matrix.judgement(r).text()
                + ") states=" + r.states() + " bound=" + Matrix.bound(r) + " time=" + Matrix.seconds(r.seconds());
    }
}
