package dev.swapbench.cli;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.fork.WorkerJob;
import dev.swapbench.fork.WorkerPool;
import dev.swapbench.spi.SwapFaultPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that say where pairs run ({@code --workers}, {@code --worker-heap}, {@code --pair-limit}), shared by
 * {@code run} and {@code compare}, and the loop that runs them: in worker JVMs ({@link WorkerPool}), or one after the
 * other in this JVM with {@code --workers 0}.
 */
final class Workers {
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    @Option(names = "--workers", paramLabel = "N",
            description = "Check pairs in N worker JVMs at once, each watched (a policy that loops, sleeps, exits "
                    + "or crashes becomes an error verdict for its pair, and the rest still run). 0: one pair after "
                    + "the other in this JVM, unwatched (for debugging). Default: the machine's cores.")
    Integer workers;

    @Option(names = "--worker-heap", paramLabel = "SIZE",
            description = "Heap of each worker JVM, as -Xmx takes it (512m, 4g). Default: this JVM's maximum heap "
                    + "divided among the workers, at least 512m.")
    String heap;

    @Option(names = "--pair-limit", paramLabel = "SECONDS",
            description = "Kill a worker whose pair has no --time-limit after SECONDS (its verdict is then error). "
                    + "Default: 600. With --time-limit T a pair is killed after 1.5 T + 10 s.")
    Double pairLimit;

    /** One pair to check. */
    record Pair(SwapFaultPolicy policy, java.nio.file.Path jar, Scenario scenario) {
    }

    /** Receives each result as it comes (in completion order; the returned list is in pair order). */
    interface Listener {
        void started(String pair);

        void finished(PairResult r);
    }

    int count() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    /** Checks every pair and returns the results in pair order, whatever the number of workers. */
    List<PairResult> check(CommandSpec spec, List<Pair> pairs, int maxPreemptions, Duration limit,
                           Listener listener) {
        int n = count();
        if (n < 0) {
            throw new ParameterException(spec.commandLine(), "--workers must be 0 (in this JVM) or more, got " + n);
        }
        if (n == 0) {
            List<PairResult> out = new ArrayList<>();
            for (Pair p : pairs) {
                listener.started(p.policy().id() + " \u00d7 " + p.scenario().id());
                PairResult r = PairChecker.check(p.policy(), p.scenario(), maxPreemptions, limit);
                out.add(r);
                listener.finished(r);
            }
            return out;
        }
        List<WorkerJob> jobs = new ArrayList<>();
        for (Pair p : pairs) {
            jobs.add(new WorkerJob(p.policy().id(), p.jar(), PairChecker.baselineOf(p.policy()), p.scenario(),
                    maxPreemptions, limit));
        }
        WorkerPool pool = new WorkerPool(n, List.of("-Xmx" + heap(spec, n), "-XX:+UseSerialGC", "-XX:-UsePerfData"),
                WorkerPool.classPathOf(Workers.class.getClassLoader()), pairLimit(spec), WorkerPool.DEFAULT_GRACE);
        return pool.run(jobs, new WorkerPool.Listener() {
            @Override
            public void started(WorkerJob job) {
                listener.started(job.pair());
            }

            @Override
            public void finished(WorkerJob job, PairResult result) {
                listener.finished(result);
            }
        });
    }

    private String heap(CommandSpec spec, int n) {
        if (heap != null) {
            if (!SIZE.matcher(heap).matches()) {
                throw new ParameterException(spec.commandLine(), "--worker-heap must be a size as -Xmx takes it "
                        + "(512m, 4g), got '" + heap + "'");
            }
            return heap;
        }
        long mb = Math.max(512, Runtime.getRuntime().maxMemory() / n / (1024 * 1024));
        return mb + "m";
    }

    private Duration pairLimit(CommandSpec spec) {
        if (pairLimit == null) {
            return WorkerPool.DEFAULT_PAIR_LIMIT;
        }
        Duration d = RunCommand.timeLimit(spec, pairLimit, "--pair-limit");
        return d == null ? WorkerPool.DEFAULT_PAIR_LIMIT.multipliedBy(1_000_000) : d;
    }
}
