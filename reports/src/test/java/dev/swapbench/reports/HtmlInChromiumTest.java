package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened from file:// in headless Chromium: the DOM after the page's script ran ({@code --dump-dom}).
 *
 * <p>How "no network request" is checked, simply but for real: (1) the page as written has no reference a browser
 * could fetch (no src/href other than #fragments, no url(), @import, link, iframe, http(s) URL); (2) in the
 * browser, the page's script records on {@code <html data-external-requests>} how many fetches the page started,
 * from the Resource Timing API, which lists blocked and failed fetches too: it must be 0 (and the attribute
 * being there proves the script ran); (3) the page's Content-Security-Policy ({@code default-src 'none'}) forbids
 * every fetch anyway, and Chromium runs with every host name mapped to nothing, so even a mistake here could not
 * reach the network.
 */
class HtmlInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theMatrixAndAnInterleavingAreRenderedWithoutAnyFetch() throws Exception {
        Path page = dir.resolve("report.html");
        String html = HtmlReport.render(ReportFixtures.matrixWithBaseline());
        Files.writeString(page, html);
        assertEquals(List.of(), HtmlReportTest.externalReferences(html));

        String dom = Chromium.run(page, dir, "--dump-dom").stdout();
        assertTrue(dom.contains("data-ready=\"true\""), "the script ran\n" + head(dom));
        assertTrue(dom.contains("data-external-requests=\"0\""), "the page fetched nothing\n" + head(dom));
        // the matrix: one cell per pair run
        assertEquals(7, count(dom, "<td class=\"cell v-"), head(dom));
        // the first violated cell (legacy x R2) is selected and its evidence open, drawn as lanes
        Matcher open = Pattern.compile("<article class=\"evidence ev-violated open\" id=\"([^\"]+)\"").matcher(dom);
        assertTrue(open.find(), "an evidence is open after load\n" + head(dom));
        assertEquals("pair-legacy--R2", open.group(1));
        assertTrue(dom.contains("class=\"cell v-violated j-as-expected regression selected\""), head(dom));
        int ev = dom.indexOf("id=\"pair-legacy--R2\"");
        String evidence = dom.substring(ev, dom.indexOf("</article>", ev));
        assertTrue(evidence.contains("<table class=\"lanes\">"), evidence);
        assertTrue(evidence.contains("<tr class=\"step violating\">"), evidence);
        assertTrue(evidence.contains("<span class=\"fn\">set_pte_at</span>"), evidence);
        // only one evidence is open
        assertEquals(1, count(dom, " open\" id=\"pair-"), head(dom));
    }

    @Test
    void screenshotIsTaken() throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(ReportFixtures.matrixWithBaseline()));
        Path png = dir.resolve("shot.png");
        Chromium.run(page, dir, "--screenshot=" + png, "--window-size=1400,1800", "--hide-scrollbars");
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a real picture: " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
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
