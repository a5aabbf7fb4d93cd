package dev.swapbench.reports;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fixed comparative result set, built by hand: every verdict, every judgement, awkward characters. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");

    /** Hugh's R2 on legacy, cut down: B looks the page up, R frees and reuses the slot, B maps the stale page. */
    static final List<TraceStep> R2_STEPS = List.of(
            new TraceStep(1, "R", "isolate_lru_page + trylock_page", "", "page0",
                    List.of("page0 -lru", "page0 refcount 1->2", "page0 locked")),
            new TraceStep(2, "B", "lookup_swap_cache", "swap(1)", "page0", List.of("page0 refcount 2->3")),
            new TraceStep(3, "A", "user access (TLB / handle_pte_fault)", "write mm child [0]", "fault on swap(1)",
                    List.of()),
            new TraceStep(4, "io", "end_swap_bio_read", "page0", "",
                    List.of("page0 +uptodate", "page0 -read-io", "page0 unlocked")),
            new TraceStep(5, "C", "delete_from_swap_cache", "page0", "",
                    List.of("page0 -swapcache", "page0 refcount 3->2", "page0 private 1->0", "slot1 -SWAP_HAS_CACHE",
                            "slot1 swap cache empty")),
            new TraceStep(6, "R", "add_to_swap", "page1", "swap(1)",
                    List.of("page1 +swapcache", "slot1 +SWAP_HAS_CACHE", "slot1 swap cache page1")),
            new TraceStep(7, "B", "lock_page", "page0", "", List.of("page0 locked")),
            new TraceStep(8, "B", "pte_offset_map_lock", "mm child [0]", "swap(1)", List.of("mm child ptl taken")),
            new TraceStep(9, "B", "set_pte_at", "mm child [0] = present(page0,ro)", "",
                    List.of("mm child pte[0] swap(1)->present(page0,ro)")));

    static final Counterexample STALE = new Counterexample(CheckId.STALE_MAPPING,
            "mm child address 0 maps page0 holding 0, but 1 was written there last",
            List.of("R", "B", "A", "io0", "C", "R:1", "B", "B", "B"), R2_STEPS);

    static final Counterexample ODD = new Counterexample(CheckId.KERNEL_BUG,
            "BUG: <page0> & \"quoted\" | piped \u00d7 unicode",
            List.of("A"), List.of(new TraceStep(1, "A", "unlock_page", "page0", "", List.of("page0 unlocked <&>"))));

    static final PolicyInfo LEGACY = new PolicyInfo("legacy", "do_swap_page as in v2.6.35", "v2.6.35 mm/memory.c",
            "v2.6.35", PolicyInfo.BUILT_IN);
    static final PolicyInfo MAINLINE = new PolicyInfo("mainline-2.6.36", "both rechecks", "31c4a3d3a0f8",
            "v2.6.36", PolicyInfo.BUILT_IN);
    static final PolicyInfo DROPIN = new PolicyInfo("dropin-test", "a do_swap_page <dropped> in", "test",
            "v2.6.36", "/tmp/plugins/dropin.jar");
    static final PolicyInfo THROWER = new PolicyInfo("thrower", "throws", "test", "v2.6.36",
            "/tmp/plugins/thrower.jar");

    static final ScenarioInfo R2 = new ScenarioInfo("R2", "Hugh's pte_same ABA", "message-id",
            "<alpine.DEB.1.00.1007131320170.20413@tigran.mtv.corp.google.com>", "Hugh Dickins, 13 Jul 2010",
            "builtin:R2.yaml", List.of("A", "B", "C", "R"),
            List.of("mm child, write fault", "mm child, read fault", "mm parent, write fault", "reclaim"));
    static final ScenarioInfo R7 = new ScenarioInfo("R7", "a big one | with a pipe", "derived", "test", "",
            "/tmp/s/R7.yaml", List.of("A", "R"));

    static List<PairResult> results() {
        return List.of(
                new PairResult("legacy", "R2", "v2.6.35", Verdict.VIOLATED, List.of(STALE),
                        Set.of("stale-mapping"), "pte_same ABA", true, 20_085, 30_857, 0.06, true, 0, null),
                new PairResult("mainline-2.6.36", "R2", "v2.6.36", Verdict.CLEAN, List.of(), Set.of(),
                        "rechecks PageSwapCache and page_private", true, 22_355, 34_561, 0.07, true, 0, null),
                new PairResult("dropin-test", "R2", "v2.6.36", Verdict.VIOLATED, List.of(STALE, ODD), null, null,
                        true, 1234, 2345, 0.01, true, 0, null),
                new PairResult("thrower", "R2", "v2.6.36", Verdict.ERROR, List.of(), null, null, false, 0, 0, 0,
                        false, 0, "policy thrower failed on scenario R2: java.lang.IllegalStateException: boom <x>"),
                new PairResult("legacy", "R7", "v2.6.35", Verdict.INCOMPLETE, List.of(), Set.of(), "too big", false,
                        50_000_000, 90_000_000, 61.5, false, -1, null),
                new PairResult("mainline-2.6.36", "R7", "v2.6.36", Verdict.CLEAN, List.of(), Set.of("stale-mapping"),
                        "expects a bug it does not have", false, 1_000_000, 2_000_000, 1.25, true, -1, null),
                new PairResult("dropin-test", "R7", "v2.6.36", Verdict.CLEAN, List.of(), null, null, true, 10, 12,
                        0.001, true, -1, null));
    }

    static final Counterexample UNFINDABLE = new Counterexample(CheckId.ANON_RMAP,
            "mm child address 0 maps page0, which the rmap walk from page0 cannot reach",
            List.of("R", "B", "A", "io0", "C", "R:1", "B", "B", "B"), R2_STEPS, "unfindable-permanent");

    /** legacy x R2 with an anon-rmap violation of a known kind, legacy x R7 stopped by the time limit. */
    static Matrix kindsAndStops() {
        return Matrix.of(List.of(
                new PairResult("legacy", "R2", "v2.6.35", Verdict.VIOLATED, List.of(UNFINDABLE), Set.of("anon-rmap"),
                        "unfindable", true, 20_085, 30_857, 0.06, true, 0, null),
                new PairResult("legacy", "R7", "v2.6.35", Verdict.INCOMPLETE, List.of(), Set.of(), "too big", false,
                        5_000, 9_000, 10.0, false, -1, null,
                        "the search stopped at the time limit after 5000 states (scenario R7, bound -1)", "none")),
                meta(), null);
    }

    /** legacy × R2's estimated rates (its graph past the budget) with PCT beside them. */
    static final HitRate.Result LEGACY_R2_RATE;

    static {
        HitRate.Uniform u = new HitRate.Uniform(false, 0.0021, 0.0014, 0.0032, 0, 10_000, 21, 0,
                "the graph has more than 1,000,000 states (the budget)");
        LEGACY_R2_RATE = new HitRate.Result(u, Map.of(CheckId.STALE_MAPPING, u), new HitRate.PctRate(3, 10_000, 4,
                4.0e-4, 1.6e-4, 1.0e-3, 7, 123, 1.0 / (7 * 123 * 123), 0), 32.0, null);
    }

    /**
     * The matrix of {@link #results()} with hit rates asked for: legacy × R2 has its figures, dropin-test × R2 (two
     * checks) failed to get any, no other pair is violated.
     */
    static Matrix withHitRates() {
        Metadata m = meta();
        Map<String, Object> extra = new java.util.LinkedHashMap<>(m.extra());
        extra.put(HitRates.META, HitRates.options(new HitRate.Options(1_000_000, 10_000, 1, 3)));
        return Matrix.of(results(), new Metadata(m.command(), m.created(), m.policies(), m.scenarios(), m.problems(),
                extra), null, List.of(), Map.of(HitRates.key("legacy", "R2"), LEGACY_R2_RATE,
                HitRates.key("dropin-test", "R2"), new HitRate.Result(null, Map.of(), null, 0.5,
                        "the policy failed: boom <x>")));
    }

    static Metadata meta() {
        return new Metadata("compare", CREATED, List.of(LEGACY, MAINLINE, DROPIN, THROWER), List.of(R2, R7),
                List.of("--policy-path /tmp/plugins/broken.jar: no policy in it"), Map.of("maxPreemptionsOverride", 1));
    }

    static Matrix matrix() {
        return Matrix.of(results(), meta(), null);
    }

    /** A baseline in which legacy × R2 and mainline × R7 were clean and as expected, and a pair was removed. */
    static Baseline baseline() {
        return new Baseline("old/report.json", "0.0.9", List.of(
                new PairResult("legacy", "R2", "v2.6.35", Verdict.CLEAN, List.of(), Set.of(), "r", true, 1, 1, 0.1,
                        true, 0, null),
                new PairResult("mainline-2.6.36", "R2", "v2.6.36", Verdict.CLEAN, List.of(), Set.of(), "r", true, 1,
                        1, 0.1, true, 0, null),
                new PairResult("mainline-2.6.36", "R7", "v2.6.36", Verdict.CLEAN, List.of(), Set.of(), "r", true, 1,
                        1, 0.1, true, -1, null),
                new PairResult("legacy", "R9", "v2.6.35", Verdict.CLEAN, List.of(), Set.of(), "r", true, 1, 1, 0.1,
                        true, -1, null)));
    }

    static Matrix matrixWithBaseline() {
        return Matrix.of(results(), meta(), baseline());
    }
}
