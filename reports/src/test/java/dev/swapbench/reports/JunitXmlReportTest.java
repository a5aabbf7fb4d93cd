package dev.swapbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlReportTest {
    /** Validates against test resource junit.xsd (the Ant/Surefire format, written for these tests). */
    static void validate(String xml) throws Exception {
        URL xsd = JunitXmlReportTest.class.getResource("junit.xsd");
        assertNotNull(xsd);
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.newSchema(xsd).newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element testcase(Document d, String classname, String name) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("classname").equals(classname) && e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + classname + "." + name);
    }

    private static Element child(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    @Test
    void validAgainstTheXsdWithOneTestcasePerPair() throws Exception {
        String xml = JunitXmlReport.render(ReportFixtures.matrix());
        validate(xml);
        Document d = parse(xml);
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("8", root.getAttribute("tests"), "7 pairs and the run's one problem");
        assertEquals("2", root.getAttribute("failures"), "legacy x R7 incomplete, mainline x R7 clean but expected");
        assertEquals("2", root.getAttribute("errors"), "thrower x R2, and the problem");
        assertEquals(5, d.getElementsByTagName("testsuite").getLength(), "one suite per policy, one for problems");

        Element legacyR2 = testcase(d, "legacy", "R2");
        assertEquals("0.060", legacyR2.getAttribute("time"));
        assertEquals(0, legacyR2.getChildNodes().getLength(), "as expected: passes, no children");

        Element mainlineR7 = testcase(d, "mainline-2.6.36", "R7");
        Element failure = child(mainlineR7, "failure");
        assertNotNull(failure);
        assertEquals("expected stale-mapping, got clean", failure.getAttribute("message"));

        Element thrower = testcase(d, "thrower", "R2");
        Element error = child(thrower, "error");
        assertNotNull(error);
        assertTrue(error.getAttribute("message").contains("IllegalStateException: boom <x>"), error.getAttribute(
                "message"));

        Element dropin = testcase(d, "dropin-test", "R2");
        assertEquals(null, child(dropin, "failure"));
        assertTrue(child(dropin, "system-out").getTextContent().startsWith("not judged: scenario R2 states no "
                + "expectation for policy dropin-test; verdict violated: stale-mapping, kernel-bug"),
                child(dropin, "system-out").getTextContent());
    }

    @Test
    void regressionsFailWithTheBaselineMessageAndTheDiagram() throws Exception {
        String xml = JunitXmlReport.render(ReportFixtures.matrixWithBaseline());
        validate(xml);
        Document d = parse(xml);
        Element legacyR2 = testcase(d, "legacy", "R2");
        Element failure = child(legacyR2, "failure");
        assertNotNull(failure, "as expected, but newly violated against the baseline");
        assertTrue(failure.getAttribute("message").startsWith("regression against baseline: newly violated: "
                + "stale-mapping"), failure.getAttribute("message"));
        assertEquals("regression", failure.getAttribute("type"));
        String text = failure.getTextContent();
        assertTrue(text.lines().anyMatch(l -> l.matches("=>9 +set_pte_at\\(.*")),
                "the condensed CPU-column diagram, violating step marked\n" + text);
        assertTrue(text.contains("lookup_swap_cache(swap(1))"), text);
        assertTrue(text.contains("schedule: R B A io0 C R:1 B B B"), text);
        // regressions come first in their suite
        Element legacySuite = (Element) legacyR2.getParentNode();
        assertEquals(legacyR2, legacySuite.getElementsByTagName("testcase").item(0));
        // the removed pair is listed in its policy's suite output
        assertTrue(legacySuite.getTextContent().contains("legacy \u00d7 R9: removed pair"), legacySuite
                .getTextContent());
        assertEquals("3", d.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void anEmptyRunIsStillValid() throws Exception {
        validate(JunitXmlReport.render(Matrix.of(java.util.List.of(), ReportFixtures.meta(), null)));
    }
}
