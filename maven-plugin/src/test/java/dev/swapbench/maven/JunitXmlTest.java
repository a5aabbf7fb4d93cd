package dev.swapbench.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
    @Test
    void oneSuitePerPolicyOneTestcasePerPairAndProblemsInTheirOwnSuite(@TempDir Path tmp) throws Exception {
        List<PairOutcome> outcomes = List.of(
                new PairOutcome("legacy", "R2", PairOutcome.Status.FAILED,
                        "policy legacy, scenario R2: expected clean, got stale-mapping\n  details <&> \u0001", List.of(),
                        0.25),
                new PairOutcome("legacy", "R4", PairOutcome.Status.PASSED, null, List.of("not judged: verdict clean"),
                        0.01),
                new PairOutcome("mine", "R2", PairOutcome.Status.PASSED, null, List.of(), 0.5),
                new PairOutcome(null, "malformed scenario file a.yaml", PairOutcome.Status.FAILED,
                        "a.yaml:3:4: unknown key", List.of(), 0));
        Path file = tmp.resolve("sub/junit.xml");
        JunitXml.write(file, outcomes);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element legacy = (Element) suites.item(0);
        assertEquals("legacy", legacy.getAttribute("name"));
        assertEquals("2", legacy.getAttribute("tests"));
        Element r2 = (Element) legacy.getElementsByTagName("testcase").item(0);
        assertEquals("legacy", r2.getAttribute("classname"));
        assertEquals("R2", r2.getAttribute("name"));
        Element failure = (Element) r2.getElementsByTagName("failure").item(0);
        assertEquals("policy legacy, scenario R2: expected clean, got stale-mapping", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("details <&>"));
        Element r4 = (Element) legacy.getElementsByTagName("testcase").item(1);
        assertEquals("not judged: verdict clean", r4.getElementsByTagName("system-out").item(0).getTextContent());
        assertEquals("swapbench", ((Element) suites.item(2)).getAttribute("name"));
        assertTrue(Files.readString(file).startsWith("<?xml"));
    }

    @Test
    void headlineIsTheFirstLine() {
        assertEquals("a.yaml:3:4: bad", new PairOutcome(null, "x", PairOutcome.Status.FAILED, "a.yaml:3:4: bad\nmore",
                List.of(), 0).headline());
        assertEquals("policy p, scenario s: aborted", new PairOutcome("p", "s", PairOutcome.Status.ABORTED, null,
                List.of(), 0).headline());
    }
}
