package dev.swapbench.fork;

import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.run.PairChecker;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.thread.LastCall;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks pairs in worker JVMs ({@link WorkerMain}), {@code workers} at a time, and watches each: a pair gets its time
 * limit plus a grace period (or {@link #DEFAULT_PAIR_LIMIT} when it has none) before its worker is killed. A worker
 * that exits, halts, crashes or is killed gives its pair an {@code error} result naming the policy, the scenario,
 * the thread, its action and the last kernel call it reported, with the exit code and the end of its standard
 * error; the worker is replaced and the other pairs go on. A worker that finishes a pair takes the next one (a JVM
 * per pair would spend more time starting than checking). Results come back in job order, whatever the number of
 * workers and whichever finished first.
 */
public final class WorkerPool {
    /** How long a pair without a time limit may run before its worker is killed: keeps CI from hanging. */
    public static final Duration DEFAULT_PAIR_LIMIT = Duration.ofMinutes(10);
    /** Added to a pair's time limit: the search checks its clock every few thousand states, then replays. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    /** Lines of a dead worker's standard error kept for its error message. */
    static final int STDERR_LINES = 12;
    /** How long a worker JVM may take to start and read a job. */
    static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration LONGEST = Duration.ofDays(365L * 100);

    private final int workers;
    private final List<String> jvmOptions;
    private final String classPath;
    private final Duration pairLimit;
    private final Duration grace;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /**
     * @param workers    worker JVMs at once (at least 1)
     * @param jvmOptions options for each worker JVM, such as {@code -Xmx2g}
     * @param classPath  the workers' class path (see {@link #classPathOf})
     * @param pairLimit  the watchdog of a pair that has no time limit
     * @param grace      added to a pair's time limit for its watchdog
     */
    public WorkerPool(int workers, List<String> jvmOptions, String classPath, Duration pairLimit, Duration grace) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.workers = workers;
        // the workers share the machine's processors: each search gets its share of threads (results do not
        // depend on it), unless the caller chose
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        if (options.stream().noneMatch(o -> o.startsWith("-D" + Explorer.SEARCH_THREADS_PROPERTY + "="))) {
            int share = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
            options.add("-D" + Explorer.SEARCH_THREADS_PROPERTY + "=" + share);
        }
        this.jvmOptions = List.copyOf(options);
        this.classPath = classPath;
        this.pairLimit = pairLimit;
        this.grace = grace;
    }

    /** Told when a pair starts and ends (from the pool's threads, possibly at once). */
    public interface Listener {
        default void started(WorkerJob job) {
        }

        default void finished(WorkerJob job, PairResult result) {
        }
    }

    /** How long a job may run before its worker is killed. */
    public Duration watchdog(WorkerJob job) {
        if (job.timeLimit() == null) {
            return pairLimit;
        }
        Duration limit = job.timeLimit().compareTo(LONGEST) > 0 ? LONGEST : job.timeLimit();
        return limit.plus(limit.dividedBy(2)).plus(grace);
    }

    /** Checks every job and returns the results in job order. */
    public List<PairResult> run(List<WorkerJob> jobs, Listener listener) {
        PairResult[] results = new PairResult[jobs.size()];
        AtomicInteger next = new AtomicInteger();
        Thread hook = new Thread(() -> live.forEach(Process::destroyForcibly), "swapbench-worker-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int w = 0; w < Math.min(workers, jobs.size()); w++) {
                Thread t = new Thread(() -> {
                    Fork fork = null;
                    try {
                        for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
                            WorkerJob job = jobs.get(i);
                            listener.started(job);
                            PairResult r;
                            if (fork == null) {
                                try {
                                    fork = new Fork();
                                } catch (UncheckedIOException e) {
                                    r = PairChecker.failed(job.policy(), job.baseline(), job.scenario(),
                                            job.maxPreemptions(), "not checked: " + e.getMessage());
                                    results[i] = r;
                                    listener.finished(job, r);
                                    continue;
                                }
                            }
                            r = fork.check(job);
                            if (!fork.alive()) {
                                fork.discard();
                                fork = null;
                            }
                            results[i] = r;
                            listener.finished(job, r);
                        }
                    } finally {
                        if (fork != null) {
                            fork.discard();
                        }
                    }
                }, "swapbench-worker-" + w);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            live.forEach(Process::destroyForcibly);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                WorkerJob j = jobs.get(i);
                results[i] = PairChecker.failed(j.policy(), j.baseline(), j.scenario(), j.maxPreemptions(),
                        "not checked: the run was interrupted");
            }
        }
        return List.of(results);
    }

    /**
     * The class path of {@code loader} as a worker's {@code -cp}: the URLs of every {@link URLClassLoader} up its
     * chain (a Maven plugin's realm), then this JVM's {@code java.class.path} (the application class loader).
     */
    public static String classPathOf(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: a worker cannot use it
                    }
                }
            }
        }
        entries.addAll(Arrays.asList(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    /** A marker for the end of a worker's output. */
    private static final String EOF = new String("EOF");

    /** One worker JVM with its pipes, and the threads that drain them. */
    private final class Fork {
        private final Process process;
        private final BufferedWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Deque<String> stderr = new ArrayDeque<>();
        private final Thread errReader;
        private final Path positionFile;
        private boolean alive = true;

        Fork() {
            try {
                positionFile = Files.createTempFile("swapbench-worker-", ".position");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a worker's position file: " + e.getMessage(), e);
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(WorkerMain.class.getName());
            cmd.add(positionFile.toString());
            try {
                process = new ProcessBuilder(cmd).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a worker JVM (" + cmd.get(0) + "): " + e.getMessage(), e);
            }
            live.add(process);
            in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread outReader = new Thread(this::readOut, "swapbench-worker-out");
            outReader.setDaemon(true);
            outReader.start();
            errReader = new Thread(this::readErr, "swapbench-worker-err");
            errReader.setDaemon(true);
            errReader.start();
        }

        boolean alive() {
            return alive;
        }

        private void readOut() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the worker is gone: EOF below
            }
            lines.add(EOF);
        }

        private void readErr() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (stderr) {
                        stderr.addLast(l.length() > 300 ? l.substring(0, 300) + "..." : l);
                        if (stderr.size() > STDERR_LINES) {
                            stderr.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }

        PairResult check(WorkerJob job) {
            // until the worker says the pair started, the clock is the JVM's start-up
            long deadline = System.nanoTime() + STARTUP.toNanos();
            boolean started = false;
            try {
                in.write(job.toJson());
                in.newLine();
                in.flush();
                while (true) {
                    long left = deadline - System.nanoTime();
                    String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                    if (line == null && !started) {
                        kill();
                        return failed(job, "was not started: its worker JVM did not read the job within "
                                + seconds(STARTUP) + " and was killed");
                    }
                    if (line == null) {
                        kill();
                        return failed(job, "did not finish within " + seconds(watchdog(job)) + " (the watchdog; "
                                + (job.timeLimit() == null ? "the default for a pair without --time-limit"
                                : "its time limit plus grace") + ") and its worker was killed");
                    }
                    if (line == EOF) {
                        return died(job);
                    }
                    if (!started && line.equals(WorkerMain.STARTED)) {
                        started = true;
                        deadline = System.nanoTime() + nanos(watchdog(job));
                        continue;
                    }
                    PairResult r = WorkerMain.readResultLine(line);
                    if (r != null) {
                        return r;
                    }
                }
            } catch (IOException e) {
                return died(job); // its input is closed, or its result unreadable: it is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                return failed(job, "was interrupted");
            }
        }

        private PairResult died(WorkerJob job) {
            int code;
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
                code = process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                code = -1;
            }
            close();
            String tail = tail();
            String how = tail.contains("OutOfMemoryError") ? " after running out of heap (the policy allocates, or "
                    + "the scenario is too large for the worker's heap: see --worker-heap)"
                    : " (System.exit or Runtime.halt in the policy, or a JVM crash)";
            return failed(job, "ended its worker JVM: it exited with code " + code + how);
        }

        private PairResult failed(WorkerJob job, String what) {
            String tail = tail();
            LastCall.Position at = PositionFile.read(positionFile);
            return PairChecker.failed(job.policy(), job.baseline(), job.scenario(), job.maxPreemptions(),
                    "policy " + job.policy() + " on scenario " + job.scenario().id() + " " + what
                    + (at != null ? "; last reported: " + at.describe() : "; no thread code had run yet")
                    + (tail.isEmpty() ? "" : "; the worker's stderr ended with: " + tail));
        }

        private String tail() {
            try {
                errReader.join(alive ? 0 : 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (stderr) {
                return String.join(" | ", stderr);
            }
        }

        private void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        void close() {
            alive = false;
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            live.remove(process);
        }

        /** Closes the worker and deletes its position file. */
        void discard() {
            close();
            try {
                Files.deleteIfExists(positionFile);
            } catch (IOException e) {
                // a temporary file: the system cleans it
            }
        }
    }

    private static long nanos(Duration d) {
        return d.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : d.toNanos();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
