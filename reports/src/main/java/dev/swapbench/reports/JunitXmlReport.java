package dev.swapbench.reports;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code junit.xml} in the Ant/Surefire format CI servers read: {@code <testsuites>} with one {@code <testsuite>}
 * per policy (name = policy id) and one {@code <testcase>} per (policy, scenario) pair, {@code classname} = policy
 * id, {@code name} = scenario id, {@code time} = search seconds.
 *
 * <ul>
 *   <li>a judged pair whose verdict differs from the expectation: {@code <failure>} (message: what was expected and
 *       what happened; text: the counterexamples as CPU-column diagrams);</li>
 *   <li>a regression against the baseline: {@code <failure>} whose message starts with
 *       {@code regression against baseline};</li>
 *   <li>verdict {@code error}: {@code <error>} with the policy's failure;</li>
 *   <li>a pair the scenario does not judge passes, with a {@code <system-out>} note of its verdict;</li>
 *   <li>each problem of the run (a policy jar with no policy, a provider class that is missing, an id that is null
 *       or taken): an {@code <error>} case in a suite named {@code policy-path}.</li>
 * </ul>
 * With a baseline, each suite's {@code <system-out>} lists that policy's changes (removed pairs too).
 */
public final class JunitXmlReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JunitXmlReport() {
    }

    private record Case(PairResult result, String failure, String failureText, boolean error) {
    }

    public static String render(Matrix m) {
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        for (PolicyInfo p : m.policies()) {
            suites.put(p.id(), new ArrayList<>());
        }
        // regressions first within each suite, as everywhere else
        List<PairResult> ordered = new ArrayList<>();
        for (ScenarioInfo s : m.scenarios()) {
            for (PolicyInfo p : m.policies()) {
                PairResult r = m.cell(s.id(), p.id());
                if (r != null) {
                    ordered.add(r);
                }
            }
        }
        for (PairResult r : m.results()) {
            if (!ordered.contains(r)) {
                ordered.add(r);
            }
        }
        ordered.sort(java.util.Comparator.comparing((PairResult r) -> {
            Change c = m.change(r.scenario(), r.policy());
            return c == null || !c.regression();
        }));
        for (PairResult r : ordered) {
            suites.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(toCase(m, r));
        }
        for (Change c : m.changes()) {
            suites.computeIfAbsent(c.policy(), k -> new ArrayList<>());
        }

        int tests = 0, failures = 0, errors = 0, skipped = 0;
        double time = 0;
        for (List<Case> cs : suites.values()) {
            for (Case c : cs) {
                tests++;
                skipped += notApplicable(c.result) ? 1 : 0;
                failures += c.failure != null && !c.error ? 1 : 0;
                errors += c.error ? 1 : 0;
                time += c.result.seconds();
            }
        }
        List<String> problems = m.meta().problems();
        tests += problems.size();
        errors += problems.size();
        StringBuilder x = new StringBuilder(16 * 1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"swapbench ").append(esc(m.meta().command())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(secs(time)).append("\">\n");
        String timestamp = TIMESTAMP.format(m.meta().created().truncatedTo(ChronoUnit.SECONDS));
        if (!problems.isEmpty()) {
            // a policy jar that could not be loaded has no pair: one error case per problem, so CI shows it
            x.append("  <testsuite name=\"policy-path\" tests=\"").append(problems.size()).append("\" failures=\"0\" "
                    + "errors=\"").append(problems.size()).append("\" skipped=\"0\" time=\"0\" timestamp=\"")
                    .append(timestamp).append("\" hostname=\"swapbench\">\n");
            for (int i = 0; i < problems.size(); i++) {
                x.append("    <testcase classname=\"policy-path\" name=\"problem-").append(i + 1)
                        .append("\" time=\"0\">\n      <error message=\"").append(esc(problems.get(i)))
                        .append("\" type=\"policy-jar\">").append(esc(problems.get(i))).append("</error>\n"
                        + "    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        }
        for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
            List<Case> cs = suite.getValue();
            int sf = 0, se = 0, ss = 0;
            double st = 0;
            for (Case c : cs) {
                ss += notApplicable(c.result) ? 1 : 0;
                sf += c.failure != null && !c.error ? 1 : 0;
                se += c.error ? 1 : 0;
                st += c.result.seconds();
            }
            x.append("  <testsuite name=\"").append(esc(suite.getKey())).append("\" tests=\"").append(cs.size())
                    .append("\" failures=\"").append(sf).append("\" errors=\"").append(se)
                    .append("\" skipped=\"").append(ss).append("\" time=\"").append(secs(st)).append("\" timestamp=\"")
                    .append(timestamp)
                    .append("\" hostname=\"swapbench\">\n");
            for (Case c : cs) {
                PairResult r = c.result;
                x.append("    <testcase classname=\"").append(esc(r.policy())).append("\" name=\"")
                        .append(esc(r.scenario())).append("\" time=\"").append(secs(r.seconds())).append('"');
                if (notApplicable(r)) {
                    // a pair from another kernel era: skipped, with the reason
                    x.append(">\n      <skipped message=\"").append(esc("not applicable: " + r.reason()))
                            .append("\"/>\n    </testcase>\n");
                    continue;
                }
                String note = note(m, r);
                if (c.failure == null && note == null) {
                    x.append("/>\n");
                    continue;
                }
                x.append(">\n");
                if (c.failure != null) {
                    String tag = c.error ? "error" : "failure";
                    String type = c.error ? "policy-error" : c.failure.startsWith("regression") ? "regression"
                            : "not-as-expected";
                    x.append("      <").append(tag).append(" message=\"").append(esc(c.failure)).append("\" type=\"")
                            .append(type).append("\">").append(esc(c.failureText)).append("</").append(tag)
                            .append(">\n");
                }
                if (note != null) {
                    x.append("      <system-out>").append(esc(note)).append("</system-out>\n");
                }
                x.append("    </testcase>\n");
            }
            String changes = changesOf(m, suite.getKey());
            if (changes != null) {
                x.append("    <system-out>").append(esc(changes)).append("</system-out>\n");
            }
            x.append("  </testsuite>\n");
        }
        x.append("</testsuites>\n");
        return x.toString();
    }

    private static Case toCase(Matrix m, PairResult r) {
        Change change = m.change(r.scenario(), r.policy());
        boolean regression = change != null && change.regression();
        if (r.verdict() == Verdict.ERROR) {
            String msg = (regression ? "regression against baseline: " + change.summary() + "; " : "")
                    + "the policy failed: " + oneLine(r.error());
            return new Case(r, msg, r.error() == null ? "" : r.error(), true);
        }
        String mismatch = Matrix.mismatch(r);
        if (!regression && mismatch == null) {
            return new Case(r, null, null, false);
        }
        String msg = regression ? "regression against baseline: " + change.summary()
                + (mismatch != null ? "; " + mismatch : "") : mismatch;
        StringBuilder text = new StringBuilder();
        text.append(r.policy()).append(" \u00d7 ").append(r.scenario()).append(": ").append(Matrix.outcome(r))
                .append(" (").append(Matrix.judgement(r).text()).append(")\n").append(Matrix.expectation(r));
        if (r.reason() != null && !r.reason().isEmpty()) {
            text.append(": ").append(r.reason());
        }
        text.append('\n');
        if (regression) {
            text.append("baseline: ").append(change.before() == null ? "-" : change.before().text()).append('\n');
        }
        text.append(Matrix.count(r.states())).append(" states, bound ").append(Matrix.bound(r)).append(", ")
                .append(Matrix.seconds(r.seconds())).append('\n');
        for (Counterexample c : r.violations()) {
            text.append('\n').append(c.check().id()).append(": shortest interleaving (").append(c.schedule().size())
                    .append(" moves)\n").append(m.diagram(r, c)).append("schedule: ")
                    .append(String.join(" ", c.schedule())).append('\n');
        }
        return new Case(r, msg, text.toString(), false);
    }

    private static boolean notApplicable(PairResult r) {
        return r.verdict() == Verdict.NOT_APPLICABLE;
    }

    /** The note of a pair that passes without being judged, or of an unjudged pair in general. */
    private static String note(Matrix m, PairResult r) {
        if (r.judged() || r.verdict() == Verdict.ERROR) {
            return null;
        }
        return "not judged: scenario " + r.scenario() + " states no expectation for policy " + r.policy()
                + "; verdict " + Matrix.outcome(r) + " (" + Matrix.count(r.states()) + " states, bound "
                + Matrix.bound(r) + ")";
    }

    private static String changesOf(Matrix m, String policy) {
        if (m.baseline() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Change c : m.changes()) {
            if (c.policy().equals(policy)) {
                b.append(c.regression() ? "REGRESSION " : "changed ").append(c.policy()).append(" \u00d7 ")
                        .append(c.scenario()).append(": ").append(c.summary()).append('\n');
            }
        }
        return b.length() == 0 ? null : "changes against baseline " + m.baseline().name() + ":\n" + b;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    static String esc(String s) {
        return Markup.escape(s);
    }
}
