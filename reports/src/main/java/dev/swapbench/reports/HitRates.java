package dev.swapbench.reports;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.explore.Pct;
import dev.swapbench.engine.run.PairResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a violated pair's hit rates ({@link HitRate}: the probability that one run of a stress test hits the violation)
 * are worded: the lines {@code run --hit-rate} prints, the text of the HTML and Markdown reports, and the
 * {@code hitRate} object of the JSON reports (written and read back).
 */
public final class HitRates {
    /**
     * The JSON {@code meta} key of a report whose hit rates were asked for ({@code compare --hit-rate}); its value is
     * {@link #options}. Without it, the reports say that no hit rate was computed and how to get them.
     */
    public static final String META = "hitRate";

    /** What a report says, for a violated pair, when no hit rate was asked for. */
    public static final String NOT_ASKED = "not computed (opt-in: swapbench compare --hit-rate; it takes seconds to "
            + "minutes per violated pair)";

    private HitRates() {
    }

    /** The key of a pair in a map of hit rates. */
    public static String key(String policy, String scenario) {
        return policy + "\u0000" + scenario;
    }

    /** The {@link #META} value: the options the rates were computed with. */
    public static Map<String, Object> options(HitRate.Options o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("states", o.maxStates());
        m.put("runs", o.runs());
        m.put("pctDepth", o.pctDepth());
        m.put("seed", o.seed());
        return m;
    }

    /**
     * Why a pair gets no hit rate when they were asked for, or null when it should have one (it is violated).
     */
    public static String notComputed(PairResult r) {
        return switch (r.verdict()) {
            case VIOLATED -> null;
            case CLEAN -> "not computed: the pair is clean, no check fired to hit";
            case INCOMPLETE -> "not computed: no check fired in the search (incomplete), so there is no violation to hit";
            case ERROR -> "not computed: the policy failed";
            case NOT_APPLICABLE -> "not computed: the pair is not applicable";
        };
    }

    /**
     * The lines under a pair's check table: {@code hit rate:} for the pair's checks together, then, when more than one
     * check fired in the search (or livelock, which has no rate), a line per check.
     *
     * @param fired the checks that fired in the pair's search
     */
    public static List<String> lines(HitRate.Result r, List<CheckId> fired) {
        List<String> out = new ArrayList<>();
        if (r.error() != null) {
            out.add("  hit rate: not computed: " + r.error());
            return out;
        }
        StringBuilder b = new StringBuilder("  hit rate: uniform random scheduler ").append(uniform(r.any()));
        if (r.pct() != null) {
            b.append("; ").append(pct(r.pct()));
        }
        b.append(" (").append(Matrix.seconds(r.seconds())).append(")");
        out.add(b.toString());
        if (r.any().fallback() != null) {
            out.add("    (" + whyEstimated(r.any()) + ")");
        }
        for (String c : perCheck(r, fired)) {
            out.add("    " + c);
        }
        return out;
    }

    /** {@code estimated, not exact: WHY; raise --hit-rate-states, or -Xmx}. */
    static String whyEstimated(HitRate.Uniform u) {
        return "estimated, not exact: " + u.fallback() + "; raise --hit-rate-states, or -Xmx";
    }

    /**
     * A line per check when more than one fired (or livelock): {@code stale-mapping: 0.25 (1 run in 4)}; empty when one
     * check fired (the pair's figure is its figure).
     */
    static List<String> perCheck(HitRate.Result r, List<CheckId> fired) {
        List<String> out = new ArrayList<>();
        if (r.error() != null || !(fired.size() > 1 || fired.contains(CheckId.LIVELOCK))) {
            return out;
        }
        for (CheckId c : fired) {
            HitRate.Uniform u = r.checks().get(c);
            if (c == CheckId.LIVELOCK) {
                out.add("livelock: no rate (a livelock is a cycle that a random run leaves, not a state)");
            } else if (u == null) {
                out.add(c.id() + ": 0 (" + (r.any().exact() ? "no run of the random scheduler reaches it"
                        : "no run of " + count(r.any().runs()) + " hit it") + ")");
            } else {
                out.add(c.id() + ": " + rate(u.rate()) + oneIn(u.rate(), "1 run in ")
                        + (u.exact() ? "" : ", 95% CI [" + rate(u.low()) + ", " + rate(u.high()) + "]"));
            }
        }
        return out;
    }

    /**
     * The uniform scheduler's figure: {@code 2.1e-5 (1 run in 48,589), exact over 9,764 states}, or
     * {@code 2.0e-3 (1 run in 500), estimated from 10,000 runs (20 hits), 95% CI [1.4e-3, 3.2e-3]}.
     */
    public static String uniform(HitRate.Uniform u) {
        if (u.exact()) {
            boolean bracket = u.high() - u.low() > 1e-9 * u.high();
            return rate(u.rate()) + oneIn(u.rate(), "1 run in ") + ", exact over " + count(u.states()) + " states"
                    + (bracket ? " (between " + rate(u.low()) + " and " + rate(u.high()) + ")" : "");
        }
        return rate(u.rate()) + (u.hits() == 0 ? "" : oneIn(u.rate(), "1 run in ")) + ", estimated from "
                + count(u.runs()) + " runs (" + count(u.hits()) + (u.hits() == 1 ? " hit" : " hits")
                + (u.cut() > 0 ? ", " + count(u.cut()) + " cut" : "") + "), 95% CI [" + rate(u.low()) + ", "
                + rate(u.high()) + "]";
    }

