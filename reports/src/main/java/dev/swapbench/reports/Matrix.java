package dev.swapbench.reports;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The comparative view every writer renders: scenarios down, policies across, one result per cell, plus the
 * metadata and the changes against a baseline. Building it never explores; it only arranges results.
 */
public final class Matrix {
    private final List<PairResult> results;
    private final Metadata meta;
    private final Baseline baseline;
    private final List<Change> changes;
    private final List<PolicyInfo> policies;
    private final List<ScenarioInfo> scenarios;
    private final Map<String, PairResult> cells = new HashMap<>();
    private final Map<String, Change> changeByPair = new HashMap<>();
    private final Map<String, HitRate.Result> hitRates;

    private Matrix(List<PairResult> results, Metadata meta, Baseline baseline, List<Change> changes,
                   Map<String, HitRate.Result> hitRates) {
        this.results = List.copyOf(results);
        this.hitRates = Map.copyOf(hitRates);
        this.meta = meta;
        this.baseline = baseline;
        this.changes = List.copyOf(changes);
        Map<String, PolicyInfo> ps = new LinkedHashMap<>();
        meta.policies().forEach(p -> ps.putIfAbsent(p.id(), p));
        Map<String, ScenarioInfo> ss = new LinkedHashMap<>();
        meta.scenarios().forEach(s -> ss.putIfAbsent(s.id(), s));
        for (PairResult r : results) {
            ps.computeIfAbsent(r.policy(), id -> new PolicyInfo(id, "", "", r.baseline(), ""));
            ss.computeIfAbsent(r.scenario(), ScenarioInfo::unknown);
            cells.putIfAbsent(key(r.policy(), r.scenario()), r);
        }
        this.policies = historyOrder(ps.values());
        this.scenarios = List.copyOf(ss.values());
        for (Change c : changes) {
            changeByPair.putIfAbsent(key(c.policy(), c.scenario()), c);
        }
    }

    /**
     * @param baseline the earlier report (null: none)
     * @param changes  {@code baseline.changes(results)} (empty without a baseline)
     */
    public static Matrix of(List<PairResult> results, Metadata meta, Baseline baseline, List<Change> changes) {
        return of(results, meta, baseline, changes, Map.of());
    }

    /**
     * @param hitRates the hit rates of violated pairs, by {@link HitRates#key} (empty: none; whether they were asked
     *                 for at all is {@link Metadata#extra()}'s {@value HitRates#META})
     */
    public static Matrix of(List<PairResult> results, Metadata meta, Baseline baseline, List<Change> changes,
                            Map<String, HitRate.Result> hitRates) {
        return new Matrix(results, meta, baseline, changes == null ? List.of() : changes,
                hitRates == null ? Map.of() : hitRates);
    }

    /** A matrix with its changes computed against {@code baseline} (null: none). */
    public static Matrix of(List<PairResult> results, Metadata meta, Baseline baseline) {
        return of(results, meta, baseline, baseline == null ? List.of() : baseline.changes(results));
    }

    public List<PairResult> results() {
        return results;
    }

    public Metadata meta() {
        return meta;
    }

    /** The baseline compared with, or null. */
    public Baseline baseline() {
        return baseline;
    }

    public List<Change> changes() {
        return changes;
    }

    /** The columns. */
    public List<PolicyInfo> policies() {
        return policies;
    }

    /** The rows (only those with a result, in metadata order; described scenarios without results are left out). */
    public List<ScenarioInfo> scenarios() {
        return scenarios.stream().filter(s -> policies.stream().anyMatch(p -> cell(s.id(), p.id()) != null))
                .toList();
    }

    /** The result of a cell, or null when that pair was not run. */
    public PairResult cell(String scenario, String policy) {
        return cells.get(key(policy, scenario));
    }

    /** The hit rates of a pair ({@code compare --hit-rate}), or null when none were computed for it. */
    public HitRate.Result hitRate(PairResult r) {
        return hitRates.get(HitRates.key(r.policy(), r.scenario()));
    }

    /** Every pair's hit rates, by {@link HitRates#key}. */
    public Map<String, HitRate.Result> hitRates() {
        return hitRates;
    }

    /** Whether the run computed hit rates for its violated pairs ({@code compare --hit-rate}). */
    public boolean hitRatesAsked() {
        return meta.extra().containsKey(HitRates.META);
    }

    /**
     * For a violated pair without figures, why: not asked for ({@link HitRates#NOT_ASKED}), or the reason it has none;
     * null when it has figures (or is not violated).
     */
    public String hitRateMissing(PairResult r) {
        if (r.verdict() != Verdict.VIOLATED || hitRate(r) != null) {
            return null;
        }
        return hitRatesAsked() ? "not computed for this pair" : HitRates.NOT_ASKED;
    }

    /** The change of a pair against the baseline, or null. */
    public Change change(String scenario, String policy) {
        return changeByPair.get(key(policy, scenario));
    }

    public ScenarioInfo scenario(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst().orElse(ScenarioInfo.unknown(id));
    }

