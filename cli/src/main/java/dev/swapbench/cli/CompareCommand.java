package dev.swapbench.cli;

import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.reports.Baseline;
import dev.swapbench.reports.Change;
import dev.swapbench.reports.HitRates;
import dev.swapbench.reports.Matrix;
import dev.swapbench.reports.Metadata;
import dev.swapbench.reports.PolicyInfo;
import dev.swapbench.reports.ReportSet;
import dev.swapbench.reports.ScenarioInfo;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code swapbench compare}: every policy found against every scenario, written as the four comparative reports
 * ({@link ReportSet}): report.html, report.md, report.json and junit.xml.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Check every policy found (built-in and --policy-path jars) against every scenario (the "
                + "built-in corpus and the *.yaml files under each --scenarios folder) and write the comparative "
                + "reports into --out: report.html (the matrix, each cell's evidence drawn as CPU columns), "
                + "report.md, report.json and junit.xml. With --hit-rate, each violated pair's hit rate (how likely one "
                + "run of a stress test is to hit it) is computed after the searches and shown in report.html, "
                + "report.md and report.json.",
            "Exit status: 0 every judged pair as expected (and no regression against --baseline), 1 some judged pair "
                + "not as expected, or a regression against the baseline (a pair as expected before and not now, or "
                + "a check that newly fires), 2 usage or input error, a policy jar that could not be loaded, or a "
                + "policy that failed (the reports are still written)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--policy-path", paramLabel = "JAR|DIR",
            description = "A policy jar, or a folder whose *.jar files are added; each jar gets its own class "
                    + "loader. Repeatable.")
    List<Path> policyPath = new ArrayList<>();

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "A folder whose *.yaml files (in it and below) are added to the scenarios. Repeatable.")
    List<Path> scenarioDirs = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A report.json (or run --json file) of an earlier run: what changed is shown first in "
                    + "every report, and a regression exits with 1.")
    Path baseline;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/swapbench",
            description = "Where to write the reports (default: ${DEFAULT-VALUE}, relative to the current folder).")
    Path out;

    @Option(names = "--max-preemptions", paramLabel = "N", defaultValue = "" + RunCommand.KEEP_BOUND,
            description = "Override every scenario's preemption bound: N >= 0, or -1 for none (exhaustive). "
                    + "Default: each scenario's own bound.", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    int maxPreemptions;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop each pair's search after SECONDS (its verdict is then incomplete unless a check "
                    + "fired). Default: no limit.")
    Double timeLimit;

    @Option(names = "--policy", paramLabel = "ID",
            description = "Only this policy (repeatable). Default: every policy found.")
    List<String> policyIds = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "ID|FILE",
            description = "Only this built-in scenario, or this scenario file, in place of the whole built-in corpus "
                    + "(repeatable; --scenarios folders are still added).")
    List<String> scenarioSpecs = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Check only shard I of N (1 <= I <= N): every N-th pair, starting with the I-th, of the "
                    + "same pair list every shard sees. The reports still list every policy and scenario; combine the "
                    + "shards' report.json files with 'swapbench merge'.")
    String shard;

    @Mixin
    Workers workers = new Workers();

    @Mixin
    HitRateOptions hitRate = new HitRateOptions();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "With --hit-rate: the seed of its random runs (run r of a batch is reproduced by the same "
                    + "seed). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        RunCommand.checkBound(spec, maxPreemptions);
        hitRate.check(spec);
        if (!hitRate.on && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seed only applies with --hit-rate");
        }
        java.time.Duration limit = RunCommand.timeLimit(spec, timeLimit);
        int[] shardIndex = shard == null ? null : shard(spec, shard);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Baseline before = null;
        if (baseline != null) {
            try {
                before = Baseline.read(baseline);
            } catch (NoSuchFileException e) {
                throw new InputException("--baseline " + baseline + ": no such file");
            } catch (IOException e) {
                throw new InputException("--baseline: cannot read the earlier report: " + e.getMessage(), e);
            }
        }
        List<PairResult> results = new ArrayList<>();
        List<PolicyInfo> policyInfos = new ArrayList<>();
        List<ScenarioInfo> scenarioInfos = new ArrayList<>();
        List<String> problems;
        int brokenJars;
        Map<String, HitRate.Result> hitRates = Map.of();
        try (Inputs in = new Inputs(policyPath, true)) {
            List<SwapFaultPolicy> policies = policyIds.isEmpty() ? in.columns() : in.policies(policyIds);
            List<Scenario> scenarios = scenarios(in);
            problems = in.warnings();
            brokenJars = in.brokenJars();
            for (String w : problems) {
                err.println("swapbench: warning: " + w);
            }
            err.flush();
            if (policies.isEmpty()) {
                throw new InputException("no policy found; add a policy jar with --policy-path");
            }
            for (SwapFaultPolicy p : policies) {
                String origin = in.origin(p);
                policyInfos.add(PolicyInfo.of(p, origin.equals("class path") ? PolicyInfo.BUILT_IN : origin));
            }
            scenarios.forEach(s -> scenarioInfos.add(ScenarioInfo.of(s)));
            List<Workers.Pair> pairs = new ArrayList<>();
            int index = 0;
            for (Scenario s : scenarios) {
                for (SwapFaultPolicy p : policies) {
                    // shard I of N: the pairs whose index (in this order, the same in every shard) is I-1 mod N
                    if (shardIndex == null || index % shardIndex[1] == shardIndex[0] - 1) {
                        pairs.add(new Workers.Pair(p, in.jar(p), s));
                    }
                    index++;
                }
            }
            try (Progress progress = Progress.start(err, pairs.size())) {
                results.addAll(workers.check(spec, pairs, maxPreemptions, limit, new Workers.Listener() {
                    @Override
                    public void started(String pair) {
                        progress.started(pair);
                    }

                    @Override
                    public void finished(PairResult r) {
                        progress.finished(r.states());
                        if (r.verdict() == Verdict.ERROR) {
                            synchronized (err) {
                                progress.clear();
                                err.println("swapbench: " + r.policy() + " \u00d7 " + r.scenario() + ": error: "
                                        + r.error());
                                err.flush();
                            }
                        }
                    }
                }));
            }
            if (hitRate.on) {
                hitRates = hitRates(pairs, results, err);
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        if (maxPreemptions != RunCommand.KEEP_BOUND) {
            extra.put("maxPreemptionsOverride", maxPreemptions);
        }
        if (shard != null) {
            extra.put(MergeCommand.SHARD, shardIndex[0] + "/" + shardIndex[1]);
        }
        if (hitRate.on) {
            extra.put(HitRates.META, HitRates.options(hitRate.options(seed)));
        }
        Metadata meta = new Metadata("compare", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), policyInfos, scenarioInfos, problems, extra);
        ReportSet.Written written;
        try {
            written = ReportSet.write(out, results, meta, before, hitRates);
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot write the reports into " + out + " (the previous ones, if any, are "
                    + "left as they were): " + e, e);
        }
        Matrix m = written.matrix();
        if (before != null) {
            printChanges(stdout, m);
        }
        printMatrix(stdout, m);
        if (hitRate.on) {
            printHitRates(stdout, m);
        }
        stdout.println(m.summary());
        for (Path f : written.files()) {
            stdout.println("wrote " + f);
        }
        stdout.flush();
        Matrix.Counts c = m.counts();
        if (c.errors() > 0 || brokenJars > 0) {
            return 2;
        }
        return c.notAsExpected() > 0 || c.regressions() > 0 ? 1 : 0;
    }

    /**
     * The hit rates of the violated pairs, one after the other in this JVM (each may take the heap), by
     * {@link HitRates#key}; stderr says which pair is being computed.
     */
    private Map<String, HitRate.Result> hitRates(List<Workers.Pair> pairs, List<PairResult> results, PrintWriter err) {
        Map<String, HitRate.Result> out = new LinkedHashMap<>();
        List<Integer> violated = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).verdict() == Verdict.VIOLATED) {
                violated.add(i);
            }
        }
        int done = 0;
        for (int i : violated) {
            Workers.Pair pair = pairs.get(i);
            PairResult r = results.get(i);
            err.println("swapbench: hit rate " + (++done) + "/" + violated.size() + ": " + r.policy() + " \u00d7 "
                    + r.scenario());
            err.flush();
            out.put(HitRates.key(r.policy(), r.scenario()), HitRateOptions.compute(pair.scenario(), pair.policy(),
                    hitRate.options(seed)));
        }
        return out;
    }

    /** One line per violated pair: how often one run of a uniformly random scheduler hits it, or why not known. */
    private static void printHitRates(PrintWriter out, Matrix m) {
        List<PairResult> violated = m.results().stream().filter(r -> r.verdict() == Verdict.VIOLATED).toList();
        out.println("Hit rates, one run of a uniformly random scheduler (PCT and details in the reports): "
                + (violated.isEmpty() ? "no pair is violated, nothing to compute" : violated.size() + (violated.size() == 1 ? " violated pair" : " violated pairs")));
        for (PairResult r : violated) {
            HitRate.Result h = m.hitRate(r);
            out.println("  " + r.policy() + " \u00d7 " + r.scenario() + ": " + (h == null ? m.hitRateMissing(r)
                    : h.error() != null ? "not computed: " + h.error() : HitRates.uniform(h.any())));
        }
    }

    /** {@code I/N} as {I, N}; anything else is a usage error. */
    static int[] shard(CommandSpec spec, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})/([0-9]{1,9})").matcher(text);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shard must be I/N with "
                + "1 <= I <= N (e.g. 2/4; from a 0-based index K use $((K+1))/N), got '" + text + "'");
    }

    /** The built-in corpus (or the --scenario ones), then every *.yaml under each --scenarios folder. */
    private List<Scenario> scenarios(Inputs in) {
        List<Scenario> base = scenarioSpecs.isEmpty() ? in.corpus() : in.scenarios(scenarioSpecs);
        Map<String, Scenario> byId = new LinkedHashMap<>();
        for (Scenario s : base) {
            byId.put(s.id(), s);
        }
        for (Path dir : scenarioDirs) {
            if (!Files.isDirectory(dir)) {
                throw new InputException("--scenarios " + dir + ": " + (Files.exists(dir) ? "not a folder"
                        : "no such folder"));
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(f -> Files.isRegularFile(f) && (f.getFileName().toString().endsWith(".yaml")
                        || f.getFileName().toString().endsWith(".yml"))).sorted().toList();
            } catch (IOException e) {
                throw new InputException("--scenarios " + dir + ": cannot list the folder: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new InputException("--scenarios " + dir + ": no *.yaml file in it");
            }
            for (Path f : files) {
                Scenario s = in.scenario(f.toString());
                Scenario other = byId.putIfAbsent(s.id(), s);
                if (other != null) {
                    throw new InputException("two scenarios have the id '" + s.id() + "': " + other.origin() + " and "
                            + s.origin());
                }
            }
        }
        if (byId.isEmpty()) {
            throw new InputException("no scenario to check");
        }
        return List.copyOf(byId.values());
    }

    private static void printChanges(PrintWriter out, Matrix m) {
        out.println("Changes against " + m.baseline().name() + ": " + m.changes().size() + " pairs changed, "
                + m.counts().regressions() + " regressions");
        for (Change c : m.changes()) {
            out.println("  " + (c.regression() ? "REGRESSION " : "changed    ") + c.policy() + " \u00d7 " + c.scenario()
                    + ": " + c.summary());
        }
        out.println();
    }

    /**
     * The matrix as text: scenarios down, policies across, each cell its verdict and mark; one table per kernel era
     * ({@link Matrix#eras()}), since a policy and a scenario of different eras are never explored.
     */
    static void printMatrix(PrintWriter out, Matrix m) {
        List<Matrix.Era> eras = m.eras();
        for (Matrix.Era era : eras) {
            if (eras.size() > 1) {
                out.println(era.title() + ":");
            }
            printTable(out, m, era.scenarios(), era.policies());
        }
        out.println("(\u2713 as expected, \u2717 not as expected, \u00b7 not judged" + (eras.size() > 1
                ? "; a policy and a scenario of different eras are not applicable, never explored)" : ")"));
    }

    private static void printTable(PrintWriter out, Matrix m, List<ScenarioInfo> rows, List<PolicyInfo> cols) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        cols.forEach(p -> header.add(p.id()));
        table.add(header);
        for (ScenarioInfo s : rows) {
            List<String> row = new ArrayList<>();
            row.add(s.id());
            for (PolicyInfo p : cols) {
                PairResult r = m.cell(s.id(), p.id());
                row.add(r == null ? "-" : switch (Matrix.judgement(r)) {
                    case AS_EXPECTED -> Matrix.outcome(r) + " \u2713";
                    case NOT_AS_EXPECTED -> Matrix.outcome(r) + " \u2717";
                    case NOT_JUDGED -> Matrix.outcome(r) + " \u00b7";
                    case NOT_APPLICABLE -> "n/a";
                });
            }
            table.add(row);
        }
        int[] w = new int[header.size()];
        for (List<String> row : table) {
            for (int i = 0; i < row.size(); i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        for (List<String> row : table) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                b.append(i == 0 ? "" : "  ").append(row.get(i)).append(" ".repeat(w[i] - row.get(i).length()));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
