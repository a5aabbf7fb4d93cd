package dev.swapbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** End-to-end tests of {@code swapbench compare} and {@code swapbench diff}, run in-process. */
class CompareTest {
    @TempDir
    Path dir;

    Path small;
    Path scenarios;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void scenarios() throws IOException {
        scenarios = Files.createDirectories(dir.resolve("scenarios/nested"));
        small = copy("small.yaml", scenarios);
    }

    private Path copy(String name, Path into) throws IOException {
        Path p = into.resolve(name);
        try (InputStream in = CompareTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            Files.copy(in, p);
        }
        return p;
    }

    private static void assertNoStackTrace(CliRun r) {
        assertFalse(r.all().contains("\tat "), r.all());
    }

    private static Document xml(Path f) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(f))));
    }

    private static Element testcase(Document d, String classname, String name) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("classname").equals(classname) && e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The real thing: the built-in corpus and a --scenarios folder, the built-in policies and a policy jar built
     * here and dropped in; the jar's policy gets its column in all four reports.
     */
    @Test
    void aDroppedInJarGetsItsColumnInAllFourReports() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PolicyJars.build(plugins.resolve("dropin.jar"), "dropin.DropIn", PolicyJars.DROP_IN);
        Path out = dir.resolve("report");
        CliRun r = cli("compare", "--policy-path", plugins.toString(), "--scenarios", dir.resolve("scenarios").toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.err(), "no warning, and no progress line when stderr is not a terminal");
        assertTrue(Pattern.compile("(?m)^ +legacy +andrea-recheck +mainline-2\\.6\\.36 +ksm-forced-write +reuse-remap +"
                + "dropin-test$").matcher(r.out()).find(), "built-ins in kernel history, then the drop-in\n" + r.out());
        assertTrue(Pattern.compile("(?m)^R2 +.*violated: stale-mapping \u2713 .*clean \u2713 .* \u00b7$")
                .matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^T-R2 ").matcher(r.out()).find(), "the --scenarios file is a row\n"
                + r.out());
        assertTrue(Pattern.compile("(?m)^\\d+ pairs: \\d+ as expected, 0 not as expected, \\d+ not judged, 0 errors"
                        + ", \\d+ not applicable$")
                .matcher(r.out()).find(), r.out());
        for (String f : List.of("report.html", "report.md", "report.json", "junit.xml")) {
            assertTrue(r.out().contains("wrote " + out.resolve(f)), r.out());
        }

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<span class=\"pid\">dropin-test</span>"), "HTML column header");
        assertTrue(html.contains("<span class=\"porigin\">from dropin.jar</span>"));
        assertTrue(html.contains("data-ev=\"pair-dropin-test--R2\""), "HTML cell");
        assertTrue(html.contains("<span class=\"sid\">T-R2</span>"));
        assertTrue(html.contains("<span class=\"stitle\">Hugh&#39;s pte_same ABA since 2.4.8"), "scenario titles");
        assertTrue(html.contains("<table class=\"lanes condensed\">"), "interleavings drawn, condensed");
        assertTrue(html.contains("<table class=\"lanes full\">"), "and in full");

        String md = Files.readString(out.resolve("report.md"));
        String header = md.lines().filter(l -> l.startsWith("| scenario |")).findFirst().orElseThrow();
        assertTrue(header.endsWith("| dropin-test |"), header);
        assertTrue(md.contains("### legacy \u00d7 R2: stale-mapping"), "counterexamples in Markdown");
        assertTrue(md.contains("```text\n"), md.substring(0, 2000));

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("compare", json.get("meta").get("command").textValue());
        JsonNode dropin = null;
        for (JsonNode p : json.get("policies")) {
            if (p.get("id").textValue().equals("dropin-test")) {
                dropin = p;
            }
        }
        assertNotNull(dropin, json.get("policies").toString());
        assertEquals(plugins.resolve("dropin.jar").toString(), dropin.get("origin").textValue());
        assertEquals("a do_swap_page dropped in as a jar", dropin.get("description").textValue());
        int dropinResults = 0;
        for (JsonNode res : json.get("results")) {
            dropinResults += res.get("policy").textValue().equals("dropin-test") ? 1 : 0;
        }
        assertEquals(json.get("scenarios").size(), dropinResults, "one result per scenario");
        JsonNode r2 = null;
        for (JsonNode s : json.get("scenarios")) {
            if (s.get("id").textValue().equals("R2")) {
                r2 = s;
            }
        }
        assertNotNull(r2);
        assertEquals("message-id", r2.get("provenance").get("kind").textValue());

        Document junit = xml(out.resolve("junit.xml"));
        Element r2Dropin = testcase(junit, "dropin-test", "R2");
        assertNotNull(r2Dropin, "junit testcase");
        assertEquals("0", junit.getDocumentElement().getAttribute("failures"));
        assertTrue(r2Dropin.getTextContent().strip().startsWith("not judged: "), r2Dropin.getTextContent());
        assertNotNull(testcase(junit, "legacy", "T-R2"));

        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".report.tmp")),
                    "no temporary folder left");
        }
    }

    @Test
    void eachJarHasItsOwnClassLoader() throws Exception {
        // two jars with a class of the same name: one shared loader would load only the first jar's class
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PolicyJars.build(plugins.resolve("a.jar"), "dropin.DropIn", PolicyJars.DROP_IN.replace("dropin-test",
                "twin-a"));
        PolicyJars.build(plugins.resolve("b.jar"), "dropin.DropIn", PolicyJars.DROP_IN.replace("dropin-test",
                "twin-b"));
        CliRun r = cli("compare", "--policy-path", plugins.toString(), "--scenario", small.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.err());
        assertTrue(Pattern.compile("(?m)^ +legacy +andrea-recheck +mainline-2\\.6\\.36 .*twin-a +twin-b$").matcher(r.out()).find(),
                r.out());
    }

    @Test
    void brokenJarsAreOneLineEachAndTheOtherPoliciesStillRun() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PolicyJars.buildServicesOnly(plugins.resolve("missing-class.jar"), "nope.Missing");
        PolicyJars.build(plugins.resolve("no-services.jar"), "dropin.DropIn", PolicyJars.DROP_IN, false);
        PolicyJars.build(plugins.resolve("thrower.jar"), "thrower.Thrower", PolicyJars.THROWER);
        Files.writeString(plugins.resolve("junk.jar"), "not a zip");
        Path out = dir.resolve("out");
        CliRun r = cli("compare", "--policy-path", plugins.toString(), "--scenario", small.toString(), "--out",
                out.toString());
        assertEquals(2, r.code(), "a broken jar or a failing policy: exit 2, reports written\n" + r.all());
        assertNoStackTrace(r);
        List<String> lines = r.err().lines().toList();
        assertEquals(4, lines.size(), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("swapbench: warning: --policy-path "
                + plugins.resolve("junk.jar") + ": not a readable jar")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("swapbench: warning: policy provider problem: "
                + "--policy-path " + plugins.resolve("missing-class.jar") + ": a policy could not be loaded: ")
                && l.contains("nope.Missing")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.equals("swapbench: warning: policy provider problem: "
                + "--policy-path " + plugins.resolve("no-services.jar") + ": no policy in it: the jar has no "
                + "META-INF/services/dev.swapbench.spi.SwapFaultPolicy entry")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("swapbench: thrower \u00d7 T-R2: error: ")
                && l.contains("IllegalStateException: boom")), r.err());
        assertTrue(Pattern.compile("(?m)^T-R2 .*violated: stale-mapping \u2713 +clean .*error \u2717$")
                .matcher(r.out()).find(), r.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<td class=\"cell v-error j-not-as-expected\" data-ev=\"pair-thrower--T-R2\""));
        assertTrue(html.contains("<section id=\"problems\""), "the broken jars are listed in the report");
        Element error = (Element) testcase(xml(out.resolve("junit.xml")), "thrower", "T-R2")
                .getElementsByTagName("error").item(0);
        assertTrue(error.getAttribute("message").contains("boom"), error.getAttribute("message"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(3, json.get("problems").size(), json.get("problems").toString());
    }

    @Test
    void aRegressionAgainstTheBaselineExitsOneAndIsListedFirst() throws Exception {
        Path first = dir.resolve("first");
        CliRun r1 = cli("compare", "--scenario", small.toString(), "--out", first.toString());
        assertEquals(0, r1.code(), r1.all());

        // compared with itself: nothing changed
        Path same = dir.resolve("same");
        CliRun r2 = cli("compare", "--scenario", small.toString(), "--out", same.toString(), "--baseline",
                first.resolve("report.json").toString());
        assertEquals(0, r2.code(), r2.all());
        assertTrue(r2.out().startsWith("Changes against " + first.resolve("report.json") + ": 0 pairs changed, "
                + "0 regressions\n"), r2.out());

        // an earlier report in which legacy did not fire on T-R2 (as an older model would have said)
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(first.resolve("report.json").toFile());
        for (JsonNode res : root.get("results")) {
            if (res.get("policy").textValue().equals("legacy")) {
                ObjectNode o = (ObjectNode) res;
                o.put("verdict", "clean");
                o.set("violations", new ObjectMapper().createArrayNode());
                ((ArrayNode) o.putArray("expected")).removeAll();
            }
        }
        Path old = dir.resolve("old.json");
        new ObjectMapper().writeValue(old.toFile(), root);
        Path out = dir.resolve("second");
        CliRun r = cli("compare", "--scenario", small.toString(), "--out", out.toString(), "--baseline", old.toString());
        assertEquals(1, r.code(), "every pair is as expected, but legacy newly fires: a regression\n" + r.all());
        List<String> lines = r.out().lines().toList();
        assertEquals("Changes against " + old + ": 1 pairs changed, 1 regressions", lines.get(0), r.out());
        assertEquals("  REGRESSION legacy \u00d7 T-R2: newly violated: stale-mapping", lines.get(1));

        String md = Files.readString(out.resolve("report.md"));
        List<String> sections = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertEquals("## Changes against the baseline", sections.get(0), md);
        assertTrue(md.contains("| **REGRESSION** | `legacy` | T-R2 | newly violated: stale-mapping |"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.indexOf("<section id=\"changes\">") < html.indexOf("<section id=\"verdicts\">"));
        assertTrue(html.contains("<tr class=\"regression\">"), "html");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("newly-violated", json.get("changes").get(0).get("kind").textValue());
        assertTrue(json.get("changes").get(0).get("regression").booleanValue());
        assertEquals(old.toString(), json.get("baseline").get("file").textValue());
        Document junit = xml(out.resolve("junit.xml"));
        Element failure = (Element) testcase(junit, "legacy", "T-R2").getElementsByTagName("failure").item(0);
        assertNotNull(failure);
        assertTrue(failure.getAttribute("message").startsWith("regression against baseline"), failure.getAttribute(
                "message"));
        assertEquals("1", junit.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void aFailedRunLeavesThePreviousReportIntact() throws Exception {
        Path out = dir.resolve("out");
        CliRun ok = cli("compare", "--scenario", small.toString(), "--policy", "legacy", "--out", out.toString());
        assertEquals(0, ok.code(), ok.all());
        Map<String, byte[]> before = snapshot(out);
        assertEquals(4, before.size());

        // an input error before anything ran
        Path broken = copy("broken.yaml", Files.createDirectories(dir.resolve("bad")));
        CliRun bad = cli("compare", "--scenario", broken.toString(), "--out", out.toString());
        assertEquals(2, bad.code(), bad.all());
        assertSame(before, snapshot(out));

        // a report file that cannot be replaced (a folder in its place): nothing is moved, the others stay whole
        Path html = out.resolve("report.html");
        Files.delete(html);
        Files.createDirectories(html.resolve("in-the-way"));
        Map<String, byte[]> withFolder = snapshot(out);
        CliRun blocked = cli("compare", "--scenario", small.toString(), "--out", out.toString());
        assertEquals(2, blocked.code(), blocked.all());
        assertTrue(blocked.err().startsWith("swapbench: cannot write the reports into " + out), blocked.err());
        assertTrue(blocked.err().contains("report.html: is a folder"), blocked.err());
        assertNoStackTrace(blocked);
        assertSame(withFolder, snapshot(out));

        // an output folder that cannot be made (its parent is a file)
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun unwritable = cli("compare", "--scenario", small.toString(), "--policy", "legacy", "--out",
                file.resolve("out").toString());
        assertEquals(2, unwritable.code(), unwritable.all());
        assertTrue(unwritable.err().startsWith("swapbench: cannot write the reports into "), unwritable.err());
        assertEquals(1, unwritable.err().strip().lines().count(), unwritable.err());
        assertEquals("x", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary folder left");
        }
    }

    @Test
    void inputErrorsExitTwo() throws Exception {
        CliRun r = cli("compare", "--scenarios", dir.resolve("nope").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--scenarios " + dir.resolve("nope") + ": no such folder"), r.err());
        CliRun b = cli("compare", "--scenario", small.toString(), "--baseline", dir.resolve("none.json").toString());
        assertEquals(2, b.code(), b.all());
        assertTrue(b.err().contains("--baseline " + dir.resolve("none.json") + ": no such file"), b.err());
        Path notJson = Files.writeString(dir.resolve("x.json"), "{");
        CliRun c = cli("compare", "--scenario", small.toString(), "--baseline", notJson.toString());
        assertEquals(2, c.code(), c.all());
        assertTrue(c.err().contains("not valid JSON"), c.err());
        CliRun d = cli("compare", "--max-preemptions", "-3");
        assertEquals(2, d.code(), d.all());
        // two files with one id
        Files.copy(small, dir.resolve("scenarios/copy.yaml"));
        CliRun e = cli("compare", "--scenarios", dir.resolve("scenarios").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, e.code(), e.all());
        assertTrue(e.err().contains("two scenarios have the id 'T-R2'"), e.err());
        assertNoStackTrace(e);
    }

    @Test
    void diffPrintsAWitnessForLegacyAgainstMainline() {
        CliRun r = cli("diff", "--policy", "legacy", "--policy", "mainline-2.6.36", "--scenario", small.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("witness: on this interleaving of T-R2, legacy fires stale-mapping and "
                + "mainline-2.6.36 fires nothing."), r.out());
        assertTrue(r.out().contains("legacy: shortest interleaving that fires stale-mapping ("), r.out());
        assertTrue(Pattern.compile("mainline-2\\.6\\.36 takes \\d+ kernel steps on the same schedule\\.")
                .matcher(r.out()).find(), r.out());
        // the common prefix once (condensed), then the two continuations side by side, the first difference marked
        assertTrue(Pattern.compile("(?m)^Common prefix: steps 1-\\d+, the same under both policies; the ones the "
                + "violation depends on \\(every step: --full\\):$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^From step \\d+ the policies part").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^legacy +\\| mainline-2\\.6\\.36$").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^=> +(\\d+) [A-Z] .*\\| => +\\1 [A-Z] ").matcher(r.out()).find(),
                "the first differing step marked on both sides\n" + r.out());
        assertTrue(r.out().contains("legacy: stale-mapping: "), r.out());
        assertTrue(cli("diff", "--full", "--policy", "legacy", "--policy", "mainline-2.6.36", "--scenario",
                small.toString()).out().lines().anyMatch(l -> l.matches(" +# \\| .*")), "--full: the prefix in CPU columns");
        assertTrue(r.out().contains("no check fires"), r.out());
        assertTrue(Pattern.compile("(?m)^schedule: [A-Za-z0-9: ]+$").matcher(r.out()).find(), r.out());

        CliRun swapped = cli("diff", "--policy", "mainline-2.6.36", "--policy", "legacy", "--scenario", small.toString());
        assertEquals(0, swapped.code(), swapped.all());
        assertTrue(swapped.out().contains("note: mainline-2.6.36 fires no check that legacy does not"), swapped.out());
        assertTrue(swapped.out().contains("legacy fires stale-mapping and mainline-2.6.36 fires nothing"));
    }

    @Test
    void diffWithoutADifferenceExitsOneAndBadInputTwo() {
        CliRun same = cli("diff", "--policy", "mainline-2.6.36", "--policy", "andrea-recheck", "--scenario",
                small.toString());
        assertEquals(1, same.code(), same.all());
        assertTrue(same.out().contains("no witness: the verdicts do not differ (both fire nothing)"), same.out());
        CliRun one = cli("diff", "--policy", "legacy", "--scenario", small.toString());
        assertEquals(2, one.code(), one.all());
        assertTrue(one.err().contains("give two different policies"), one.err());
        CliRun unknown = cli("diff", "--policy", "legacy", "--policy", "nope", "--scenario", small.toString());
        assertEquals(2, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("unknown policy 'nope'"), unknown.err());
        assertNoStackTrace(unknown);
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), k + " changed");
        }
    }

    private static Map<String, byte[]> snapshot(Path out) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) {
            m.put(out.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }
}