    /** The counts of the summary line. */
    /** @param notApplicable pairs of a policy and a scenario from different kernel eras (never explored) */
    public record Counts(int pairs, int asExpected, int notAsExpected, int notJudged, int errors, int regressions,
                         int notApplicable) {
    }

    public Counts counts() {
        int regressions = (int) changes.stream().filter(Change::regression).count();
        return count(results, regressions);
    }

    /** The counts of any list of results (an error counts only as an error). */
    public static Counts count(List<PairResult> results, int regressions) {
        int asExpected = 0, notAsExpected = 0, notJudged = 0, errors = 0, notApplicable = 0;
        for (PairResult r : results) {
            if (r.verdict() == Verdict.NOT_APPLICABLE) {
                notApplicable++;
            } else if (r.verdict() == Verdict.ERROR) {
                errors++;
            } else if (!r.judged()) {
                notJudged++;
            } else if (r.asExpected()) {
                asExpected++;
            } else {
                notAsExpected++;
            }
        }
        return new Counts(results.size(), asExpected, notAsExpected, notJudged, errors, regressions, notApplicable);
    }

    /** {@code 18 pairs: 17 as expected, 1 not as expected, 0 not judged, 0 errors} (and regressions, if any). */
    public String summary() {
        return summary(counts()) + (baseline == null ? "" : "; " + counts().regressions() + " regressions and "
                + changes.size() + " changes against the baseline");
    }

    /**
     * {@code 18 pairs: 17 as expected, 1 not as expected, 0 not judged, 0 errors}, then, when there are any,
     * {@code , 8 not applicable} (pairs from different kernel eras).
     */
    public static String summary(Counts c) {
        return c.pairs() + " pairs: " + c.asExpected() + " as expected, " + c.notAsExpected() + " not as expected, "
                + c.notJudged() + " not judged, " + c.errors() + " errors"
                + (c.notApplicable() > 0 ? ", " + c.notApplicable() + " not applicable" : "");
    }

    // ---- helpers shared by the writers ----

    /** How a cell looks: its verdict and how it stands against the expectation. */
    public enum Judgement {
        AS_EXPECTED("as expected"), NOT_AS_EXPECTED("not as expected"), NOT_JUDGED("not judged"),
        /** The policy and the scenario belong to different kernel eras: nothing was explored. */
        NOT_APPLICABLE("not applicable: another kernel era");

        private final String text;

