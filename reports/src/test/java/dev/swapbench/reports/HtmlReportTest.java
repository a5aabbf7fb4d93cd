package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    /** Every src, href, url(...), @import or srcset reference of a page, and every link/iframe/object element. */
    static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(\\s(src|href|srcset|action|poster|data)\\s*=\\s*[\"']?\\s*(?!#)[^\\s\"'>]+)|url\\(|@import|<link\\b"
                    + "|<iframe\\b|<object\\b|<embed\\b|https?://|//[a-z0-9.-]+\\.[a-z]{2,}/");

    /** The references of a page that could make the browser fetch something (empty for a self-contained page). */
    static java.util.List<String> externalReferences(String html) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher m = EXTERNAL.matcher(html);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void selfContainedWithACspThatForbidsEveryFetch() {
        String html = HtmlReport.render(ReportFixtures.matrixWithBaseline());
        assertEquals(java.util.List.of(), externalReferences(html));
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"),
                html.substring(0, 600));
        assertTrue(html.contains("<style>") && html.contains("<script>"), "inline CSS and script");
        assertFalse(html.contains("<script src"), html);
        // the pattern does catch what it should
        assertFalse(externalReferences("<img src=\"http://x.org/a.png\">").isEmpty());
        assertFalse(externalReferences("<link rel=stylesheet href=a.css>").isEmpty());
        assertFalse(externalReferences("<p style=\"background: url(a.png)\">").isEmpty());
        assertTrue(externalReferences("<a href=\"#pair-legacy--R2\">").isEmpty());
    }

    @Test
    void anAnonRmapViolationShowsItsKindAndAnIncompletePairWhyItStopped() {
        String html = HtmlReport.render(ReportFixtures.kindsAndStops());
        assertTrue(html.contains("violated: anon-rmap:unfindable-permanent"), html);
        assertTrue(html.contains("<span class=\"check\">anon-rmap</span> <span class=\"kind\">(unfindable-permanent)"
                + "</span>"), html);
        assertTrue(html.contains("No check fired, but the search stopped at the time limit after 5000 states"), html);
        assertFalse(html.contains("state budget"), "the time limit stopped it, not the state budget");
    }

    @Test
    void theMatrixHasACellPerPairColouredByOutcome() {
        String html = HtmlReport.render(ReportFixtures.matrix());
        assertTrue(html.contains("<td class=\"cell v-violated j-as-expected\" data-ev=\"pair-legacy--R2\" "
                + "data-policy=\"legacy\" data-scenario=\"R2\""), html);
        assertTrue(html.contains("<td class=\"cell v-clean j-as-expected\" data-ev=\"pair-mainline-2.6.36--R2\""));
        assertTrue(html.contains("<td class=\"cell v-violated j-not-judged\" data-ev=\"pair-dropin-test--R2\""));
        assertTrue(html.contains("<td class=\"cell v-error j-not-as-expected\" data-ev=\"pair-thrower--R2\""));
        assertTrue(html.contains("<td class=\"cell v-incomplete j-not-as-expected\" data-ev=\"pair-legacy--R7\""));
        assertTrue(html.contains("<td class=\"cell missing\""), "thrower x R7 was not run");
        assertTrue(html.contains("20.1k states \u00b7 bound 0 \u00b7 0.06s"), html);
        assertTrue(html.contains("50.0M states \u00b7 bound none, incomplete \u00b7 61.5s"), html);
        assertTrue(html.contains("<span class=\"porigin\">from dropin.jar</span>"), html);
        assertTrue(html.contains("<span class=\"stitle\">Hugh&#39;s pte_same ABA</span>"), html);
        // one line per scenario: the title (cut by CSS) and the provenance in the row header's tooltip
        assertTrue(html.contains("<tr class=\"row\"><th class=\"scenario\" scope=\"row\" title=\"Hugh&#39;s pte_same "
                + "ABA\nmessage-id &lt;alpine.DEB"), html);
    }

    @Test
    void everyPairHasItsEvidenceWithSwimlanes() {
        String html = HtmlReport.render(ReportFixtures.matrix());
        for (String id : java.util.List.of("pair-legacy--R2", "pair-mainline-2.6.36--R2", "pair-dropin-test--R2",
                "pair-thrower--R2", "pair-legacy--R7", "pair-mainline-2.6.36--R7", "pair-dropin-test--R7")) {
            assertTrue(html.contains("<article class=\"evidence "), id);
            assertTrue(html.contains("\" id=\"" + id + "\""), id);
        }
        int ev = html.indexOf("id=\"pair-legacy--R2\" data-policy");
        String legacy = html.substring(ev, html.indexOf("</article>", ev));
        // the condensed lanes first (the steps the violation depends on), threads named by role
        String condensed = legacy.substring(legacy.indexOf("<table class=\"lanes condensed\">"),
                legacy.indexOf("<details class=\"full\">"));
        assertTrue(condensed.contains("<th class=\"lane\">B <span class=\"role\">mm child, read fault</span></th>"),
                condensed);
        assertTrue(legacy.contains("<p class=\"threads\"><span><b>A</b> mm child, write fault</span><span><b>B</b> mm child, "
                + "read fault</span>"), legacy);
        assertTrue(condensed.contains("<tr class=\"step violating\"><td class=\"idx\">9</td>"), condensed);
        // then every step, one click away
        assertTrue(legacy.contains("<details class=\"full\"><summary>full trace: all 9 kernel steps</summary>"), legacy);
        assertTrue(legacy.contains("<th class=\"lane\">A <span class=\"role\">mm child, write fault</span></th>"
                + "<th class=\"lane\">B <span class=\"role\">mm child, read fault</span></th><th class=\"lane\">C "
                + "<span class=\"role\">mm parent, write fault</span></th><th class=\"lane\">R <span class=\"role\">"
                + "reclaim</span></th><th class=\"lane\">io <span class=\"role\">swap I/O completion</span></th>"),
                legacy);
        // step 2 is B's: empty A cell, then B's cell with function, call, result and change
        assertTrue(legacy.contains("<tr class=\"step\"><td class=\"idx\">2</td><td></td><td class=\"op\">"
                + "<span class=\"fn\">lookup_swap_cache</span><span class=\"call\">(swap(1))</span> "
                + "<span class=\"res\">\u2192 page0</span><ul class=\"chg\"><li class=\"c-page\">page0 refcount 2-&gt;3"
                + "</li></ul></td>"), legacy);
        assertTrue(legacy.contains("<tr class=\"step violating\"><td class=\"idx\">9</td>"), legacy);
        assertTrue(legacy.contains("<li class=\"c-pte\">mm child pte[0] swap(1)-&gt;present(page0,ro)</li>"));
        assertTrue(legacy.contains("stale-mapping fires: mm child address 0 maps page0"), legacy);
        assertTrue(legacy.contains("<pre>" + HtmlReport.esc(CpuColumns.condensed(ReportFixtures.STALE,
                ReportFixtures.R2.threads(), ReportFixtures.R2.roles())) + "</pre>"), "the text diagram too");
        assertTrue(legacy.contains("<a class=\"back\" href=\"#verdicts\" data-back=\"pair-legacy--R2\">"), legacy);
        assertTrue(html.contains("BUG: &lt;page0&gt; &amp; &quot;quoted&quot; | piped \u00d7 unicode"), "escaped");
        assertTrue(html.contains("<p class=\"errortext\">policy thrower failed on scenario R2: "
                + "java.lang.IllegalStateException: boom &lt;x&gt;</p>"), html);
    }

    @Test
    void changesComeFirst() {
        String html = HtmlReport.render(ReportFixtures.matrixWithBaseline());
        int changes = html.indexOf("<section id=\"changes\">");
        assertTrue(changes > 0 && changes < html.indexOf("<section id=\"verdicts\">"));
        assertTrue(html.contains("<tr class=\"regression\"><td><span class=\"badge\">regression</span></td><td><code>"
                + "legacy</code></td><td><a href=\"#pair-legacy--R2\" data-ev=\"pair-legacy--R2\">R2</a></td>"
                + "<td>newly violated: stale-mapping</td>"), html);
        assertTrue(html.contains("<td class=\"cell v-violated j-as-expected regression\" data-ev=\"pair-legacy--R2\""));
    }

    @Test
    void changeKinds() {
        assertEquals("pte", HtmlReport.kind("mm child pte[0] swap(1)->present(page0,ro)"));
        assertEquals("page", HtmlReport.kind("page0 refcount 1->2"));
        assertEquals("swap", HtmlReport.kind("slot1 count 2->1"));
        assertEquals("lock", HtmlReport.kind("mm child ptl taken"));
        assertEquals("memcg", HtmlReport.kind("memcg0 res 1->2"));
    }
}
