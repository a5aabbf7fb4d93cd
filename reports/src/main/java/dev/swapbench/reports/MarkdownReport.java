package dev.swapbench.reports;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.HitRate;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.util.List;
import java.util.Map;

/**
 * {@code report.md}: for a mailing list or a pull request. The changes against the baseline first, then the matrix as
 * a Markdown table (verdict, checks fired, a mark for the expectation), the search effort as a second table, the hit
 * rates of the violated pairs ({@code compare --hit-rate}; otherwise a line that says they were not computed), each
 * counterexample as a plain-text CPU-column diagram ({@link CpuColumns}) in a fenced block, the errors, and the
 * scenarios and policies.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Matrix m) {
        StringBuilder md = new StringBuilder(32 * 1024);
        List<ScenarioInfo> rows = m.scenarios();
        List<PolicyInfo> cols = m.policies();
        md.append("# swapbench ").append(m.meta().command().isEmpty() ? "report" : m.meta().command()).append("\n\n");
        md.append(m.summary()).append(".\n\n");
        md.append("swapbench ").append(JsonReport.toolVersion()).append(" \u00b7 ").append(m.meta().created());
        for (Map.Entry<String, Object> e : m.meta().extra().entrySet()) {
            md.append(" \u00b7 ").append(e.getKey()).append(": ").append(e.getValue());
        }
        md.append("\n\n");

        if (m.baseline() != null) {
            md.append("## Changes against the baseline\n\n").append("Compared with `").append(m.baseline().name())
                    .append("` (swapbench ").append(m.baseline().version()).append("): ").append(m.changes().size())
                    .append(" changed pairs, ").append(m.counts().regressions()).append(" regressions.\n\n");
            if (m.changes().isEmpty()) {
                md.append("No pair changed.\n\n");
            } else {
                md.append("| | policy | scenario | change | before | after |\n|---|---|---|---|---|---|\n");
                for (Change c : m.changes()) {
                    md.append("| ").append(c.regression() ? "**REGRESSION**" : "changed").append(" | `")
                            .append(cell(c.policy())).append("` | ").append(cell(c.scenario())).append(" | ")
                            .append(cell(c.summary())).append(" | ")
                            .append(c.before() == null ? "\u2014" : cell(c.before().text())).append(" | ")
                            .append(c.after() == null ? "\u2014" : cell(c.after().text())).append(" |\n");
                }
                md.append('\n');
            }
        }
        if (!m.meta().problems().isEmpty()) {
            md.append("## Problems\n\n");
            for (String p : m.meta().problems()) {
                md.append("- ").append(p.replace('\n', ' ')).append('\n');
            }
            md.append('\n');
        }

        md.append("## Verdicts\n\n")
                .append("Scenarios down, policies across. \u2713 as expected, \u2717 not as expected, \u00b7 not judged ")
                .append("by the scenario.\n\n");
        List<Matrix.Era> eras = m.eras();
        eraTables(md, m, eras, r -> r == null ? "\u2014" : verdictCell(m, r));
        if (eras.size() > 1) {
            md.append("A policy and a scenario of different kernel eras are not applicable: never explored.\n\n");
        }
        md.append("## Search effort\n\nStates explored \u00b7 preemption bound covered (none: unbounded) \u00b7 time.\n\n");
        eraTables(md, m, eras, r -> r == null || r.verdict() == Verdict.NOT_APPLICABLE ? "\u2014"
                : r.verdict() == Verdict.ERROR ? "error"
                : Matrix.count(r.states()) + " \u00b7 " + cell(Matrix.bound(r)) + " \u00b7 "
                + Matrix.seconds(r.seconds()));

        hitRates(md, m);

        boolean any = false;
        for (ScenarioInfo s : rows) {
            for (PolicyInfo p : cols) {
                PairResult r = m.cell(s.id(), p.id());
                if (r == null || r.violations().isEmpty()) {
                    continue;
                }
                if (!any) {
                    md.append("## Counterexamples\n\nEach is the shortest interleaving found: one column per kernel ")
                            .append("thread, a step's changes on the lines under it, the violating step marked `")
                            .append(CpuColumns.MARK).append("`.\n\n");
                    any = true;
                }
                for (Counterexample c : r.violations()) {
                    counterexample(md, m, r, c);
                }
            }
        }
        boolean errors = false;
        for (PairResult r : m.results()) {
            if (r.verdict() != Verdict.ERROR) {
                continue;
            }
            if (!errors) {
                md.append("## Errors\n\n");
                errors = true;
            }
            md.append("### ").append(r.policy()).append(" \u00d7 ").append(r.scenario()).append("\n\n");
            fenced(md, r.error() == null ? "" : r.error());
        }

        md.append("## Scenarios\n\n| id | title | provenance | file |\n|---|---|---|---|\n");
        for (ScenarioInfo s : rows) {
            md.append("| ").append(cell(s.id())).append(" | ").append(cell(s.title())).append(" | ")
                    .append(cell(s.provenanceKind())).append(s.provenanceRef().isEmpty() ? "" : " `"
                            + cell(s.provenanceRef()) + "`").append(" | ").append(cell(s.origin())).append(" |\n");
        }
        md.append("\n## Policies\n\n| id | rmap baseline | description | source | from |\n|---|---|---|---|---|\n");
        for (PolicyInfo p : cols) {
            md.append("| `").append(cell(p.id())).append("` | ").append(cell(p.baseline())).append(" | ")
                    .append(cell(p.description())).append(" | ").append(cell(p.source())).append(" | ")
                    .append(cell(p.origin())).append(" |\n");
        }
        return md.toString();
    }

    /**
     * The hit rates of the violated pairs ({@code compare --hit-rate}): one row each, with the figures or why there
     * are none; without the option, one line that says they were not computed. Nothing when no pair is violated.
     */
    private static void hitRates(StringBuilder md, Matrix m) {
        List<PairResult> violated = new java.util.ArrayList<>();
        for (ScenarioInfo s : m.scenarios()) {
            for (PolicyInfo p : m.policies()) {
                PairResult r = m.cell(s.id(), p.id());
                if (r != null && r.verdict() == Verdict.VIOLATED) {
                    violated.add(r);
                }
            }
        }
        if (violated.isEmpty()) {
            return;
        }
        md.append("## Hit rates\n\n");
        if (!m.hitRatesAsked()) {
            md.append("Hit rates: ").append(HitRates.NOT_ASKED).append(".\n\n");
            return;
        }
        md.append("How likely one run is to hit the violation, i.e. about how many runs of a stress test it takes ")
                .append("without injected delays: under a uniformly random scheduler (exact over the state graph, or ")
                .append("estimated from random runs with a 95 % interval and why), and under PCT (estimated) beside ")
                .append("PCT's guaranteed bound.\n\n")
                .append("| policy | scenario | checks | uniform random scheduler | PCT | time |\n")
                .append("|---|---|---|---|---|---|\n");
        for (PairResult r : violated) {
            HitRate.Result h = m.hitRate(r);
            md.append("| `").append(cell(r.policy())).append("` | ").append(cell(r.scenario())).append(" | ")
                    .append(cell(String.join(", ", Matrix.fired(r)))).append(" | ");
            if (h == null) {
                md.append(cell(m.hitRateMissing(r))).append(" | \u2014 | \u2014 |\n");
            } else if (h.error() != null) {
                md.append("not computed: ").append(cell(h.error())).append(" | \u2014 | ")
                        .append(Matrix.seconds(h.seconds())).append(" |\n");
            } else {
                String uniform = HitRates.uniform(h.any())
                        + (h.any().fallback() != null ? " (" + HitRates.whyEstimated(h.any()) + ")" : "");
                for (String c : HitRates.perCheck(h, r.violations().stream().map(Counterexample::check).toList())) {
                    uniform += "; " + c;
                }
                md.append(cell(uniform)).append(" | ")
                        .append(h.pct() == null ? "not asked (--hit-rate-depth 0)" : cell(HitRates.pct(h.pct())))
                        .append(" | ").append(Matrix.seconds(h.seconds())).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** One table per kernel era (a heading each when there are several), each cell drawn by {@code show}. */
    private static void eraTables(StringBuilder md, Matrix m, List<Matrix.Era> eras,
                                  java.util.function.Function<PairResult, String> show) {
        for (Matrix.Era era : eras) {
            if (eras.size() > 1) {
                md.append("### ").append(era.title()).append("\n\n");
            }
            header(md, era.policies());
            for (ScenarioInfo s : era.scenarios()) {
                md.append("| ").append(cell(s.id()));
                for (PolicyInfo p : era.policies()) {
                    md.append(" | ").append(show.apply(m.cell(s.id(), p.id())));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
    }

    private static void header(StringBuilder md, List<PolicyInfo> cols) {
        md.append("| scenario");
        for (PolicyInfo p : cols) {
            md.append(" | ").append(cell(p.id()));
        }
        md.append(" |\n|---");
        md.append("|---".repeat(cols.size()));
        md.append("|\n");
    }

    /** {@code violated: stale-mapping ✓}; not as expected in bold with what was expected; a regression flagged. */
    static String verdictCell(Matrix m, PairResult r) {
        Matrix.Judgement j = Matrix.judgement(r);
        String text = Matrix.outcome(r);
        String out = switch (j) {
            case AS_EXPECTED -> text + " \u2713";
            case NOT_JUDGED -> text + " \u00b7";
            case NOT_APPLICABLE -> "n/a";
            case NOT_AS_EXPECTED -> "**" + text + " \u2717**" + (r.verdict() == Verdict.ERROR ? ""
                    : " (" + Matrix.expectation(r) + ")");
        };
        if (!r.complete() && r.verdict() != Verdict.ERROR && r.verdict() != Verdict.INCOMPLETE) {
            out += " (search incomplete)";
        }
        Change c = m.change(r.scenario(), r.policy());
        if (c != null && c.regression()) {
            out += " **regression**";
        } else if (c != null) {
            out += " (" + c.kind().text() + ")";
        }
        return cell(out);
    }

    private static void counterexample(StringBuilder md, Matrix m, PairResult r, Counterexample c) {
        md.append("### ").append(r.policy()).append(" \u00d7 ").append(r.scenario()).append(": ")
                .append(c.check().id()).append(c.kind() != null ? " (" + c.kind() + ")" : "").append("\n\n");
        md.append(c.message().replace('\n', ' ')).append("\n\n");
        ScenarioInfo s = m.scenario(r.scenario());
        md.append(Matrix.expectation(r)).append(" (").append(Matrix.judgement(r).text()).append(")");
        if (r.reason() != null && !r.reason().isEmpty()) {
            md.append(": ").append(r.reason().replace('\n', ' '));
        }
        md.append(". ").append(Matrix.count(r.states())).append(" states, bound ").append(Matrix.bound(r))
                .append(", ").append(Matrix.seconds(r.seconds())).append(". Shortest interleaving: ")
                .append(c.schedule().size()).append(" moves, ").append(c.steps().size()).append(" kernel steps");
        if (!s.title().isEmpty()) {
            md.append("; scenario: ").append(s.title().replace('\n', ' '));
        }
        md.append(".\n\n");
        HitRate.Result h = m.hitRate(r);
        md.append("Hit rate: ");
        if (h == null) {
            md.append(m.hitRateMissing(r));
        } else if (h.error() != null) {
            md.append("not computed: ").append(h.error().replace('\n', ' '));
        } else {
            md.append("uniform random scheduler ").append(HitRates.uniform(h, c.check()))
                    .append(h.pct() == null ? "" : "; " + HitRates.pct(h.pct()) + " (any check)");
        }
        md.append(".\n\n");
        fenced(md, m.diagram(r, c));
        md.append("Schedule: `").append(String.join(" ", c.schedule())).append("`\n\n");
    }

    /** A fenced block whose fence is longer than any run of backticks in the text. */
    private static void fenced(StringBuilder md, String text) {
        int longest = 0, run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        md.append(fence).append("text\n").append(text);
        if (!text.endsWith("\n")) {
            md.append('\n');
        }
        md.append(fence).append("\n\n");
    }

    /** A table cell: one line, pipes escaped. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    }
}
