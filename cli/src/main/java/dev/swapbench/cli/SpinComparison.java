package dev.swapbench.cli;

import dev.swapbench.engine.explore.Exploration;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench --spin}: SPIN and swapbench on the same race, side by side. For each K, SPIN checks the reference
 * Promela model's RECHECK variant (the 2.6.36 fix) with {@code -DK=K}, compiled once with partial-order reduction
 * and once without ({@code -DNOREDUCE}), pan run as the model's own {@code run.sh} runs it; swapbench explores
 * {@code spin-anchor-K1} with each user thread's actions repeated K times (the corpus's {@code spin-anchor-K*}
 * scenarios) under the chosen policy. The runs alternate (SPIN with POR, swapbench, SPIN without POR, swapbench) so
 * that a slow spell of a shared machine falls on both; each figure is the median of the rounds.
 */
final class SpinComparison {
    private static final Pattern STORED = Pattern.compile("^\\s*(\\d+) states, stored", Pattern.MULTILINE);
    private static final Pattern ELAPSED = Pattern.compile("pan: elapsed time ([0-9.e+-]+) seconds");
    private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
    /** Untimed searches of K=1 before the first timed one: the JIT compiles the search first, as gcc compiles pan. */
    private static final int WARM_UP = 3;

    private final PrintWriter out;
    private final Path model;
    private final Function<Scenario, Exploration> explore;

    /**
     * @param model   the Promela model (swapin_race.pml)
     * @param explore runs swapbench's search on a scenario (the bench's policy, bound, workers, reduction)
     */
    SpinComparison(PrintWriter out, Path model, Function<Scenario, Exploration> explore) {
        this.out = out;
        this.model = model;
        this.explore = explore;
    }

