package dev.swapbench.reports;

import dev.swapbench.engine.explore.CausalSlice;
import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (inline CSS and script, a Content-Security-Policy that forbids every
 * fetch, no external resource) that works from {@code file://}.
 *
 * <p>The changes against the baseline come first, then the matrix: scenarios down, one line each (the title cut to
 * fit, the whole title and the provenance in the row's tooltip), policies across in kernel history
 * ({@link Matrix#policies()}); each cell its checks fired, coloured by verdict and marked by how it stands against the
 * expectation, with states, the bound covered and time in its tooltip. Every pair's evidence is in the page, hidden:
 * clicking a cell opens it in a row under the cell's row, and "back to the matrix" (or Esc) closes it and returns to
 * the cell (without script, the cell is a link and CSS {@code :target} opens the evidence where it is stored). For
 * each violation the evidence draws the condensed interleaving ({@link CausalSlice}) as swimlanes, one column per
 * kernel thread named by its role, each step labelled with its kernel function, call, result and the changes that
 * matter, the violating step highlighted, then the check's message; the full trace (every step) is one click away
 * under it, and the condensed diagram as text ({@link CpuColumns#condensed}) under that. With hit rates
 * ({@code compare --hit-rate}) a violated cell also shows how often one random run hits it, and its evidence the
 * figures in full ({@link HitRates}); a violated pair without them says why. Nothing opens on load
 * unless the address names a pair.
 */
public final class HtmlReport {
    /** The page's Content-Security-Policy: nothing may be fetched; only the inline style and script run. */
    public static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'";

    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private HtmlReport() {
    }

    public static String render(Matrix m) {
        Ids ids = new Ids(m);
        StringBuilder h = new StringBuilder(64 * 1024);
        List<ScenarioInfo> rows = m.scenarios();
        List<PolicyInfo> cols = m.policies();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(esc(CSP)).append("\">\n")
                .append("<meta name=\"generator\" content=\"swapbench ").append(esc(JsonReport.toolVersion()))
                .append("\">\n<title>swapbench ").append(esc(m.meta().command().isEmpty() ? "report" : m.meta().command()))
                .append(": ").append(cols.size()).append(" policies \u00d7 ").append(rows.size())
                .append(" scenarios</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        header(h, m);
        if (m.baseline() != null) {
            changes(h, m, ids);
        }
        if (!m.meta().problems().isEmpty()) {
            h.append("<section id=\"problems\" class=\"problems\">\n<h2>Problems</h2>\n<ul>\n");
            for (String p : m.meta().problems()) {
                h.append("<li>").append(esc(p)).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        matrix(h, m, ids);
        h.append("<section id=\"evidence\">\n<h2>Evidence</h2>\n")
                .append("<p class=\"muted\" id=\"hint\">Click a cell of the matrix to see its evidence.</p>\n");
        for (ScenarioInfo s : rows) {
            for (PolicyInfo p : cols) {
                PairResult r = m.cell(s.id(), p.id());
                if (r != null && r.verdict() != Verdict.NOT_APPLICABLE) {
                    evidence(h, m, ids.of(r), r);
                }
            }
        }
        h.append("</section>\n");
        scenarios(h, rows);
        policies(h, cols);
        h.append("<footer>Written by swapbench ").append(esc(JsonReport.toolVersion())).append(" on ")
                .append(esc(m.meta().created().toString()))
                .append(". Self-contained: this file loads nothing from anywhere.</footer>\n");
        h.append("<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Matrix m) {
        Matrix.Counts c = m.counts();
        h.append("<header>\n<h1>swapbench ").append(esc(m.meta().command().isEmpty() ? "report" : m.meta().command()))
                .append("</h1>\n<p class=\"summary\">").append(c.pairs()).append(" pairs: ")
                .append(c.asExpected()).append(" as expected, ")
                .append(c.notAsExpected() > 0 ? "<span class=\"bad\">" : "<span>").append(c.notAsExpected())
                .append(" not as expected</span>, ").append(c.notJudged()).append(" not judged, ")
                .append(c.errors() > 0 ? "<span class=\"bad\">" : "<span>").append(c.errors()).append(" errors</span>");
        if (c.notApplicable() > 0) {
            h.append(", ").append(c.notApplicable()).append(" not applicable");
        }
        if (m.baseline() != null) {
            h.append("; ").append(c.regressions() > 0 ? "<span class=\"bad\">" : "<span>").append(c.regressions())
                    .append(" regressions</span> against the baseline");
        }
        h.append("</p>\n<p class=\"meta\">swapbench ").append(esc(JsonReport.toolVersion())).append(" \u00b7 ")
                .append(esc(m.meta().created().toString()));
        for (Map.Entry<String, Object> e : m.meta().extra().entrySet()) {
            h.append(" \u00b7 ").append(esc(e.getKey())).append(": ").append(esc(String.valueOf(e.getValue())));
        }
        h.append("</p>\n</header>\n");
    }

    private static void changes(StringBuilder h, Matrix m, Ids ids) {
        h.append("<section id=\"changes\">\n<h2>Changes against the baseline</h2>\n<p>Compared with <code>")
                .append(esc(m.baseline().name())).append("</code> (swapbench ").append(esc(m.baseline().version()))
                .append("): ").append(m.changes().size()).append(" changed pairs, ")
                .append(m.counts().regressions()).append(" regressions.</p>\n");
        if (m.changes().isEmpty()) {
            h.append("<p>No pair changed.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"changes\"><thead><tr><th></th><th>policy</th><th>scenario</th><th>change</th>")
                .append("<th>before</th><th>after</th></tr></thead>\n<tbody>\n");
        for (Change c : m.changes()) {
            PairResult r = m.cell(c.scenario(), c.policy());
            h.append("<tr class=\"").append(c.regression() ? "regression" : "change").append("\"><td><span class=\"badge\">")
                    .append(c.regression() ? "regression" : "changed").append("</span></td><td><code>")
                    .append(esc(c.policy())).append("</code></td><td>");
            if (r != null) {
                String id = ids.of(r);
                h.append("<a href=\"#").append(id).append("\" data-ev=\"").append(id).append("\">")
                        .append(esc(c.scenario())).append("</a>");
            } else {
                h.append(esc(c.scenario()));
            }
            h.append("</td><td>").append(esc(c.summary())).append("</td><td>")
                    .append(c.before() == null ? "\u2014" : esc(c.before().text())).append("</td><td>")
                    .append(c.after() == null ? "\u2014" : esc(c.after().text())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    /** The verdict matrix, one table per kernel era ({@link Matrix#eras()}). */
    private static void matrix(StringBuilder h, Matrix m, Ids ids) {
        h.append("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<div class=\"matrix-wrap\" id=\"matrix\">\n");
        List<Matrix.Era> eras = m.eras();
        for (Matrix.Era era : eras) {
            if (eras.size() > 1) {
                h.append("<h3 class=\"era\">").append(esc(era.title())).append("</h3>\n");
            }
            eraTable(h, m, ids, era.scenarios(), era.policies());
        }
        h.append("</div>\n");
        legend(h);
    }

    private static void eraTable(StringBuilder h, Matrix m, Ids ids, List<ScenarioInfo> rows, List<PolicyInfo> cols) {
        h.append("<table class=\"matrix\">\n<thead><tr><th>scenario \\ policy</th>");
        for (PolicyInfo p : cols) {
            h.append("<th class=\"policy\" scope=\"col\" title=\"").append(esc(p.description())).append("\">")
                    .append("<span class=\"pid\">").append(esc(p.id())).append("</span>")
                    .append("<span class=\"pbase\">").append(esc(p.baseline())).append("</span>");
            if (!PolicyInfo.BUILT_IN.equals(p.origin()) && !p.origin().isEmpty()) {
                h.append("<span class=\"porigin\">from ").append(esc(fileName(p.origin()))).append("</span>");
            }
            h.append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ScenarioInfo s : rows) {
            String details = s.title() + (s.provenanceKind().isEmpty() && s.provenanceRef().isEmpty() ? ""
                    : "\n" + s.provenanceKind() + " " + s.provenanceRef());
            h.append("<tr class=\"row\"><th class=\"scenario\" scope=\"row\" title=\"").append(esc(details.strip()))
                    .append("\"><span class=\"sid\">").append(esc(s.id())).append("</span>");
            if (!s.title().isEmpty()) {
                h.append("<span class=\"stitle\">").append(esc(s.title())).append("</span>");
            }
            h.append("</th>");
            for (PolicyInfo p : cols) {
                PairResult r = m.cell(s.id(), p.id());
                if (r == null) {
                    h.append("<td class=\"cell missing\" title=\"not run\">\u2014</td>");
                    continue;
                }
                cell(h, m, ids.of(r), r);
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<p class=\"legend\">Colour: <span class=\"sw v-clean\">clean</span><span class=\"sw v-violated\">")
                .append("violated</span><span class=\"sw v-incomplete\">incomplete</span><span class=\"sw v-error\">")
                .append("error</span> Mark: \u2713 as expected, <span class=\"sw j-not-as-expected\">\u2717 not as ")
                .append("expected</span> (outlined), \u00b7 not judged by the scenario. One table per kernel era: a policy ")
                .append("and a scenario of different eras are not applicable (never explored). Each cell: the checks ")
                .append("fired; ")
                .append("with hit rates (compare --hit-rate), a violated cell also says how often one run of a ")
                .append("uniformly random scheduler hits it (1 run in N; ~ estimated from random runs); ")
                .append("hover for states explored, the bound covered and time, click for the evidence (under the row; ")
                .append("Esc or \u201cback to the matrix\u201d closes it). Policies in kernel history: v2.6.35, ")
                .append("Andrea's recheck, v2.6.36, the thread's proposals; v4.15's bypass, the v6.8 and v6.9 fixes, the ")
                .append("series that never bypasses; then drop-ins. Hover a scenario for its ")
                .append("title and source.</p>\n</section>\n");
    }

    private static void cell(StringBuilder h, Matrix m, String id, PairResult r) {
        Matrix.Judgement j = Matrix.judgement(r);
        Change change = m.change(r.scenario(), r.policy());
        String mismatch = Matrix.mismatch(r);
        h.append("<td class=\"cell v-").append(r.verdict().id()).append(" j-").append(j.name().toLowerCase()
                        .replace('_', '-')).append(change != null && change.regression() ? " regression" : "")
                .append("\" data-ev=\"").append(id).append("\" data-policy=\"").append(esc(r.policy()))
                .append("\" data-scenario=\"").append(esc(r.scenario())).append("\" tabindex=\"0\" title=\"")
                .append(esc(r.policy() + " \u00d7 " + r.scenario() + ": " + Matrix.outcome(r) + " ("
                        + j.text() + ")" + (mismatch != null ? ": " + mismatch : "") + (r.verdict() == Verdict.ERROR
                        ? "" : "\n" + Matrix.count(r.states()) + " states, bound " + Matrix.bound(r) + ", "
                        + Matrix.seconds(r.seconds())) + (m.hitRate(r) == null || m.hitRate(r).error() != null ? ""
                        : "\nhit rate, uniform random scheduler: " + HitRates.uniform(m.hitRate(r).any())))).append("\">")
                .append("<a href=\"#").append(id).append("\">")
                .append("<span class=\"verdict\">").append(r.verdict().id()).append("</span>")
                .append("<span class=\"mark\">").append(mark(j)).append("</span>");
        List<String> fired = Matrix.fired(r);
        if (!fired.isEmpty()) {
            h.append("<span class=\"checks\">").append(esc(String.join(", ", fired))).append("</span>");
        }
        if (j == Matrix.Judgement.NOT_AS_EXPECTED && r.verdict() != Verdict.ERROR) {
            h.append("<span class=\"exp\">").append(esc(Matrix.expectation(r))).append("</span>");
        }
        if (m.hitRate(r) != null) {
            h.append("<span class=\"hit\">").append(esc(HitRates.brief(m.hitRate(r)))).append("</span>");
        }
        h.append("<span class=\"stats\">");
        if (r.verdict() == Verdict.ERROR) {
            h.append("the policy failed");
        } else if (r.verdict() == Verdict.NOT_APPLICABLE) {
            h.append("another kernel era");
        } else {
            h.append(Matrix.shortCount(r.states())).append(" states \u00b7 bound ").append(esc(Matrix.bound(r)))
                    .append(" \u00b7 ").append(Matrix.seconds(r.seconds()));
        }
        h.append("</span>");
        if (change != null) {
            h.append("<span class=\"delta").append(change.regression() ? " regression" : "").append("\">")
                    .append(change.regression() ? "regression: " : "").append(esc(change.kind().text()))
                    .append("</span>");
        }
        h.append("</a></td>");
    }

    private static String mark(Matrix.Judgement j) {
        return switch (j) {
            case AS_EXPECTED -> "\u2713";
            case NOT_AS_EXPECTED -> "\u2717";
            case NOT_JUDGED -> "\u00b7";
            case NOT_APPLICABLE -> "n/a";
        };
    }

    private static void evidence(StringBuilder h, Matrix m, String id, PairResult r) {
        Matrix.Judgement j = Matrix.judgement(r);
        h.append("<article class=\"evidence ev-").append(r.verdict().id()).append("\" id=\"").append(id)
                .append("\" data-policy=\"").append(esc(r.policy())).append("\" data-scenario=\"")
                .append(esc(r.scenario())).append("\">\n<h3><code>").append(esc(r.policy())).append("</code> \u00d7 <code>")
                .append(esc(r.scenario())).append("</code>: <span class=\"verdict v-").append(r.verdict().id())
                .append("\">").append(esc(Matrix.outcome(r))).append("</span> (").append(j.text()).append(")")
                .append(" <a class=\"back\" href=\"#verdicts\" data-back=\"").append(id)
                .append("\">\u2191 back to the matrix</a></h3>\n");
        ScenarioInfo s = m.scenario(r.scenario());
        if (!s.title().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(s.title())).append("</p>\n");
        }
        Change change = m.change(r.scenario(), r.policy());
        if (change != null) {
            h.append("<p class=\"").append(change.regression() ? "problems" : "muted").append("\"><b>")
                    .append(change.regression() ? "Regression against the baseline" : "Changed since the baseline")
                    .append(":</b> ").append(esc(change.summary())).append("</p>\n");
        }
        h.append("<dl class=\"facts\">\n<dt>expectation</dt><dd>").append(esc(Matrix.expectation(r)));
        if (r.reason() != null && !r.reason().isEmpty()) {
            h.append(" \u2014 ").append(esc(r.reason()));
        }
        h.append("</dd>\n");
        String mismatch = Matrix.mismatch(r);
        if (mismatch != null && r.verdict() != Verdict.ERROR) {
            h.append("<dt>differs</dt><dd class=\"problems\">").append(esc(mismatch)).append("</dd>\n");
        }
        h.append("<dt>states</dt><dd>").append(Matrix.count(r.states())).append(" (")
                .append(Matrix.count(r.transitions())).append(" transitions)</dd>\n")
                .append("<dt>bound covered</dt><dd>").append(r.maxPreemptions() < 0 ? "no preemption bound"
                        : "at most " + r.maxPreemptions() + " preemptions").append(r.complete()
                        ? ", search complete" : ", search <b>incomplete</b>").append("</dd>\n")
                .append("<dt>time</dt><dd>").append(Matrix.seconds(r.seconds())).append("</dd>\n")
                .append("<dt>rmap baseline</dt><dd>").append(esc(r.baseline() == null ? "" : r.baseline()))
                .append("</dd>\n");
        if (r.verdict() == Verdict.VIOLATED) {
            hitRate(h, m, r);
        }
        h.append("</dl>\n");
        if (r.verdict() == Verdict.ERROR) {
            h.append("<p class=\"errortext\">").append(esc(r.error() == null ? "" : r.error())).append("</p>\n");
        }
        if (r.verdict() == Verdict.INCOMPLETE) {
            h.append("<p>No check fired, but ").append(esc(Matrix.stopReason(r)))
                    .append(", before covering everything.</p>\n");
        }
        if (r.verdict() == Verdict.CLEAN) {
            h.append("<p>No check fired in any reachable state within the bound.</p>\n");
        }
        if (r.verdict() == Verdict.NOT_APPLICABLE) {
            h.append("<p>Not explored: the policy and the scenario belong to different kernel eras.</p>\n");
        }
        for (Counterexample c : r.violations()) {
            violation(h, m, r, c);
        }
        h.append("</article>\n");
    }

    /**
     * The {@code hit rate} fact of a violated pair: how likely one run of a uniformly random scheduler (and of PCT) is to
     * hit the violation, or why there is no figure.
     */
    private static void hitRate(StringBuilder h, Matrix m, PairResult r) {
        HitRate.Result hr = m.hitRate(r);
        h.append("<dt>hit rate</dt><dd class=\"hitrate\">");
        if (hr == null) {
            h.append(esc(m.hitRateMissing(r)));
        } else if (hr.error() != null) {
            h.append("not computed: ").append(esc(hr.error()));
        } else {
            h.append("uniform random scheduler: ").append(esc(HitRates.uniform(hr.any())));
            if (hr.any().fallback() != null) {
                h.append(" (").append(esc(HitRates.whyEstimated(hr.any()))).append(")");
            }
            if (hr.pct() != null) {
                h.append("<br>").append(esc(HitRates.pct(hr.pct())));
            }
            for (String c : HitRates.perCheck(hr, r.violations().stream().map(Counterexample::check).toList())) {
                h.append("<br>").append(esc(c));
            }
            h.append("<br><span class=\"muted\">").append(Matrix.seconds(hr.seconds()))
                    .append("; the probability that one run hits the violation: how many runs of a stress test it ")
                    .append("takes, without injected delays</span>");
        }
        h.append("</dd>\n");
    }

    private static void violation(StringBuilder h, Matrix m, PairResult r, Counterexample c) {
        ScenarioInfo s = m.scenario(r.scenario());
        CausalSlice slice = CausalSlice.of(c);
        h.append("<div class=\"violation\" data-check=\"").append(esc(c.check().id())).append("\">\n<h4><span class=\"check\">")
                .append(esc(c.check().id())).append("</span> ")
                .append(c.kind() != null ? "<span class=\"kind\">(" + esc(c.kind()) + ")</span> " : "")
                .append(esc(c.message())).append("</h4>\n")
                .append("<p class=\"muted\">Shortest interleaving: ").append(c.schedule().size()).append(" moves, ")
                .append(c.steps().size()).append(" kernel steps. Shown: the ").append(slice.steps().size())
                .append(" steps the violation depends on, one column per kernel thread, the violating step last, ")
                .append("highlighted; between two rows a thread also runs its steps not shown.</p>\n");
        threadLegend(h, CpuColumns.columns(slice.steps(), s.threads()), s);
        lanes(h, slice.steps(), CpuColumns.columns(slice.steps(), s.threads()), s, c, "condensed");
        h.append("<details class=\"full\"><summary>full trace: all ").append(c.steps().size())
                .append(" kernel steps</summary>\n");
        lanes(h, c.steps(), CpuColumns.columns(c.steps(), s.threads()), s, c, "full");
        h.append("</details>\n")
                .append("<p class=\"schedule\">schedule (replay with <code>swapbench replay</code>): <code>")
                .append(esc(String.join(" ", c.schedule()))).append("</code></p>\n")
                .append("<details class=\"text\"><summary>as text, for a mail</summary><pre>")
                .append(esc(m.diagram(r, c))).append("</pre></details>\n</div>\n");
    }

    /** {@code A = mm child, write fault} for each column. */
    private static void threadLegend(StringBuilder h, List<String> columns, ScenarioInfo s) {
        h.append("<p class=\"threads\">");
        for (String t : columns) {
            h.append("<span><b>").append(esc(t)).append("</b> ").append(esc(role(s, t))).append("</span>");
        }
        h.append("</p>\n");
    }

    private static String role(ScenarioInfo s, String thread) {
        int i = s.threads().indexOf(thread);
        return i >= 0 && i < s.roles().size() ? s.roles().get(i) : thread.equals("io") ? "swap I/O completion" : "";
    }

    /** Swimlanes: one column per thread (its role under its name), one row per step, the last one highlighted. */
    private static void lanes(StringBuilder h, List<TraceStep> steps, List<String> columns, ScenarioInfo s,
                              Counterexample c, String kind) {
        h.append("<p class=\"chg-legend\">changed:<i style=\"background:#1a73e8\"></i>pte")
                .append("<i style=\"background:#34a853\"></i>page<i style=\"background:#f29900\"></i>swap slot")
                .append("<i style=\"background:#a142f4\"></i>memcg<i style=\"background:#9aa0a6\"></i>lock</p>\n")
                .append("<div class=\"lanes-wrap\"><table class=\"lanes ").append(kind).append("\"><thead><tr><th>#</th>");
        for (String t : columns) {
            String role = role(s, t);
            h.append("<th class=\"lane\">").append(esc(t));
            if (!role.isEmpty()) {
                h.append(" <span class=\"role\">").append(esc(role)).append("</span>");
            }
            h.append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int k = 0; k < steps.size(); k++) {
            TraceStep st = steps.get(k);
            boolean last = k == steps.size() - 1;
            h.append("<tr class=\"step").append(last ? " violating" : "").append("\"><td class=\"idx\">")
                    .append(st.index()).append("</td>");
            for (String t : columns) {
                if (!t.equals(st.thread())) {
                    h.append("<td></td>");
                    continue;
                }
                h.append("<td class=\"op").append(t.startsWith("io") ? " io" : "").append("\"><span class=\"fn\">")
                        .append(esc(st.function())).append("</span>");
                if (!st.call().isEmpty()) {
                    h.append("<span class=\"call\">(").append(esc(st.call())).append(")</span>");
                }
                if (!st.result().isEmpty()) {
                    h.append(" <span class=\"res\">\u2192 ").append(esc(st.result())).append("</span>");
                }
                if (!st.changes().isEmpty()) {
                    h.append("<ul class=\"chg\">");
                    for (String ch : st.changes()) {
                        h.append("<li class=\"c-").append(kind(ch)).append("\">").append(esc(ch)).append("</li>");
                    }
                    h.append("</ul>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr class=\"fired\"><td class=\"idx\">\u26a0</td><td colspan=\"").append(Math.max(1, columns.size()))
                .append("\">").append(esc(c.check().id())).append(" fires: ").append(esc(c.message()))
                .append("</td></tr>\n</tbody></table></div>\n");
    }

    /** The kind of state a change line is about, for its colour: pte, page, swap, memcg, lock or other. */
    static String kind(String change) {
        String c = change.toLowerCase();
        if (c.contains("memcg") || c.contains("mem_cgroup") || c.contains("memsw") || c.contains("charge")) {
            return "memcg";
        }
        if (c.contains("pte[") || c.contains(" pte ")) {
            return "pte";
        }
        if (c.contains("ptl") || c.contains("mmap_sem") || c.contains("lock ")) {
            return "lock";
        }
        if (c.startsWith("slot") || c.contains("swap_map") || c.contains("swap count")) {
            return "swap";
        }
        if (c.startsWith("mm ") || c.startsWith("swap device")) {
            return "other";
        }
        return "page"; // a page's change starts with its name (P, page1, A's COW copy (do_wp_page))
    }

    private static void scenarios(StringBuilder h, List<ScenarioInfo> rows) {
        h.append("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n<table class=\"info\"><thead><tr><th>id</th>")
                .append("<th>title</th><th>provenance</th><th>file</th></tr></thead>\n<tbody>\n");
        for (ScenarioInfo s : rows) {
            h.append("<tr><td><code>").append(esc(s.id())).append("</code></td><td>").append(esc(s.title()));
            if (!s.provenanceNotes().isEmpty()) {
                h.append("<details><summary>notes</summary><div class=\"notes\">").append(esc(s.provenanceNotes().strip()))
                        .append("</div></details>");
            }
            h.append("</td><td>").append(esc(s.provenanceKind())).append(s.provenanceRef().isEmpty() ? "" : ": ")
                    .append("<code>").append(esc(s.provenanceRef())).append("</code></td><td><code>")
                    .append(esc(s.origin())).append("</code></td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private static void policies(StringBuilder h, List<PolicyInfo> cols) {
        h.append("<section id=\"policies\">\n<h2>Policies</h2>\n<table class=\"info\"><thead><tr><th>id</th>")
                .append("<th>rmap baseline</th><th>description</th><th>source</th><th>from</th></tr></thead>\n<tbody>\n");
        for (PolicyInfo p : cols) {
            h.append("<tr><td><code>").append(esc(p.id())).append("</code></td><td>").append(esc(p.baseline()))
                    .append("</td><td>").append(esc(p.description())).append("</td><td>").append(esc(p.source()))
                    .append("</td><td><code>").append(esc(p.origin())).append("</code></td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    static String esc(String s) {
        return Markup.escape(s);
    }

    /** Element ids for pairs: {@code pair-legacy--R2}, made unique. */
    private static final class Ids {
        private final Map<PairResult, String> ids = new HashMap<>();

        Ids(Matrix m) {
            Set<String> used = new HashSet<>();
            for (PairResult r : m.results()) {
                if (ids.containsKey(r)) {
                    continue;
                }
                String base = "pair-" + clean(r.policy()) + "--" + clean(r.scenario());
                String id = base;
                for (int n = 2; !used.add(id); n++) {
                    id = base + "-" + n;
                }
                ids.put(r, id);
            }
        }

        String of(PairResult r) {
            return ids.get(r);
        }

        private static String clean(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                b.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' ? c : '_');
            }
            return b.toString();
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("class path resource dev/swapbench/reports/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