    /** The uniform scheduler's figure for one check of the pair (livelock has none). */
    public static String uniform(HitRate.Result r, CheckId check) {
        if (check == CheckId.LIVELOCK) {
            return "no rate (a livelock is a cycle that a random run leaves, not a state)";
        }
        HitRate.Uniform u = r.checks().get(check);
        if (u != null) {
            return uniform(u);
        }
        return "0 for " + check.id() + " (" + (r.any().exact() ? "no run of the random scheduler reaches it"
                : "no run of " + count(r.any().runs()) + " hit it") + ")";
    }

    /**
     * PCT's figure: {@code PCT depth 3: 5.4e-3 (1 in 185), estimated from 10,000 runs, 95% CI [4.1e-3, 7.0e-3]; PCT
     * bound >= 1/(n k^(d-1)) = 1/(6*52^2) = 6.2e-5}, and the runs cut, if any.
     */
    public static String pct(HitRate.PctRate p) {
        StringBuilder b = new StringBuilder("PCT depth ").append(p.depth()).append(": ").append(rate(p.rate()))
                .append(p.hits() == 0 ? "" : oneIn(p.rate(), "1 in ")).append(", estimated from ").append(count(p.runs()))
                .append(" runs, 95% CI [").append(rate(p.low())).append(", ").append(rate(p.high()))
                .append("]; PCT bound >= 1/(n k^(d-1)) = 1/(").append(p.actors()).append("*").append(p.longestRun())
                .append("^").append(p.depth() - 1).append(") = ").append(rate(p.bound()));
        if (p.cutRuns() > 0) {
            b.append(" (").append(count(p.cutRuns())).append(" PCT run(s) cut at ").append(count(Pct.MAX_MOVES))
                    .append(" moves, a thread spinning at a high priority: counted as misses, left out of k)");
        }
        return b.toString();
    }

    /**
     * The figure for a matrix cell: {@code 1 run in 48,589} (exact) or {@code ~1 run in 476} (estimated), {@code 0 in
     * 10,000 runs}, {@code never}, or {@code not computed}.
     */
    public static String brief(HitRate.Result r) {
        if (r.error() != null) {
            return "hit rate not computed";
        }
        HitRate.Uniform u = r.any();
        if (u.rate() == 0) {
            return u.exact() ? "never hit by a random run" : "0 hits in " + count(u.runs()) + " runs";
        }
        return (u.exact() ? "" : "~") + "1 run in " + count(Math.round(1 / u.rate()));
    }

    /** A probability: two significant digits, in scientific notation below 0.01. */
    public static String rate(double p) {
        if (p == 0) {
            return "0";
        }
        if (p >= 0.01) {
            return String.format(Locale.ROOT, "%.2g", p).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        String s = String.format(Locale.ROOT, "%.1e", p);
        return s.replace("e-0", "e-");
    }

    private static String oneIn(double p, String words) {
        return p == 0 ? " (never)" : " (" + words + count(Math.round(1 / p)) + ")";
    }

    private static String count(long n) {
        return Matrix.count(n);
    }

    // ---- JSON ----

    /** The {@code hitRate} object of a pair's JSON result. */
    public static Map<String, Object> json(HitRate.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheduler", "uniform");
        if (r.error() != null) {
            m.put("error", r.error());
            m.put("seconds", r.seconds());
            return m;
        }
        m.put("any", json(r.any()));
        Map<String, Object> checks = new LinkedHashMap<>();
        r.checks().forEach((c, u) -> checks.put(c.id(), json(u)));
        m.put("checks", checks);
        HitRate.PctRate p = r.pct();
        if (p != null) {
            Map<String, Object> pct = new LinkedHashMap<>();
            pct.put("depth", p.depth());
            pct.put("method", "estimated");
            pct.put("runs", p.runs());
            pct.put("hits", p.hits());
            pct.put("rate", p.rate());
            pct.put("low", p.low());
            pct.put("high", p.high());
            pct.put("actors", p.actors());
            pct.put("longestRun", p.longestRun());
            pct.put("bound", p.bound());
            pct.put("cut", p.cutRuns());
            m.put("pct", pct);
        }
        m.put("seconds", r.seconds());
        return m;
    }

    private static Map<String, Object> json(HitRate.Uniform u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", u.exact() ? "exact" : "estimated");
        m.put("rate", u.rate());
        m.put("low", u.low());
        m.put("high", u.high());
        if (u.exact()) {
            m.put("states", u.states());
        } else {
            m.put("runs", u.runs());
            m.put("hits", u.hits());
            m.put("cut", u.cut());
            m.put("fallback", u.fallback());
        }
        return m;
    }
}