    /** Fails with a message when SPIN cannot be run here (no model file, no spin or gcc on the PATH). */
    static void requireTools(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new InputException("bench --spin: no SPIN model at " + model.toAbsolutePath().normalize()
                    + ": pass the path of swapin_race.pml with --spin-model FILE");
        }
        for (String tool : List.of("spin", "gcc")) {
            if (!onPath(tool)) {
                throw new InputException("bench --spin needs " + tool + " on the PATH (Debian: apt-get install -y "
                        + "spin gcc)");
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The anchor scenario at K accesses per user thread, from the K=1 scenario, with no state budget. */
    static Scenario atK(Scenario k1, int k) {
        List<ThreadSpec> threads = new ArrayList<>();
        for (ThreadSpec t : k1.threads()) {
            List<Action> actions = new ArrayList<>();
            for (int i = 0; i < (t.daemon() ? 1 : k); i++) {
                actions.addAll(t.actions());
            }
            threads.add(new ThreadSpec(t.id(), t.mm(), t.daemon(), actions, t.line()));
        }
        Bounds b = k1.bounds();
        return new Scenario("spin-anchor-K" + k, k1.title().replace("K=1", "K=" + k), k1.provenance(), k1.knobs(),
                k1.memory(), threads, new Bounds(b.maxPreemptions(), Long.MAX_VALUE, b.stepBudget()),
                k1.expectations(), k1.origin() + " (K=" + k + ")");
    }

    /** One pan run: states stored, pan's elapsed seconds, errors found. */
    record Pan(long states, double seconds, long errors) {}

    void run(Scenario k1, List<Integer> ks, int rounds, String policy, String bound) throws IOException,
            InterruptedException {
        out.println("SPIN " + version() + " on " + model.toAbsolutePath().normalize() + " (RECHECK, pan -m1000000), "
                + "swapbench " + policy + " " + bound + "; alternating, " + rounds + " round(s), medians");
        out.println(String.format(Locale.ROOT, "%-3s %24s %24s %28s %10s %10s %10s %10s", "K", "SPIN POR states / s",
                "SPIN no-POR states / s", "swapbench states / s", "cpu", "t/POR", "t/noPOR", "st/POR"));
        out.flush();
        // the warm-up only compiles the explorer's hot paths: K=1 at bound 0 whatever bound is asked for, so that a
        // search without a bound (and its --time-limit) is not spent WARM_UP more times before the timed ones
        Scenario warmUp = atK(k1, 1);
        warmUp = warmUp.withBounds(warmUp.bounds().withMaxPreemptions(0));
        for (int i = 0; i < WARM_UP; i++) {
            explore.apply(warmUp);
        }
        Path dir = Files.createTempDirectory("swapbench-spin");
        try {
            for (int k : ks) {
                Path por = build(dir, k, false);
                Path nored = build(dir, k, true);
                Scenario s = atK(k1, k);
                List<Pan> pors = new ArrayList<>();
                List<Pan> noreds = new ArrayList<>();
                List<Ours> ours = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    pors.add(pan(por, k));
                    ours.add(ours(s));
                    noreds.add(pan(nored, k));
                    ours.add(ours(s));
                }
                Pan a = median(pors);
                Pan b = median(noreds);
                Exploration e = ours.get(0).search();
                double seconds = median(ours.stream().mapToDouble(o -> o.search().seconds()).toArray());
                double cpu = median(ours.stream().mapToDouble(Ours::cpuSeconds).toArray());
                out.println(String.format(Locale.ROOT, "%-3d %24s %24s %28s %10s %10s %10s %10s", k,
                        Texts.count(a.states()) + " / " + Texts.seconds(a.seconds()),
                        Texts.count(b.states()) + " / " + Texts.seconds(b.seconds()),
                        Texts.count(e.states()) + " / " + Texts.seconds(seconds) + (e.complete() ? "" : " INCOMPLETE")
                                + (e.violations().isEmpty() ? "" : " VIOLATED"),
                        cpu < 0 ? "-" : Texts.seconds(cpu),
                        ratio(seconds, a.seconds()), ratio(seconds, b.seconds()), ratio(e.states(), a.states())));
                if (a.errors() != 0 || b.errors() != 0) {
                    out.println("    SPIN reported " + a.errors() + " / " + b.errors() + " error(s): not the RECHECK "
                            + "model this bench expects");
                }
                out.flush();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        out.println("Timed: for pan, its own elapsed time (one thread; spin -a and gcc, 4-7 s, not counted); for "
                + "swapbench, the wall time of the search in this JVM (Explorer.run, counterexamples included), after " + WARM_UP
                + " untimed warm-up searches of K=1 at bound 0, JVM start not counted; cpu: the CPU time of this JVM over the same "
                + "search (every thread: search threads, GC, JIT). Medians of the runs (swapbench runs twice a round). "
                + "t/POR, t/noPOR: swapbench's search time over pan's elapsed time; st/POR: states stored over SPIN's "
                + "with POR.");
    }

    /** One swapbench search, and the CPU time the JVM used meanwhile (-1 when the JVM does not say). */
    private record Ours(Exploration search, double cpuSeconds) {}

    private Ours ours(Scenario s) {
        long before = processCpuNanos();
        Exploration e = explore.apply(s);
        long after = processCpuNanos();
        return new Ours(e, before < 0 || after < 0 ? -1 : (after - before) / 1e9);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The median (of an even count, the mean of the two middle values). */
    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static Pan median(List<Pan> runs) {
        return new Pan(runs.get(0).states(), median(runs.stream().mapToDouble(Pan::seconds).toArray()),
                runs.stream().mapToLong(Pan::errors).max().orElse(-1));
    }

    private String version() throws IOException, InterruptedException {
        String v = exec(null, Duration.ofSeconds(30), "spin", "-V").strip();
        return v.replaceFirst("^Spin Version ", "").replaceFirst(" -- .*", "");
    }

    /** spin -a and gcc, in a directory of its own; returns the pan binary. */
    private Path build(Path dir, int k, boolean noReduce) throws IOException, InterruptedException {
        Path d = dir.resolve("K" + k + (noReduce ? "-noreduce" : "-por"));
        Files.createDirectories(d);
        Files.copy(model, d.resolve("swapin_race.pml"));
        exec(d, Duration.ofMinutes(2), "spin", "-DRECHECK", "-DK=" + k, "-a", "swapin_race.pml");
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O2", "-w", "-DSAFETY"));
        if (noReduce) {
            gcc.add("-DNOREDUCE");
        }
        gcc.addAll(List.of("-o", "pan", "pan.c"));
        exec(d, Duration.ofMinutes(5), gcc.toArray(new String[0]));
        return d.resolve("pan");
    }

    private Pan pan(Path pan, int k) throws IOException, InterruptedException {
        int w = k >= 4 ? 26 : k >= 3 ? 25 : 24; // the hash table sizes run.sh uses
        String text = exec(pan.getParent(), Duration.ofMinutes(30), pan.toString(), "-m1000000", "-w" + w);
        Matcher st = STORED.matcher(text);
        Matcher el = ELAPSED.matcher(text);
        Matcher er = ERRORS.matcher(text);
        if (!st.find() || !el.find()) {
            throw new InputException("bench --spin: cannot read pan's output for K=" + k + ":\n" + text);
        }
        return new Pan(Long.parseLong(st.group(1)), Double.parseDouble(el.group(1)),
                er.find() ? Long.parseLong(er.group(1)) : -1);
    }

    private static String exec(Path dir, Duration limit, String... command) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] output;
        try (var in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new InputException("bench --spin: " + String.join(" ", command) + " took longer than " + limit);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new InputException("bench --spin: " + String.join(" ", command) + " failed (exit " + p.exitValue()
                    + "):\n" + text);
        }
        return text;
    }
}
