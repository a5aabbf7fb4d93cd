package dev.swapbench.cli;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.reports.Baseline;
import dev.swapbench.reports.JsonReport;
import dev.swapbench.reports.Matrix;
import dev.swapbench.reports.Metadata;
import dev.swapbench.reports.PolicyInfo;
import dev.swapbench.reports.ReportSet;
import dev.swapbench.reports.ScenarioInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swapbench merge}: the report.json files of the shards of one {@code compare --shard I/N} run, combined into
 * the four reports the unsharded run writes (identical apart from timings and the creation time).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combine the report.json files of the shards of one 'compare --shard I/N' run into the four "
                + "reports (report.html, report.md, report.json, junit.xml) the unsharded run writes.",
            "Exit status: as compare's over all pairs: 0 every judged pair as expected, 1 some judged pair not as "
                + "expected (or a regression against --baseline), 2 usage or input error (a file that is not a "
                + "shard report, shards of different runs, a missing or repeated pair or shard), a policy that "
                + "failed, or a policy jar that could not be loaded."})
final class MergeCommand implements Callable<Integer> {
    /** The meta key a shard's report.json carries: {@code "I/N"}. */
    static final String SHARD = "shard";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", arity = "1..*", description = "A shard's report.json.")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/swapbench",
            description = "Where to write the reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A report.json of an earlier run, as for compare.")
    Path baseline;

    @Override
    public Integer call() {
        List<JsonReport.Comparative> shards = new ArrayList<>();
        for (Path f : reports) {
            try {
                shards.add(JsonReport.readComparative(f));
            } catch (NoSuchFileException e) {
                throw new InputException(f + ": no such file");
            } catch (IOException e) {
                throw new InputException("not a compare report: " + e.getMessage(), e);
            }
        }
        Metadata first = shards.get(0).meta();
        List<String> policyIds = first.policies().stream().map(PolicyInfo::id).toList();
        List<String> scenarioIds = first.scenarios().stream().map(ScenarioInfo::id).toList();
        Set<String> shardTags = new TreeSet<>();
        Instant created = first.created();
        Map<String, PairResult> byPair = new HashMap<>();
        Map<String, dev.swapbench.engine.explore.HitRate.Result> hitRates = new HashMap<>();
        Set<String> problems = new LinkedHashSet<>();
        for (int k = 0; k < shards.size(); k++) {
            Metadata m = shards.get(k).meta();
            if (!m.policies().stream().map(PolicyInfo::id).toList().equals(policyIds)
                    || !m.scenarios().stream().map(ScenarioInfo::id).toList().equals(scenarioIds)) {
                throw new InputException(reports.get(k) + " and " + reports.get(0) + " are not shards of one run: "
                        + "their policies or scenarios differ");
            }
            Object tag = m.extra().get(SHARD);
            if (tag != null && !shardTags.add(tag.toString())) {
                throw new InputException(reports.get(k) + ": shard " + tag + " is given twice");
            }
            created = m.created().isAfter(created) ? m.created() : created;
            problems.addAll(m.problems());
            hitRates.putAll(shards.get(k).hitRates());
            for (PairResult r : shards.get(k).results()) {
                if (byPair.put(key(r.policy(), r.scenario()), r) != null) {
                    throw new InputException(reports.get(k) + ": pair " + r.policy() + " \u00d7 " + r.scenario()
                            + " is in two shards");
                }
            }
        }
        checkShards(shardTags);
        List<PairResult> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> pairOrder = policyIds.stream().sorted().toList(); // compare checks policies in id order
        for (String s : scenarioIds) {
            for (String p : pairOrder) {
                PairResult r = byPair.remove(key(p, s));
                if (r == null) {
                    missing.add(p + " \u00d7 " + s);
                } else {
                    results.add(r);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(missing.size() + " pairs are in no shard (a shard report is missing?), e.g. "
                    + missing.get(0));
        }
        if (!byPair.isEmpty()) {
            throw new InputException("results for pairs the reports do not list: " + new TreeSet<>(byPair.keySet()));
        }
        Map<String, Object> extra = new LinkedHashMap<>(first.extra());
        extra.remove(SHARD);
        Metadata meta = new Metadata(first.command(), created, first.policies(), first.scenarios(),
                List.copyOf(problems), extra);
        Baseline before = null;
        if (baseline != null) {
            try {
                before = Baseline.read(baseline);
            } catch (IOException e) {
                throw new InputException("--baseline " + baseline + ": " + e.getMessage(), e);
            }
        }
        ReportSet.Written written;
        try {
            written = ReportSet.write(out, results, meta, before, hitRates);
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot write the reports into " + out + ": " + e, e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Matrix m = written.matrix();
        CompareCommand.printMatrix(stdout, m);
        stdout.println(m.summary());
        for (Path f : written.files()) {
            stdout.println("wrote " + f);
        }
        stdout.flush();
        Matrix.Counts c = m.counts();
        if (c.errors() > 0 || !problems.isEmpty()) {
            return 2;
        }
        return c.notAsExpected() > 0 || c.regressions() > 0 ? 1 : 0;
    }

    /** Shards tagged I/N must all say the same N and together be 1..N. */
    private void checkShards(Set<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Set<Integer> seen = new TreeSet<>();
        Set<String> counts = new TreeSet<>();
        for (String t : tags) {
            int[] in = CompareCommand.shard(spec, t);
            seen.add(in[0]);
            counts.add(Integer.toString(in[1]));
        }
        if (counts.size() > 1) {
            throw new InputException("the shards come from runs cut in different numbers of shards: " + tags);
        }
        int n = Integer.parseInt(counts.iterator().next());
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!seen.contains(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException("shard" + (missing.size() > 1 ? "s " : " ") + missing.stream()
                    .sorted(Comparator.naturalOrder()).map(i -> i + "/" + n).toList() + " missing");
        }
    }

    private static String key(String policy, String scenario) {
        return policy + "\u0000" + scenario;
    }
}
