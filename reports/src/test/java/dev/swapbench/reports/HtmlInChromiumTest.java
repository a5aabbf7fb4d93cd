package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapbench.engine.run.PairResult;
import dev.swapbench.engine.run.Verdict;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened from file:// in headless Chromium: the DOM after the page's script ran ({@code --dump-dom}),
 * and a screenshot.
 *
 * <p>How "no network request" is checked, simply but for real: (1) the page as written has no reference a browser
 * could fetch (no src/href other than #fragments, no url(), @import, link, iframe, http(s) URL); (2) in the
 * browser, the page's script records on {@code <html data-external-requests>} how many fetches the page started,
 * from the Resource Timing API, which lists blocked and failed fetches too: it must be 0 (and the attribute
 * being there proves the script ran); (3) the page's Content-Security-Policy ({@code default-src 'none'}) forbids
 * every fetch anyway, and Chromium runs with every host name mapped to nothing, so even a mistake here could not
 * reach the network.
 *
 * <p>Navigation is driven by a script appended to a copy of the page (the CSP lets inline scripts run): it clicks
 * a cell, the "back to the matrix" link, presses Esc, and writes what it saw onto {@code <html>}, which the dumped
 * DOM then shows.
 */
class HtmlInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theMatrixLoadsWholeAndWithoutAnyFetch() throws Exception {
        Path page = dir.resolve("report.html");
        String html = HtmlReport.render(ReportFixtures.matrixWithBaseline());
        Files.writeString(page, html);
        assertEquals(List.of(), HtmlReportTest.externalReferences(html));

        String dom = Chromium.run(page, dir, "--dump-dom").stdout();
        assertTrue(dom.contains("data-ready=\"true\""), "the script ran\n" + head(dom));
        assertTrue(dom.contains("data-external-requests=\"0\""), "the page fetched nothing\n" + head(dom));
        // the matrix: one cell per pair run, and no evidence open until the reader asks (the matrix stays whole)
        assertEquals(7, count(dom, "<td class=\"cell v-"), head(dom));
        assertEquals(0, count(dom, "class=\"ev-row\""), head(dom));
        assertFalse(dom.contains("evidence ev-violated open"), head(dom));
    }

    @Test
    void anAddressNamingAPairOpensItsCondensedEvidenceUnderItsRow() throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(ReportFixtures.matrixWithBaseline()));
        String dom = Chromium.run(page.toUri() + "#pair-legacy--R2", dir, "--dump-dom").stdout();
        assertTrue(dom.contains("data-ready=\"true\""), head(dom));
        // the evidence sits in a row right under R2's row, its cell selected
        Matcher m = Pattern.compile("<tr class=\"row\"><th class=\"scenario\"[^>]*><span class=\"sid\">R2</span>"
                + ".*?</tr><tr class=\"ev-row\"><td colspan=\"(\\d+)\"><article class=\"evidence ev-violated open\" "
                + "id=\"pair-legacy--R2\"", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "evidence under the row\n" + head(dom));
        assertEquals("5", m.group(1), "spans the scenario header and the four policies");
        assertTrue(dom.contains("class=\"cell v-violated j-as-expected regression selected\""), head(dom));
        int ev = dom.indexOf("id=\"pair-legacy--R2\"");
        String evidence = dom.substring(ev, dom.indexOf("</article>", ev));
        // condensed first, threads named by role, violating step highlighted; the full trace folded under it
        assertTrue(evidence.contains("<table class=\"lanes condensed\">"), evidence);
        assertTrue(evidence.contains("<span><b>R</b> reclaim</span>"), evidence);
        assertTrue(evidence.contains("<th class=\"lane\">B <span class=\"role\">mm child, read fault</span></th>"),
                evidence);
        assertTrue(evidence.contains("<tr class=\"step violating\"><td class=\"idx\">9</td>"), evidence);
        assertTrue(evidence.contains("<span class=\"fn\">set_pte_at</span>"), evidence);
        assertTrue(evidence.contains("<details class=\"full\"><summary>full trace: all 9 kernel steps</summary>"),
                evidence);
        assertTrue(evidence.contains("\u2191 back to the matrix</a>"), evidence);
        assertEquals(1, count(dom, " open\" id=\"pair-"), "only one evidence is open");
    }

    @Test
    void clickingOpensUnderTheRowAndBackOrEscReturnsToTheCell() throws Exception {
        Path page = dir.resolve("report.html");
        String probe = """
                <script>
                (function () {
                  var d = document, html = d.documentElement, log = [];
                  function state(label) {
                    var evRow = d.querySelector('tr.ev-row');
                    var open = d.querySelector('.evidence.open');
                    var prev = evRow ? evRow.previousElementSibling.querySelector('.sid').textContent : '-';
                    var focus = d.activeElement && d.activeElement.getAttribute('data-ev') || '-';
                    log.push(label + ':' + (open ? open.id : '-') + '@' + prev + ' focus=' + focus);
                  }
                  d.querySelector('td.cell[data-ev="pair-mainline-2.6.36--R7"]').click();
                  state('click R7');
                  d.querySelector('td.cell[data-ev="pair-legacy--R2"]').click();
                  state('click R2');
                  d.querySelector('.evidence.open a.back').click();
                  state('back');
                  d.querySelector('td.cell[data-ev="pair-dropin-test--R2"]').click();
                  d.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));
                  state('esc');
                  html.setAttribute('data-probe', log.join(' | '));
                })();
                </script>
                """;
        Files.writeString(page, HtmlReport.render(ReportFixtures.matrixWithBaseline())
                .replace("</body>", probe + "</body>"));
        String dom = Chromium.run(page, dir, "--dump-dom").stdout();
        Matcher m = Pattern.compile("data-probe=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "the probe ran\n" + head(dom));
        assertEquals("click R7:pair-mainline-2.6.36--R7@R7 focus=- | click R2:pair-legacy--R2@R2 focus=- | "
                + "back:-@- focus=pair-legacy--R2 | esc:-@- focus=pair-dropin-test--R2", m.group(1));
    }

    @Test
    void aCorpusSizedMatrixFitsALaptopScreenAndTheScreenshotIsNotBlank() throws Exception {
        Path page = dir.resolve("report.html");
        String probe = """
                <script>
                (function () {
                  var r = document.getElementById('matrix').getBoundingClientRect();
                  document.documentElement.setAttribute('data-matrix', Math.ceil(r.right) + 'x' + Math.ceil(r.bottom));
                })();
                </script>
                """;
        Files.writeString(page, HtmlReport.render(corpusSized()).replace("</body>", probe + "</body>"));
        String dom = Chromium.run(page, dir, "--dump-dom", "--window-size=1400,1000").stdout();
        Matcher m = Pattern.compile("data-matrix=\"(\\d+)x(\\d+)\"").matcher(dom);
        assertTrue(m.find(), head(dom));
        assertTrue(Integer.parseInt(m.group(1)) <= 1400, "the matrix fits 1400 px across: " + m.group());
        assertTrue(Integer.parseInt(m.group(2)) <= 1000, "34 rows fit 1000 px down: " + m.group());

        Path png = dir.resolve("shot.png");
        Files.writeString(page, HtmlReport.render(corpusSized()));
        Chromium.run(page, dir, "--screenshot=" + png, "--window-size=1400,1000", "--hide-scrollbars");
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1400, shot.getWidth());
        int white = 0, violated = 0, clean = 0, all = 0;
        for (int y = 0; y < shot.getHeight(); y += 2) {
            for (int x = 0; x < shot.getWidth(); x += 2) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                all++;
                white += rgb == 0xffffff ? 1 : 0;
                violated += rgb == 0xfce8e6 ? 1 : 0;
                clean += rgb == 0xe6f4ea ? 1 : 0;
            }
        }
        assertTrue(white < all * 0.8, "not blank: " + white + " of " + all + " sampled pixels are white");
        assertTrue(violated > all / 50 && clean > all / 50, "violated and clean cells painted: " + violated + ", "
                + clean + " of " + all);
    }

    /** 34 scenarios (ids and titles as long as the corpus's) by the five built-in policies. */
    static Matrix corpusSized() {
        List<ScenarioInfo> scenarios = new ArrayList<>();
        List<PairResult> results = new ArrayList<>();
        List<PolicyInfo> policies = List.of("legacy", "andrea-recheck", "mainline-2.6.36", "ksm-forced-write",
                "reuse-remap").stream().map(id -> new PolicyInfo(id, "", "", "v2.6.36", PolicyInfo.BUILT_IN)).toList();
        for (int i = 0; i < 34; i++) {
            String id = i == 0 ? "zap-madv-one-mm-never-mapped" : "scenario-" + i;
            scenarios.add(new ScenarioInfo(id, "Threads of one mm, two slots, MADV_DONTNEED frees the slot the "
                    + "faulting thread looked up, and the slot is reused " + i, "derived", "kernel-paths.md", "",
                    "builtin:" + id + ".yaml", ReportFixtures.R2.threads(), ReportFixtures.R2.roles()));
            for (PolicyInfo p : policies) {
                boolean violated = (i + p.id().length()) % 3 == 0;
                results.add(new PairResult(p.id(), id, "v2.6.36", violated ? Verdict.VIOLATED : Verdict.CLEAN,
                        violated ? List.of(ReportFixtures.STALE) : List.of(),
                        violated ? Set.of("stale-mapping") : Set.of(), "r", true, 1_573_097, 2_667_920, 2.11, true, 1,
                        null));
            }
        }
        return Matrix.of(results, new Metadata("compare", ReportFixtures.CREATED, policies, scenarios, List.of(),
                java.util.Map.of()), null);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String head(String dom) {
        return dom.length() > 3000 ? dom.substring(0, 3000) + "..." : dom;
    }
}
