package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.KernelEras;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swapbench bench}: explorer speed, memory per state and time to the first counterexample. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the explorer: (a) distinct states per second, "
                + "best of 3 exhaustive runs after a warm-up run; (b) bytes per stored state (fingerprint table, "
                + "trace links and the breadth-first frontier at its peak) and the peak heap; "
                + "(c) time to the first counterexample (median of 5 in-process runs that stop at the first "
                + "violation).",
            "Without --scenario, (a) and (b) use the built-in scenario with the most states under the policy.",
            "With --spin: instead, SPIN (spin and gcc on the PATH) and swapbench side by side on the SPIN anchor "
                + "model's race (spin-anchor-K1..K4), alternating, with states, seconds and ratios."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "ID|FILE",
            description = "Scenario for (a) and (b). Default: the built-in scenario with the most states.")
    String scenario;

    @Option(names = "--policy", paramLabel = "ID", defaultValue = "mainline-2.6.36",
            description = "Policy for (a) and (b). Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--max-preemptions", paramLabel = "N", defaultValue = "" + RunCommand.KEEP_BOUND,
            description = "Override the preemption bound for (a) and (b): N >= 0, or -1 for none. "
                    + "Default: the scenario's own.", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    int maxPreemptions;

    @Option(names = "--cex-policy", paramLabel = "ID", defaultValue = "legacy",
            description = "Policy for (c). Default: ${DEFAULT-VALUE}.")
    String cexPolicy;

    @Option(names = "--cex-scenario", paramLabel = "ID|FILE", defaultValue = "R2",
            description = "Scenario for (c). Default: ${DEFAULT-VALUE}.")
    String cexScenario;

    @Option(names = "--search-threads", paramLabel = "N",
            description = "Threads expanding states (results do not depend on it). Default: one per processor.")
    Integer workers;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop each search after SECONDS (it is then reported incomplete). Default: no limit.")
    Double timeLimit;

    @Option(names = "--no-reduction", description = "Search without the state-space reduction.")
    boolean noReduction;

    @Option(names = "--spin", description = "Compare with SPIN on its own model of the race (see above).")
    boolean spin;

    @Option(names = "--spin-model", paramLabel = "FILE", defaultValue = "scenarios/anchors/spin/swapin_race.pml",
            description = "The SPIN model for --spin, which the checkout ships. Default: ${DEFAULT-VALUE} (run from "
                    + "the checkout).")
    Path spinModel;

    @Option(names = "--spin-k", paramLabel = "K", split = ",", defaultValue = "1,2,3,4",
            description = "Accesses per user thread for --spin (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<Integer> spinK;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Alternating rounds per K for --spin (medians are shown). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() {
        RunCommand.checkBound(spec, maxPreemptions);
        PrintWriter out = spec.commandLine().getOut();
        if (spin) {
            return spin(out);
        }
        try (Inputs in = new Inputs(List.of())) {
            SwapFaultPolicy p = in.policy(policy);
            out.println("swapbench " + JsonReport.toolVersion() + " bench; Java " + System.getProperty("java.version")
                    + ", " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
                    + Texts.bytes(Runtime.getRuntime().maxMemory()) + "; " + workerCount() + " worker(s)");
            Scenario s;
            if (scenario != null) {
                s = bounded(in.scenario(scenario));
                if (!KernelEras.applies(p, s)) {
                    throw new InputException("bench: policy " + p.id() + " is for the " + KernelEras.eraOf(p)
                            + " era and scenario " + s.id() + " for the " + s.knobs().era() + " era; name a policy "
                            + "of the scenario's era with --policy");
                }
            } else {
                s = largest(out, in, p);
            }
            out.println();
            out.println("(a) distinct states per second: scenario " + s.id() + " (" + s.origin() + "), policy "
                    + p.id() + ", bound=" + Texts.bound(s.bounds().maxPreemptions()) + ", reduction "
                    + (noReduction ? "off" : "on"));
            Exploration warm = explore(s, p, false);
            out.println("    warm-up: " + line(warm));
            out.flush();
            Exploration best = null;
            for (int i = 1; i <= 3; i++) {
                Exploration e = explore(s, p, false);
                out.println("    run " + i + ":   " + line(e));
                out.flush();
                if (best == null || e.seconds() < best.seconds()) {
                    best = e;
                }
            }
            out.println("    best of 3: " + rate(best) + " states/s (" + Texts.count(best.states()) + " states in "
                    + Texts.seconds(best.seconds()) + ", " + (best.complete() ? "complete" : "INCOMPLETE: stopped at "
                    + best.stopped()) + ")");
            out.println();
            resetPeakHeap();
            Exploration measured = explore(s, p, false);
            out.println(String.format(Locale.ROOT, "(b) memory: %.1f bytes per stored state counting the frontier "
                    + "(%s of fingerprint table and trace links + %s of frontier at its peak, / %s states); peak "
                    + "heap %s (of %s)", (double) (measured.storedBytes() + measured.queuePeakBytes())
                    / Math.max(1, measured.states()), Texts.bytes(measured.storedBytes()),
                    Texts.bytes(measured.queuePeakBytes()), Texts.count(measured.states()), Texts.bytes(peakHeap()),
                    Texts.bytes(Runtime.getRuntime().maxMemory())));
            out.println();
            firstCounterexample(out, in);
        }
        out.flush();
        return 0;
    }

    private int spin(PrintWriter out) {
        if (rounds < 1 || spinK.isEmpty() || spinK.stream().anyMatch(k -> k < 1 || k > 9)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds must be >= 1 and every "
                    + "--spin-k between 1 and 9");
        }
        SpinComparison.requireTools(spinModel);
        try (Inputs in = new Inputs(List.of())) {
            SwapFaultPolicy p = in.policy(policy);
            Scenario k1 = bounded(in.scenario("spin-anchor-K1"));
            new SpinComparison(out, spinModel, s -> explore(s, p, false)).run(k1, spinK, rounds, p.id(),
                    "bound=" + Texts.bound(k1.bounds().maxPreemptions()) + ", " + workerCount() + " worker(s), "
                            + "reduction " + (noReduction ? "off" : "on"));
        } catch (java.io.IOException e) {
            throw new InputException("bench --spin: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("bench --spin was interrupted", e);
        }
        out.flush();
        return 0;
    }

    private Scenario bounded(Scenario s) {
        if (maxPreemptions == RunCommand.KEEP_BOUND || maxPreemptions == s.bounds().maxPreemptions()) {
            return s;
        }
        return s.withBounds(s.bounds().withMaxPreemptions(maxPreemptions));
    }

    private Scenario largest(PrintWriter out, Inputs in, SwapFaultPolicy p) {
        List<Scenario> corpus = in.corpus();
        if (corpus.isEmpty()) {
            throw new InputException("the built-in scenario corpus is empty; name a scenario with --scenario");
        }
        out.println("Finding the built-in scenario with the most states under " + p.id() + " (one run each):");
        Scenario largest = null;
        long most = -1;
        for (Scenario c : corpus) {
            if (!KernelEras.applies(p, c)) {
                continue; // a pair of two eras is never explored
            }
            Scenario s = bounded(c);
            Exploration e = explore(s, p, false);
            out.println("  " + s.id() + ": " + line(e));
            out.flush();
            if (e.states() > most) {
                most = e.states();
                largest = s;
            }
        }
        out.println("  -> " + largest.id() + " has the most states");
        return largest;
    }

    private void firstCounterexample(PrintWriter out, Inputs in) {
        String what = "(c) time to first counterexample, " + cexPolicy + " on " + cexScenario;
        String on = cexPolicy + " on ";
        SwapFaultPolicy p = in.catalog().policies().get(cexPolicy);
        Scenario s = null;
        if (p != null) {
            try {
                s = in.scenario(cexScenario);
            } catch (InputException e) {
                out.println(what + ": skipped: " + e.getMessage());
                return;
            }
        } else {
            out.println(what + ": skipped: no policy " + cexPolicy + " (known: " + in.knownPolicies() + ")");
            return;
        }
        double[] times = new double[5];
        Exploration first = null;
        for (int i = 0; i < times.length; i++) {
            Exploration e = explore(s, p, true);
            times[i] = e.seconds();
            if (first == null) {
                first = e;
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        List<String> each = new ArrayList<>();
        for (double t : times) {
            each.add(String.format(Locale.ROOT, "%.3f", t));
        }
        String found = first.violations().isEmpty() ? "no check fired"
                : String.join(", ", first.violations().keySet().stream().map(CheckId::id).toList()) + " after "
                        + Texts.count(first.states()) + " states";
        out.println("(c) time to first counterexample, " + on + s.id() + " (" + s.origin()
                + "; Explorer.run(true), in-process, median of 5): "
                + String.format(Locale.ROOT, "%.3fs", sorted[sorted.length / 2]) + " (" + found + "; runs: "
                + String.join(" ", each) + " s)");
        out.println("    including JVM start, measure: time ./swapbench run --policy " + cexPolicy + " --scenario "
                + cexScenario);
    }

    private int workerCount() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeakHeap} (an upper bound of the true peak). */
    private static long peakHeap() {
        long n = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                n += pool.getPeakUsage().getUsed();
            }
        }
        return n;
    }

    private Exploration explore(Scenario s, SwapFaultPolicy p, boolean stopAtFirst) {
        if (workers != null && workers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--workers must be >= 1, got "
                    + workers);
        }
        Exploration e = new Explorer(s, p).workers(workerCount()).reduction(!noReduction)
                .run(stopAtFirst, RunCommand.timeLimit(spec, timeLimit));
        if (e.error() != null) {
            throw new InputException(e.error());
        }
        return e;
    }

    private static String line(Exploration e) {
        return Texts.count(e.states()) + " states, " + Texts.count(e.transitions()) + " transitions in "
                + Texts.seconds(e.seconds()) + " = " + rate(e) + " states/s"
                + (e.complete() ? "" : " (incomplete: stopped at " + e.stopped() + ")");
    }

    private static String rate(Exploration e) {
        return Texts.count(Math.round(e.states() / Math.max(e.seconds(), 1e-9)));
    }
}
