package dev.swapbench.fork;

import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.PolicyCatalog;
import dev.swapbench.engine.thread.LastCall;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The entry point of a worker JVM: {@code WorkerMain POSITION-FILE}. It reads jobs from standard input, one line
 * each, checks each pair with {@link PairChecker}, and writes two lines per job to standard output:
 * {@value #STARTED} when it has read the job, and {@code result } with the result in the JSON form of the reports. Meanwhile thread code records where it is in the
 * {@link PositionFile}, so that its parent can place a worker that loops, sleeps or dies. It ends when its input
 * ends. It knows nothing about scheduling, watchdogs or reports: its parent ({@link WorkerPool}) does. Whatever a
 * policy prints goes to standard error, never into the pipe.
 */
public final class WorkerMain {
    /** What starts a result line. */
    static final String RESULT = "result ";
    /** The line that says a job was read and its pair starts (the parent's watchdog starts then). */
    static final String STARTED = "started";

    private final Map<Path, PolicyCatalog> jars = new HashMap<>();
    private PolicyCatalog classPath;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream pipe = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        PositionFile position = PositionFile.open(Path.of(args[0]));
        LastCall.sinkTo(position);
        WorkerMain w = new WorkerMain();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                position.clear();
                WorkerJob job = WorkerJob.fromJson(line);
                pipe.println(STARTED);
                pipe.flush();
                PairResult r = w.check(job);
                pipe.println(resultLine(r));
                pipe.flush();
            }
        }
    }

    /** A result as the worker sends it. */
    static String resultLine(PairResult r) {
        return RESULT + JsonReport.resultLine(r);
    }

    /** Reads what {@link #resultLine} wrote; null for a line that is not a result. */
    static PairResult readResultLine(String line) throws IOException {
        return line.startsWith(RESULT) ? JsonReport.readResult(line.substring(RESULT.length()), "worker result")
                : null;
    }

    PairResult check(WorkerJob job) {
        SwapFaultPolicy policy;
        try {
            policy = policy(job);
        } catch (RuntimeException | LinkageError e) {
            return PairChecker.failed(job.policy(), job.baseline(), job.scenario(), job.maxPreemptions(),
                    "the worker could not load policy " + job.policy() + (job.jar() != null ? " from " + job.jar()
                    : "") + ": " + e);
        }
        return PairChecker.check(policy, job.scenario(), job.maxPreemptions(), job.timeLimit());
    }

    private SwapFaultPolicy policy(WorkerJob job) {
        PolicyCatalog c;
        if (job.jar() == null) {
            if (classPath == null) {
                classPath = PolicyCatalog.load(WorkerMain.class.getClassLoader());
            }
            c = classPath;
        } else {
            c = jars.computeIfAbsent(job.jar(), WorkerMain::loadJar);
        }
        SwapFaultPolicy p = c.policies().get(job.policy());
        if (p == null || (job.jar() != null && p.getClass().getClassLoader() == WorkerMain.class.getClassLoader())) {
            throw new IllegalStateException("no policy with that id" + (c.problems().isEmpty() ? ""
                    : " (" + String.join("; ", c.problems()) + ")"));
        }
        return p;
    }

    /** A jar in its own class loader, as the parent loaded it. */
    private static PolicyCatalog loadJar(Path jar) {
        try {
            URLClassLoader loader = new URLClassLoader("swapbench-policy-path:" + jar.getFileName(),
                    new URL[] {jar.toUri().toURL()}, WorkerMain.class.getClassLoader());
            return PolicyCatalog.load(loader);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
