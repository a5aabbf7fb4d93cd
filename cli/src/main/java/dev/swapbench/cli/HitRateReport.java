package dev.swapbench.cli;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.explore.Pct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code run --hit-rate}: a violated pair's hit rates ({@link HitRate}) as the lines {@code run} prints under its check
 * table and as the {@code hitRate} object of its JSON result.
 */
final class HitRateReport {
    private HitRateReport() {
    }

    /**
     * The {@code hit rate:} line for the pair's checks together, then, when more than one check fired in the search (or
     * livelock, which has no rate), a line per check.
     *
     * @param fired the checks that fired in the pair's search
     */
    static List<String> lines(HitRate.Result r, List<CheckId> fired) {
        List<String> out = new ArrayList<>();
        if (r.error() != null) {
            out.add("  hit rate: not computed: " + r.error());
            return out;
        }
        StringBuilder b = new StringBuilder("  hit rate: uniform random scheduler ").append(uniform(r.any()));
        HitRate.PctRate p = r.pct();
        if (p != null) {
            b.append("; PCT depth ").append(p.depth()).append(": ").append(rate(p.rate()))
                    .append(p.hits() == 0 ? "" : oneIn(p.rate(), "1 in ")).append(", estimated from ").append(count(p.runs())).append(" runs, 95% CI [")
                    .append(rate(p.low())).append(", ").append(rate(p.high())).append("]; PCT bound >= 1/(n k^(d-1)) = 1/(")
                    .append(p.actors()).append("*").append(p.longestRun()).append("^").append(p.depth() - 1)
                    .append(") = ").append(rate(p.bound()));
            if (p.cutRuns() > 0) {
                b.append(" (").append(count(p.cutRuns())).append(" PCT run(s) cut at ").append(count(Pct.MAX_MOVES))
                        .append(" moves, a thread spinning at a high priority: counted as misses, left out of k)");
            }
        }
        b.append(" (").append(Texts.seconds(r.seconds())).append(")");
        out.add(b.toString());
        if (r.any().fallback() != null) {
            out.add("    (estimated, not exact: " + r.any().fallback() + "; raise --hit-rate-states, or -Xmx)");
        }
        if (fired.size() > 1 || fired.contains(CheckId.LIVELOCK)) {
            for (CheckId c : fired) {
                HitRate.Uniform u = r.checks().get(c);
                if (c == CheckId.LIVELOCK) {
                    out.add("    livelock: no rate (a livelock is a cycle that a random run leaves, not a state)");
                } else if (u == null) {
                    out.add("    " + c.id() + ": 0 (" + (r.any().exact() ? "no run of the random scheduler reaches it"
                            : "no run of " + count(r.any().runs()) + " hit it") + ")");
                } else {
                    out.add("    " + c.id() + ": " + rate(u.rate()) + oneIn(u.rate(), "1 run in ")
                            + (u.exact() ? "" : ", 95% CI [" + rate(u.low()) + ", " + rate(u.high()) + "]"));
                }
            }
        }
        return out;
    }

    private static String uniform(HitRate.Uniform u) {
        String s = rate(u.rate()) + oneIn(u.rate(), "1 run in ");
        if (u.exact()) {
            boolean bracket = u.high() - u.low() > 1e-9 * u.high();
            return s + ", exact over " + count(u.states()) + " states"
                    + (bracket ? " (between " + rate(u.low()) + " and " + rate(u.high()) + ")" : "");
        }
        return rate(u.rate()) + (u.hits() == 0 ? "" : oneIn(u.rate(), "1 run in ")) + ", estimated from "
                + count(u.runs()) + " runs (" + count(u.hits()) + (u.hits() == 1 ? " hit" : " hits")
                + (u.cut() > 0 ? ", " + count(u.cut()) + " cut" : "") + "), 95% CI [" + rate(u.low()) + ", "
                + rate(u.high()) + "]";
    }

    /** A probability: two significant digits, in scientific notation below 0.01. */
    static String rate(double p) {
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
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The {@code hitRate} object of the pair's JSON result. */
    static Map<String, Object> json(HitRate.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheduler", "uniform");
        if (r.error() != null) {
            m.put("error", r.error());
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
