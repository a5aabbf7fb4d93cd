package dev.swapbench.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the outcomes as JUnit XML for CI: one {@code <testsuite>} per policy (named by the policy id) holding one
 * {@code <testcase classname="POLICY" name="SCENARIO">} per pair, and a {@code swapbench} suite for discovery
 * problems (malformed scenario files ...).
 */
final class JunitXml {
    static final String PROBLEMS_SUITE = "swapbench";

    private JunitXml() {
    }

    static void write(Path file, List<PairOutcome> outcomes) throws IOException {
        Map<String, List<PairOutcome>> suites = new LinkedHashMap<>();
        for (PairOutcome o : outcomes) {
            suites.computeIfAbsent(o.policy() == null ? PROBLEMS_SUITE : o.policy(), k -> new ArrayList<>()).add(o);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "swapbench");
            attributes(w, outcomes);
            w.writeCharacters("\n");
            String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            for (Map.Entry<String, List<PairOutcome>> suite : suites.entrySet()) {
                w.writeCharacters("  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", suite.getKey());
                attributes(w, suite.getValue());
                w.writeAttribute("timestamp", timestamp);
                w.writeCharacters("\n");
                for (PairOutcome o : suite.getValue()) {
                    testcase(w, suite.getKey(), o);
                }
                w.writeCharacters("  ");
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void attributes(XMLStreamWriter w, List<PairOutcome> os) throws XMLStreamException {
        long failures = os.stream().filter(o -> o.status() == PairOutcome.Status.FAILED).count();
        long errors = os.stream().filter(o -> o.status() == PairOutcome.Status.ABORTED).count();
        long skipped = os.stream().filter(o -> o.status() == PairOutcome.Status.SKIPPED).count();
        w.writeAttribute("tests", Integer.toString(os.size()));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("errors", Long.toString(errors));
        w.writeAttribute("skipped", Long.toString(skipped));
        w.writeAttribute("time", seconds(os.stream().mapToDouble(PairOutcome::seconds).sum()));
    }

    private static void testcase(XMLStreamWriter w, String suite, PairOutcome o) throws XMLStreamException {
        w.writeCharacters("    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", suite);
        w.writeAttribute("name", o.name());
        w.writeAttribute("time", seconds(o.seconds()));
        switch (o.status()) {
            case FAILED, ABORTED -> {
                w.writeCharacters("\n      ");
                w.writeStartElement(o.status() == PairOutcome.Status.FAILED ? "failure" : "error");
                w.writeAttribute("message", clean(o.headline()));
                w.writeAttribute("type", o.policy() == null ? "swapbench.problem" : "swapbench.notAsExpected");
                w.writeCharacters(clean(o.message() == null ? "" : o.message()));
                w.writeEndElement();
            }
            case SKIPPED -> {
                w.writeCharacters("\n      ");
                w.writeEmptyElement("skipped");
                if (o.message() != null) {
                    w.writeAttribute("message", clean(o.message()));
                }
            }
            case PASSED -> {
            }
        }
        if (!o.entries().isEmpty()) {
            w.writeCharacters("\n      ");
            w.writeStartElement("system-out");
            w.writeCharacters(clean(String.join("\n", o.entries())));
            w.writeEndElement();
        }
        if (o.status() != PairOutcome.Status.PASSED || !o.entries().isEmpty()) {
            w.writeCharacters("\n    ");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Drops the characters XML 1.0 cannot hold. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000) {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