        Judgement(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static Judgement judgement(PairResult r) {
        if (r.verdict() == Verdict.NOT_APPLICABLE) {
            return Judgement.NOT_APPLICABLE;
        }
        if (r.verdict() != Verdict.ERROR && !r.judged()) {
            return Judgement.NOT_JUDGED;
        }
        return r.asExpected() ? Judgement.AS_EXPECTED : Judgement.NOT_AS_EXPECTED;
    }

    /** The checks that fired, in {@link CheckId} order. */
    public static List<String> fired(PairResult r) {
        return sortedChecks(r.violations().stream().map(c -> c.check().id()).toList());
    }

    /** Check ids in {@link CheckId} order, unknown ones last by name. */
    public static List<String> sortedChecks(java.util.Collection<String> ids) {
        List<String> l = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        l.sort(Comparator.comparingInt((String id) -> CheckId.byId(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        return l;
    }

    /** {@code violated: stale-mapping}, {@code violated: anon-rmap:bug}, {@code clean}, {@code error}. */
    public static String outcome(PairResult r) {
        List<String> f = new ArrayList<>();
        String kind = anonRmapKind(r);
        for (String id : fired(r)) {
            f.add(id.equals(CheckId.ANON_RMAP.id()) && kind != null ? id + ":" + kind : id);
        }
        return r.verdict().id() + (f.isEmpty() ? "" : ": " + String.join(", ", f));
    }

    /** The kind of the anon-rmap violation ({@code bug}, {@code unfindable-transient}, ...), or null. */
    public static String anonRmapKind(PairResult r) {
        return r.violations().stream().filter(c -> c.check() == CheckId.ANON_RMAP).map(Counterexample::kind)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Why an incomplete search stopped: the state budget, the time limit or the heap (as the result says). */
    public static String stopReason(PairResult r) {
        return r.stopped() != null ? r.stopped() : "the search stopped before covering everything";
    }

    /** {@code expected stale-mapping}, {@code expected clean}, {@code not judged}. */
    public static String expectation(PairResult r) {
        if (r.verdict() == Verdict.NOT_APPLICABLE) {
            return "not applicable";
        }
        if (!r.judged()) {
            return "not judged";
        }
        Set<String> e = r.expected();
        return e.isEmpty() ? "expected clean" : "expected " + String.join(", ", sortedChecks(e));
    }

    /** Why a pair is not as expected, in one line ({@code expected stale-mapping, got clean}), or null. */
    public static String mismatch(PairResult r) {
        if (r.verdict() == Verdict.ERROR) {
            return "the policy failed: " + r.error();
        }
        if (!r.judged() || r.asExpected()) {
            return null;
        }
        String got = r.verdict() == Verdict.INCOMPLETE ? "incomplete (" + stopReason(r) + ")" : outcome(r);
        return expectation(r) + ", got " + got;
    }

    /** {@code none} for -1, else the bound; with {@code , incomplete} when the search did not cover it. */
    public static String bound(PairResult r) {
        return (r.maxPreemptions() < 0 ? "none" : Integer.toString(r.maxPreemptions()))
                + (r.complete() ? "" : ", incomplete");
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2fs" : "%.1fs", s);
    }

    /** 12345678 as {@code 12,345,678}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 12345678 as {@code 12.3M}, 20085 as {@code 20.1k}. */
    public static String shortCount(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }

    /** The thread order for a counterexample's columns: the scenario's threads. */
    public List<String> threads(String scenario) {
        return scenario(scenario).threads();
    }

    /** The condensed diagram of a counterexample of a pair ({@link CpuColumns#condensed}). */
    public String diagram(PairResult r, Counterexample c) {
        ScenarioInfo s = scenario(r.scenario());
        return CpuColumns.condensed(c, s.threads(), s.roles());
    }

    /** The full trace of a counterexample of a pair as CPU columns ({@link CpuColumns#render}). */
    public String fullDiagram(PairResult r, Counterexample c) {
        return CpuColumns.render(c, threads(r.scenario()));
    }

    /**
     * A kernel era's part of the matrix: its policies and the scenarios written for it.
     *
     * @param title     how the reports title it ({@code 2010: v2.6.35 / v2.6.36}, {@code v6 era})
     * @param scenarios the scenarios with a pair explored under one of these policies
     * @param policies  the era's policies, in {@link #historyOrder} order
     */
    public record Era(String title, List<ScenarioInfo> scenarios, List<PolicyInfo> policies) {}

    /**
     * The matrix cut by kernel era: a policy and a scenario of different eras are not applicable (never explored), so
     * each era's scenarios are shown against that era's policies only. One era when all policies share one; a
     * scenario no policy applies to (it only has errors, say) goes with the first.
     */
    public List<Era> eras() {
        Map<String, List<PolicyInfo>> byEra = new LinkedHashMap<>();
        for (PolicyInfo p : policies) {
            byEra.computeIfAbsent(eraOf(p), k -> new ArrayList<>()).add(p);
        }
        List<Era> out = new ArrayList<>();
        for (Map.Entry<String, List<PolicyInfo>> e : byEra.entrySet()) {
            List<ScenarioInfo> rows = new ArrayList<>();
            for (ScenarioInfo s : scenarios()) {
                if (byEra.size() == 1 || appliesToSome(s, e.getValue())
                        || (out.isEmpty() && !appliesToSome(s, policies))) {
                    rows.add(s);
                }
            }
            if (!rows.isEmpty()) {
                out.add(new Era(e.getKey(), List.copyOf(rows), List.copyOf(e.getValue())));
            }
        }
        return out;
    }

    /** The kernel era a policy is written for, as the reports title it. */
    static String eraOf(PolicyInfo p) {
        return p.baseline().startsWith("v2.") ? "2010: v2.6.35 / v2.6.36" : p.baseline() + " era";
    }

    private boolean appliesToSome(ScenarioInfo s, List<PolicyInfo> ps) {
        for (PolicyInfo p : ps) {
            PairResult r = cell(s.id(), p.id());
            if (r != null && r.verdict() != Verdict.NOT_APPLICABLE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The built-in policies in kernel history: the two releases' code, then the proposals of the thread; then the v6
     * skip-swapcache ladder (v4.15's bypass, the v6.8 and v6.9 fixes, the series that never bypasses).
     */
    static final List<String> HISTORY = List.of("legacy", "andrea-recheck", "mainline-2.6.36", "ksm-forced-write",
            "reuse-remap", "bypass-v4.15", "swapcache-prepare-v6.8", "swapcache-wait-v6.9", "no-bypass");

    /**
     * The column order: era by era (the 2010 kernels, then v6), in each the built-in policies in kernel history
     * ({@link #HISTORY}), then the era's other policies by the kernel they build on (oldest first) and name.
     */
    static List<PolicyInfo> historyOrder(java.util.Collection<PolicyInfo> policies) {
        List<PolicyInfo> out = new ArrayList<>(policies);
        out.sort(Comparator.comparingInt((PolicyInfo p) -> p.baseline().startsWith("v2.") ? 0 : 1)
                .thenComparingInt((PolicyInfo p) -> HISTORY.contains(p.id()) ? HISTORY.indexOf(p.id())
                        : HISTORY.size())
                .thenComparing(PolicyInfo::baseline, Matrix::compareVersions)
                .thenComparing(PolicyInfo::id));
        return out;
    }

    /** {@code v2.6.9} before {@code v2.6.36}: numbers compared as numbers. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)"), y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = !x[i].isEmpty() && x[i].chars().allMatch(Character::isDigit);
            boolean ny = !y[i].isEmpty() && y[i].chars().allMatch(Character::isDigit);
            int c = nx && ny && x[i].length() < 10 && y[i].length() < 10
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static String key(String policy, String scenario) {
        return policy + "\u0000" + scenario;
    }
}
